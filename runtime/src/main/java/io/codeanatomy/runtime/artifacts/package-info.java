/**
 * The artifacts of a run on disk (plan bundles, the compiled policy, the execution package, as
 * JSON and binary payloads), and their verification: every hash recomputed from the files.
 */
package io.codeanatomy.runtime.artifacts;
