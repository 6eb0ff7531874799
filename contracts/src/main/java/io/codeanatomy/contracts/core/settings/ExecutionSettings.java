package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;

/** How plans execute: parallelism, batching, statistics and listing behaviour. */
@SettingsSchema(namespace = "datafusion.execution", version = 1)
public record ExecutionSettings(
    @Setting(defaultValue = "8", min = "1", planningAffecting = true,
        doc = "Number of partitions a plan is split into for parallel execution; it shapes "
            + "repartitioning in the physical plan.")
    int targetPartitions,

    @Setting(defaultValue = "8192", min = "1",
        doc = "Rows per record batch handed between operators.")
    int batchSize,

    @Setting(defaultValue = "8", min = "1",
        doc = "How many plans may be planned concurrently (for example the branches of a UNION).")
    int planningConcurrency,

    @Setting(defaultValue = "32", min = "1",
        doc = "How many file metadata requests run concurrently when listing and inferring "
            + "schemas.")
    int metaFetchConcurrency,

    @Setting(defaultValue = "true", planningAffecting = true,
        doc = "Whether statistics are collected when a table is registered; the optimizer uses "
            + "them for join ordering and pruning.")
    boolean collectStatistics,

    @Setting(defaultValue = "+00:00",
        doc = "The session time zone used for timestamps without one.")
    String timeZone,

    @Setting(defaultValue = "true", doc = "Whether recursive common table expressions are allowed.")
    boolean enableRecursiveCtes,

    @Setting(defaultValue = "true",
        doc = "Whether small batches are coalesced into batches of about batch_size rows.")
    boolean coalesceBatches,

    @Setting(defaultValue = "false", planningAffecting = true,
        doc = "Whether ANSI SQL semantics apply (for example errors instead of NULL on overflow).")
    boolean enableAnsiMode,

    @Setting(defaultValue = "false",
        doc = "Whether the physical aggregate schema check is skipped.")
    boolean skipPhysicalAggregateSchemaCheck,

    @Setting(defaultValue = "true",
        doc = "Whether listing tables infer Hive-style partition columns from directory names.")
    boolean listingTableFactoryInferPartitions,

    @Setting(defaultValue = "true",
        doc = "Whether listing tables ignore files in subdirectories.")
    boolean listingTableIgnoreSubdirectory)
    implements ExecutionSettingsContract.Mixin {}
