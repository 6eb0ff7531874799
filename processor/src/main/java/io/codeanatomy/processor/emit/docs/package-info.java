/** Emits human documentation from the model: the settings reference ({@code settings.md}). */
package io.codeanatomy.processor.emit.docs;
