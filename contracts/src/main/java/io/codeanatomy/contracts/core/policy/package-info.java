/**
 * The CodeAnatomy planning policy: every settings schema of the engine and the named profiles
 * that both the Java planner and the Rust engine select by name.
 */
package io.codeanatomy.contracts.core.policy;
