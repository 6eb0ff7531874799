/**
 * The Java side of the Rust parity check: writes what the generated Java computes, and the
 * artifacts the processor put into the contract jars, where the Cargo crate reads them.
 */
package io.codeanatomy.examples.parity;
