/**
 * The lock check: compares the compilation's manifest with {@code contracts.lock.json} by the
 * rules of {@code codeanatomy-compat}, points every incompatible change at the declaration that
 * made it, and rewrites the lock when asked to.
 */
package io.codeanatomy.processor.lock;
