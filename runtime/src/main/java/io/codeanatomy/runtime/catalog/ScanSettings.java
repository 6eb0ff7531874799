package io.codeanatomy.runtime.catalog;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings that govern how tables are scanned and listed (docs/domain.md, section 6), read from a
 * policy in one place. {@link Catalog#ensureRegistered} is their only application path: every
 * table source receives them there, and nowhere else reads these keys.
 *
 * @param collectStatistics {@code datafusion.execution.collect_statistics}: tables report their
 *     row counts to the planner (a planning-affecting setting: costs, so plans, depend on it)
 * @param metaFetchConcurrency {@code datafusion.execution.meta_fetch_concurrency}: how many files
 *     a listing table reads metadata of at once; the embedded engine reads CSV files one by one
 *     (their order must not depend on timing), so it is carried for the Rust engine
 * @param listFilesCacheLimit {@code datafusion.runtime.list_files_cache_limit}: bytes of cached
 *     directory listings
 * @param listFilesCacheTtl {@code datafusion.runtime.list_files_cache_ttl}: how long a listing
 *     stays cached; empty for as long as the session
 * @param inferPartitions {@code datafusion.execution.listing_table_factory_infer_partitions}:
 *     {@code key=value} directories of a listing table become columns
 * @param ignoreSubdirectory {@code datafusion.execution.listing_table_ignore_subdirectory}: a
 *     listing table reads only the files directly in its directory
 */
public record ScanSettings(
    boolean collectStatistics,
    int metaFetchConcurrency,
    long listFilesCacheLimit,
    Optional<Duration> listFilesCacheTtl,
    boolean inferPartitions,
    boolean ignoreSubdirectory) {

  public ScanSettings {
    if (metaFetchConcurrency < 1) {
      throw new IllegalArgumentException("meta_fetch_concurrency is at least 1, got "
          + metaFetchConcurrency);
    }
  }

  /** The scan settings of a policy profile. */
  public static ScanSettings of(CodeAnatomyPolicy policy) {
    return new ScanSettings(
        policy.execution().collectStatistics(),
        policy.execution().metaFetchConcurrency(),
        policy.runtime().listFilesCacheLimit(),
        policy.runtime().listFilesCacheTtl(),
        policy.execution().listingTableFactoryInferPartitions(),
        policy.execution().listingTableIgnoreSubdirectory());
  }
}
