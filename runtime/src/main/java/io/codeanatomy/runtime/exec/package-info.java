/**
 * Execution on Calcite's Enumerable engine: the embedded default. Runs a plan bundle's physical
 * plan over the session's registered tables.
 */
package io.codeanatomy.runtime.exec;
