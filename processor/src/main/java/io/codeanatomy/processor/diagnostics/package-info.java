/**
 * Diagnostics: the stable ids of every problem the processor reports ({@link
 * io.codeanatomy.processor.diagnostics.DiagnosticCode}) and the problems themselves, produced by
 * the reader and the checks and printed by the processor at their origin.
 */
package io.codeanatomy.processor.diagnostics;
