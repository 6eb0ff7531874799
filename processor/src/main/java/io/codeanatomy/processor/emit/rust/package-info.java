/**
 * Emits the Rust parity module of a contract set: one standard-library-only source file with the
 * canonical writer, SHA-256, setting text, and for every schema and policy a struct with its
 * defaults, profiles, key registry, parsing and hashes. Reads only the model.
 */
package io.codeanatomy.processor.emit.rust;
