/**
 * Checks over the model: every rule of the contract language that concerns values (keys,
 * defaults, bounds, profiles). Each check reports every problem it finds and never stops at the
 * first; the processor emits nothing while any problem remains.
 */
package io.codeanatomy.processor.check;
