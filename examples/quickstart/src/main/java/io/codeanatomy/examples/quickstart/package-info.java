/**
 * The quickstart: a web crawler's settings declared as contracts. The processor turns these few
 * records into builders, key registries, a profile catalog with settings hashes, a manifest, a
 * settings reference and (with the Rust parity issue) a Rust module.
 */
package io.codeanatomy.examples.quickstart;
