package io.codeanatomy.contracts.core;

import java.util.List;

/** Every key of docs/domain.md, section 1, written out by hand so that a dropped key fails a test. */
final class DomainKeys {

  static final List<String> ALL = List.of(
      "datafusion.catalog.default_catalog",
      "datafusion.catalog.default_schema",
      "datafusion.catalog.information_schema",
      "datafusion.execution.target_partitions",
      "datafusion.execution.batch_size",
      "datafusion.execution.planning_concurrency",
      "datafusion.execution.meta_fetch_concurrency",
      "datafusion.execution.collect_statistics",
      "datafusion.execution.time_zone",
      "datafusion.execution.enable_recursive_ctes",
      "datafusion.execution.coalesce_batches",
      "datafusion.execution.enable_ansi_mode",
      "datafusion.execution.skip_physical_aggregate_schema_check",
      "datafusion.execution.listing_table_factory_infer_partitions",
      "datafusion.execution.listing_table_ignore_subdirectory",
      "datafusion.execution.parquet.pushdown_filters",
      "datafusion.execution.parquet.enable_page_index",
      "datafusion.execution.parquet.bloom_filter_on_read",
      "datafusion.execution.parquet.metadata_size_hint",
      "datafusion.execution.parquet.max_predicate_cache_size",
      "datafusion.execution.parquet.schema_force_view_types",
      "datafusion.optimizer.max_passes",
      "datafusion.optimizer.skip_failed_rules",
      "datafusion.optimizer.prefer_hash_join",
      "datafusion.optimizer.filter_null_join_keys",
      "datafusion.optimizer.repartition_joins",
      "datafusion.optimizer.repartition_aggregations",
      "datafusion.optimizer.repartition_windows",
      "datafusion.optimizer.repartition_sorts",
      "datafusion.optimizer.repartition_file_scans",
      "datafusion.optimizer.repartition_file_min_size",
      "datafusion.optimizer.expand_views_at_output",
      "datafusion.optimizer.enable_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_join_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_aggregate_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_topk_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_sort_pushdown",
      "datafusion.optimizer.allow_symmetric_joins_without_pruning",
      "datafusion.sql_parser.enable_ident_normalization",
      "datafusion.sql_parser.dialect",
      "datafusion.sql_parser.parse_float_as_decimal",
      "datafusion.sql_parser.map_string_types_to_utf8view",
      "datafusion.explain.show_schema",
      "datafusion.explain.show_statistics",
      "datafusion.explain.format",
      "datafusion.format.types_info",
      "datafusion.runtime.memory_limit",
      "datafusion.runtime.temp_directory",
      "datafusion.runtime.max_temp_directory_size",
      "datafusion.runtime.list_files_cache_limit",
      "datafusion.runtime.list_files_cache_ttl",
      "datafusion.runtime.metadata_cache_limit");

  /** The planning-affecting keys of docs/domain.md, section 1. */
  static final List<String> PLANNING_AFFECTING = List.of(
      "datafusion.catalog.default_catalog",
      "datafusion.catalog.default_schema",
      "datafusion.execution.target_partitions",
      "datafusion.execution.collect_statistics",
      "datafusion.execution.enable_ansi_mode",
      "datafusion.execution.parquet.pushdown_filters",
      "datafusion.execution.parquet.enable_page_index",
      "datafusion.execution.parquet.bloom_filter_on_read",
      "datafusion.optimizer.max_passes",
      "datafusion.optimizer.skip_failed_rules",
      "datafusion.optimizer.prefer_hash_join",
      "datafusion.sql_parser.enable_ident_normalization",
      "datafusion.sql_parser.dialect",
      "datafusion.sql_parser.parse_float_as_decimal",
      "datafusion.sql_parser.map_string_types_to_utf8view");

  static final List<String> FEATURE_GATES = List.of(
      "datafusion.optimizer.enable_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_join_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_aggregate_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_topk_dynamic_filter_pushdown",
      "datafusion.optimizer.enable_sort_pushdown",
      "datafusion.optimizer.allow_symmetric_joins_without_pruning");

  static final List<String> PROFILES =
      List.of("default", "dev", "prod", "symtable", "small", "medium", "large");

  private DomainKeys() {}
}
