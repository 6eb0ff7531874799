package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;

/**
 * The six feature gates: optimizer features that the Java and Rust sides must switch on and off
 * together. Their parity hash ({@code featureGateParityHash}) is the one hash the old Python and
 * Rust sides already shared.
 */
@SettingsSchema(namespace = "datafusion.optimizer", version = 1)
public record FeatureGateSettings(
    @Setting(defaultValue = "true", featureGate = true,
        doc = "Whether operators push dynamic filters (learned at run time) to scans.")
    boolean enableDynamicFilterPushdown,

    @Setting(defaultValue = "true", featureGate = true,
        doc = "Whether hash joins push dynamic filters from the build side to the probe side.")
    boolean enableJoinDynamicFilterPushdown,

    @Setting(defaultValue = "true", featureGate = true,
        doc = "Whether aggregations push dynamic filters (for example MIN/MAX bounds).")
    boolean enableAggregateDynamicFilterPushdown,

    @Setting(defaultValue = "true", featureGate = true,
        doc = "Whether TopK operators push their current threshold as a dynamic filter.")
    boolean enableTopkDynamicFilterPushdown,

    @Setting(defaultValue = "true", featureGate = true,
        doc = "Whether sort requirements are pushed into sources that can produce sorted output.")
    boolean enableSortPushdown,

    @Setting(defaultValue = "true", featureGate = true,
        doc = "Whether symmetric hash joins may run on unbounded inputs without pruning.")
    boolean allowSymmetricJoinsWithoutPruning)
    implements FeatureGateSettingsContract.Mixin {}
