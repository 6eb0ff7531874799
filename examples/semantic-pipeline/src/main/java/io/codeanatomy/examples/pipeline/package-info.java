/**
 * The semantic pipeline: a code base's anatomy turned into relationship views (calls to the
 * definitions that contain them, references to symbols, imports to files), planned as one DAG,
 * executed on the embedded engine, compiled into an execution policy and sealed into a package.
 */
package io.codeanatomy.examples.pipeline;
