/**
 * A run's results: each output view written as Parquet files in a folder of its own
 * ({@link io.codeanatomy.runtime.results.ParquetResults}), summarized by its row count and an
 * engine-independent content hash over the canonical form of its rows
 * ({@link io.codeanatomy.runtime.results.ContentHash}), and recorded with the executing engine's
 * provenance in the run manifest ({@link io.codeanatomy.runtime.results.RunResults}), where
 * {@code verify} checks them.
 */
package io.codeanatomy.runtime.results;
