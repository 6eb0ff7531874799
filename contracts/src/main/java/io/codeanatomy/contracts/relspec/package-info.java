/**
 * The relspec contracts: records whose hash is their identity. Wire payloads are declared as
 * protobuf messages ({@code src/main/proto/codeanatomy/relspec/v1}: execution package, plan
 * fingerprint and identity, environment snapshots, cache diagnostics); policy records are declared
 * here as annotated records (compiled execution policy, inference confidence, calibration, the
 * planning surface). Both spellings give the same generated artifacts. docs/relspec.md shows each
 * payload and its hash layout.
 */
package io.codeanatomy.contracts.relspec;
