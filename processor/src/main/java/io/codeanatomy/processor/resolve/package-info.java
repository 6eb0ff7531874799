/**
 * The resolved model: what the emitters need, computed once after the checks pass. Canonical
 * setting texts, generated names, schema fingerprints, resolved profiles with their effective
 * settings and hashes, contract field layouts, and the manifest entries the lock check compares.
 * The Java, Rust, docs and manifest emitters read only this; nothing here touches
 * {@code javax.lang.model}, so it is tested without javac.
 */
package io.codeanatomy.processor.resolve;
