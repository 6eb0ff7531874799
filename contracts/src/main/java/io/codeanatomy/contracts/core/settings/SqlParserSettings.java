package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;
import java.util.Optional;

/** How SQL text is parsed; every one of these changes the plan of the same text. */
@SettingsSchema(namespace = "datafusion.sql_parser", version = 1)
public record SqlParserSettings(
    @Setting(defaultValue = "true", planningAffecting = true,
        doc = "Whether unquoted identifiers are folded to lower case.")
    boolean enableIdentNormalization,

    @Setting(defaultValue = "generic", planningAffecting = true,
        doc = "The SQL dialect of the parser (generic, postgresql, mysql, ...).")
    Optional<String> dialect,

    @Setting(defaultValue = "false", planningAffecting = true,
        doc = "Whether literals like 1.5 parse as DECIMAL instead of DOUBLE.")
    boolean parseFloatAsDecimal,

    @Setting(defaultValue = "true", planningAffecting = true,
        doc = "Whether SQL string types map to Utf8View instead of Utf8.")
    boolean mapStringTypesToUtf8view)
    implements SqlParserSettingsContract.Mixin {}
