/**
 * Payload I/O: every contract value is written and read with an envelope that names its contract,
 * version and schema fingerprint. Protobuf messages as JSON ({@code JsonFormat}) and binary
 * protobuf; records as JSON (Jackson). Reading checks the envelope against this build, the JSON
 * types against the schema, unknown fields (refused by strict contracts, kept by forward-compatible
 * ones) and hash fields, and reports every problem naming the contract and the field.
 */
package io.codeanatomy.runtime.payload;
