/**
 * The contract language: annotations that declare settings schemas, planning policies with named
 * profiles, and hashed contract records. The annotation processor ({@code codeanatomy-processor})
 * reads them at compile time, checks them, and generates Java builders, key registries, profile
 * catalogs, hash functions, a Rust parity module, a manifest and docs.
 *
 * <p>Every check the processor makes is a compile error at the annotated element with a stable id
 * ({@code [CA010 DUPLICATE_KEY] ...}); {@code docs/diagnostics.md} lists them all.
 */
package io.codeanatomy.contracts.annotations;
