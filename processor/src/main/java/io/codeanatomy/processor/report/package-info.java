/**
 * Reporting: prints problems as javac diagnostics at the exact source position of the
 * declaration, attribute or array element they concern.
 */
package io.codeanatomy.processor.report;
