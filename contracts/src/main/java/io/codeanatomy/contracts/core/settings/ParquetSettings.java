package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;
import java.util.OptionalLong;

/** How Parquet files are read: pushdown, indexes and metadata caching. */
@SettingsSchema(namespace = "datafusion.execution.parquet", version = 1)
public record ParquetSettings(
    @Setting(defaultValue = "false", planningAffecting = true,
        doc = "Whether filter predicates are pushed into the Parquet decoder (late "
            + "materialization).")
    boolean pushdownFilters,

    @Setting(defaultValue = "true", planningAffecting = true,
        doc = "Whether the Parquet page index is read to prune pages.")
    boolean enablePageIndex,

    @Setting(defaultValue = "true", planningAffecting = true,
        doc = "Whether Bloom filters are read to prune row groups.")
    boolean bloomFilterOnRead,

    @Setting(defaultValue = "524288", unit = Setting.Unit.BYTES, min = "0",
        doc = "Bytes read from the end of a file in one request to fetch the footer and metadata; "
            + "unset reads the footer first.")
    OptionalLong metadataSizeHint,

    @Setting(unit = Setting.Unit.BYTES, min = "0",
        doc = "Memory for caching evaluated predicate results across row groups; unset uses the "
            + "engine's default.")
    OptionalLong maxPredicateCacheSize,

    @Setting(defaultValue = "true",
        doc = "Whether string and binary columns are read as view types (Utf8View, BinaryView).")
    boolean schemaForceViewTypes)
    implements ParquetSettingsContract.Mixin {}
