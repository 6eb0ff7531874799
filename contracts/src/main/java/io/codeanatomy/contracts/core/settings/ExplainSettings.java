package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;

/** What EXPLAIN shows. */
@SettingsSchema(namespace = "datafusion.explain", version = 1)
public record ExplainSettings(
    @Setting(defaultValue = "false", doc = "Whether EXPLAIN shows each operator's output schema.")
    boolean showSchema,

    @Setting(defaultValue = "false", doc = "Whether EXPLAIN shows each operator's statistics.")
    boolean showStatistics,

    @Setting(defaultValue = "indent", doc = "How EXPLAIN renders the plan.")
    ExplainFormat format)
    implements ExplainSettingsContract.Mixin {}
