/**
 * Emits {@code META-INF/codeanatomy/contracts.manifest.json} with Jackson: every contract, field,
 * type, default, version and schema fingerprint, and every profile's effective settings and
 * expected hashes. Deterministic: fixed key order, {@code \n} line ends, no timestamps.
 */
package io.codeanatomy.processor.emit.manifest;
