/**
 * The small run-time library that generated code calls: setting descriptors (the key registry's
 * rows), violation reporting that collects every problem before failing, and the exceptions users
 * catch. Canonical encoding and hashing live in {@code io.codeanatomy.contracts.canonical}.
 */
package io.codeanatomy.contracts.support;
