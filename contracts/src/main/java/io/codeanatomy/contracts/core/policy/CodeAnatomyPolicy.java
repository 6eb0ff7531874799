package io.codeanatomy.contracts.core.policy;

import io.codeanatomy.contracts.annotations.PlanningPolicy;
import io.codeanatomy.contracts.annotations.Profile;
import io.codeanatomy.contracts.core.settings.CatalogSettings;
import io.codeanatomy.contracts.core.settings.ExecutionSettings;
import io.codeanatomy.contracts.core.settings.ExplainSettings;
import io.codeanatomy.contracts.core.settings.FeatureGateSettings;
import io.codeanatomy.contracts.core.settings.FormatSettings;
import io.codeanatomy.contracts.core.settings.OptimizerSettings;
import io.codeanatomy.contracts.core.settings.ParquetSettings;
import io.codeanatomy.contracts.core.settings.RuntimeSettings;
import io.codeanatomy.contracts.core.settings.SqlParserSettings;

/**
 * The CodeAnatomy planning policy. Two families of profiles used to live apart: the Python side's
 * presets ({@code default}, {@code dev}, {@code prod}, {@code symtable}) and the Rust side's size
 * classes ({@code small}, {@code medium}, {@code large}), and the same name meant different
 * settings on each side. Here both are declared once, so a name means the same settings, and the
 * same settings hash, in Java and in Rust.
 */
@PlanningPolicy(name = "codeanatomy", version = 1)
@Profile(name = "default",
    doc = "The preset for everyday runs: statistics and filter pushdown on, generous caches.",
    set = {
        "datafusion.execution.collect_statistics=true",
        "datafusion.execution.meta_fetch_concurrency=8",
        "datafusion.execution.planning_concurrency=8",
        "datafusion.execution.parquet.pushdown_filters=true",
        "datafusion.execution.parquet.max_predicate_cache_size=64MiB",
        "datafusion.execution.parquet.enable_page_index=true",
        "datafusion.execution.parquet.metadata_size_hint=1048576",
        "datafusion.runtime.list_files_cache_limit=128MiB",
        "datafusion.runtime.list_files_cache_ttl=2m",
        "datafusion.runtime.metadata_cache_limit=256MiB",
        "datafusion.runtime.memory_limit=8GiB",
        "datafusion.runtime.temp_directory=/tmp/datafusion",
        "datafusion.runtime.max_temp_directory_size=100GiB"})
@Profile(name = "dev", extendsProfile = "default",
    doc = "A developer machine: less concurrency, smaller caches and memory.",
    set = {
        "datafusion.execution.meta_fetch_concurrency=4",
        "datafusion.execution.planning_concurrency=2",
        "datafusion.execution.parquet.max_predicate_cache_size=32MiB",
        "datafusion.execution.parquet.metadata_size_hint=524288",
        "datafusion.runtime.list_files_cache_limit=64MiB",
        "datafusion.runtime.metadata_cache_limit=128MiB",
        "datafusion.runtime.memory_limit=4GiB",
        "datafusion.runtime.max_temp_directory_size=50GiB"})
@Profile(name = "prod", extendsProfile = "default",
    doc = "Production: more concurrency, larger caches and memory, longer listing TTL.",
    set = {
        "datafusion.execution.meta_fetch_concurrency=16",
        "datafusion.execution.planning_concurrency=16",
        "datafusion.execution.parquet.max_predicate_cache_size=128MiB",
        "datafusion.execution.parquet.metadata_size_hint=2097152",
        "datafusion.runtime.list_files_cache_limit=256MiB",
        "datafusion.runtime.list_files_cache_ttl=5m",
        "datafusion.runtime.metadata_cache_limit=512MiB",
        "datafusion.runtime.memory_limit=16GiB",
        "datafusion.runtime.max_temp_directory_size=200GiB"})
