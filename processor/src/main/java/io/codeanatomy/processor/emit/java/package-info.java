/**
 * Emits Java with JavaPoet from the model: for each settings schema a builder, a key registry and
 * a mixin; for each policy a builder, the settings registry with its hashes, the profile catalog
 * and a mixin. Reads only the model.
 */
package io.codeanatomy.processor.emit.java;
