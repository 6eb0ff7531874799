package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;

/**
 * How the optimizer rewrites plans. The dynamic-filter and sort-pushdown gates of the same
 * namespace are in {@link FeatureGateSettings}.
 */
@SettingsSchema(namespace = "datafusion.optimizer", version = 1)
public record OptimizerSettings(
    @Setting(defaultValue = "3", min = "1", planningAffecting = true,
        doc = "How many times the logical optimizer runs its rule list.")
    int maxPasses,

    @Setting(defaultValue = "false", planningAffecting = true,
        doc = "Whether an optimizer rule that fails is skipped instead of failing the query.")
    boolean skipFailedRules,

    @Setting(defaultValue = "true", planningAffecting = true,
        doc = "Whether hash joins are preferred over sort-merge joins.")
    boolean preferHashJoin,

    @Setting(defaultValue = "false",
        doc = "Whether rows with NULL join keys are filtered out before inner joins.")
    boolean filterNullJoinKeys,

    @Setting(defaultValue = "true", doc = "Whether joins are repartitioned on their keys.")
    boolean repartitionJoins,

    @Setting(defaultValue = "true", doc = "Whether aggregations are repartitioned on their keys.")
    boolean repartitionAggregations,

    @Setting(defaultValue = "true",
        doc = "Whether window functions are repartitioned on their partition keys.")
    boolean repartitionWindows,

    @Setting(defaultValue = "true", doc = "Whether sorts run per partition before a merge.")
    boolean repartitionSorts,

    @Setting(defaultValue = "true", doc = "Whether file scans are split into byte ranges.")
    boolean repartitionFileScans,

    @Setting(defaultValue = "10485760", unit = Setting.Unit.BYTES, min = "0",
        doc = "The smallest file size that is split into several scan ranges.")
    long repartitionFileMinSize,

    @Setting(defaultValue = "false",
        doc = "Whether view types are cast back to their base types in query output.")
    boolean expandViewsAtOutput)
    implements OptimizerSettingsContract.Mixin {}
