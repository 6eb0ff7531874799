package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;

/** How values are formatted for display. */
@SettingsSchema(namespace = "datafusion.format", version = 1)
public record FormatSettings(
    @Setting(defaultValue = "false", doc = "Whether displayed values carry their data type.")
    boolean typesInfo)
    implements FormatSettingsContract.Mixin {}
