/**
 * A run's results: each output view written as Parquet files in a folder of its own
 * ({@link io.codeanatomy.runtime.results.ParquetResults}), summarized by its row count and an
 * engine-independent content hash over the canonical form of its rows
 * ({@link io.codeanatomy.runtime.results.ContentHash}), and gathered with the executing engine's
 * provenance ({@link io.codeanatomy.runtime.results.RunResults}) for the run manifest, which
 * {@code io.codeanatomy.runtime.artifacts} writes and verifies.
 */
package io.codeanatomy.runtime.results;