@Profile(name = "symtable", extendsProfile = "default",
    doc = "Symbol-table extraction: no statistics, plain string types, schemas in EXPLAIN.",
    set = {
        "datafusion.execution.collect_statistics=false",
        "datafusion.runtime.list_files_cache_limit=64MiB",
        "datafusion.runtime.list_files_cache_ttl=1m",
        "datafusion.execution.listing_table_factory_infer_partitions=false",
        "datafusion.explain.show_schema=true",
        "datafusion.format.types_info=true",
        "datafusion.execution.time_zone=UTC",
        "datafusion.sql_parser.map_string_types_to_utf8view=false",
        "datafusion.execution.parquet.schema_force_view_types=false",
        "datafusion.optimizer.expand_views_at_output=false"})
@Profile(name = "small", doc = "Size class small: a laptop or a CI runner.",
    set = {
        "datafusion.catalog.default_catalog=codeanatomy",
        "datafusion.execution.target_partitions=4",
        "datafusion.execution.batch_size=4096",
        "datafusion.execution.planning_concurrency=4",
        "datafusion.execution.meta_fetch_concurrency=8",
        "datafusion.runtime.memory_limit=256MiB",
        "datafusion.runtime.max_temp_directory_size=1GiB",
        "datafusion.optimizer.repartition_file_min_size=32MiB",
        "datafusion.runtime.metadata_cache_limit=50MiB",
        "datafusion.runtime.list_files_cache_limit=1MiB",
        "datafusion.optimizer.max_passes=3",
        "datafusion.optimizer.skip_failed_rules=false",
        "datafusion.sql_parser.enable_ident_normalization=false",
        "datafusion.optimizer.filter_null_join_keys=true",
        "datafusion.explain.show_statistics=true",
        "datafusion.explain.show_schema=true"})
@Profile(name = "medium", doc = "Size class medium: a workstation or a mid-sized worker.",
    set = {
        "datafusion.catalog.default_catalog=codeanatomy",
        "datafusion.execution.target_partitions=8",
        "datafusion.execution.batch_size=8192",
        "datafusion.execution.planning_concurrency=8",
        "datafusion.execution.meta_fetch_concurrency=32",
        "datafusion.runtime.memory_limit=1GiB",
        "datafusion.runtime.max_temp_directory_size=10GiB",
        "datafusion.optimizer.repartition_file_min_size=64MiB",
        "datafusion.runtime.metadata_cache_limit=50MiB",
        "datafusion.runtime.list_files_cache_limit=1MiB",
        "datafusion.optimizer.max_passes=3",
        "datafusion.optimizer.skip_failed_rules=false",
        "datafusion.sql_parser.enable_ident_normalization=false",
        "datafusion.optimizer.filter_null_join_keys=true",
        "datafusion.explain.show_statistics=true",
        "datafusion.explain.show_schema=true"})
@Profile(name = "large", doc = "Size class large: a dedicated server.",
    set = {
        "datafusion.catalog.default_catalog=codeanatomy",
        "datafusion.execution.target_partitions=16",
        "datafusion.execution.batch_size=16384",
        "datafusion.execution.planning_concurrency=16",
        "datafusion.execution.meta_fetch_concurrency=32",
        "datafusion.runtime.memory_limit=4GiB",
        "datafusion.runtime.max_temp_directory_size=100GiB",
        "datafusion.optimizer.repartition_file_min_size=128MiB",
        "datafusion.runtime.metadata_cache_limit=200MiB",
        "datafusion.runtime.list_files_cache_limit=1MiB",
        "datafusion.optimizer.max_passes=3",
        "datafusion.optimizer.skip_failed_rules=false",
        "datafusion.sql_parser.enable_ident_normalization=false",
        "datafusion.optimizer.filter_null_join_keys=true",
        "datafusion.explain.show_statistics=true",
        "datafusion.explain.show_schema=true"})
public record CodeAnatomyPolicy(
    CatalogSettings catalog,
    ExecutionSettings execution,
    ParquetSettings parquet,
    OptimizerSettings optimizer,
    FeatureGateSettings featureGates,
    SqlParserSettings sqlParser,
    ExplainSettings explain,
    FormatSettings format,
    RuntimeSettings runtime)
    implements CodeAnatomyPolicyContract.Mixin {}
