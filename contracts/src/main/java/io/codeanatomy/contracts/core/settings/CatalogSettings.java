package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;

/** Where unqualified table names resolve, and whether the information schema is exposed. */
@SettingsSchema(namespace = "datafusion.catalog", version = 1)
public record CatalogSettings(
    @Setting(defaultValue = "datafusion", planningAffecting = true,
        doc = "The catalog that unqualified table names resolve in.")
    String defaultCatalog,

    @Setting(defaultValue = "public", planningAffecting = true,
        doc = "The schema that unqualified table names resolve in.")
    String defaultSchema,

    @Setting(defaultValue = "true",
        doc = "Whether information_schema views are available. CodeAnatomy reads its own settings "
            + "back through information_schema.df_settings, so it keeps this on.")
    boolean informationSchema)
    implements CatalogSettingsContract.Mixin {}
