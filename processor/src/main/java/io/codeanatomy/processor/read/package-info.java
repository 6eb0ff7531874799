/**
 * The front end: reads annotated records through {@code javax.lang.model} into the plain model,
 * reporting what the model cannot represent (not a record, an unsupported type, a missing
 * annotation). It knows the annotations by their names only.
 */
package io.codeanatomy.processor.read;
