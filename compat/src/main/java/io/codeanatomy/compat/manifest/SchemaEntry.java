package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * A {@code @SettingsSchema} in a manifest. Immutable.
 *
 * @param kind always {@link #KIND}
 * @param namespace the key namespace, {@code datafusion.execution}
 * @param version the declared version
 * @param javaType the declaring record
 * @param schemaFingerprint SHA-256 of the schema's canonical description
 * @param settings the settings in declaration order
 */
@JsonPropertyOrder({"kind", "namespace", "version", "javaType", "schemaFingerprint", "settings"})
public record SchemaEntry(String kind, String namespace, int version, String javaType,
    String schemaFingerprint, List<SettingEntry> settings) implements Entry {

  public static final String KIND = "settings_schema";

  public SchemaEntry {
    Entries.requireKind(KIND, kind);
    Entries.require("namespace", namespace);
    Entries.require("javaType", javaType);
    Entries.require("schemaFingerprint", schemaFingerprint);
    settings = List.copyOf(settings);
  }

  @Override
  public String identity() {
    return javaType;
  }

  /** The setting with full key {@code key}, if declared. */
  public Optional<SettingEntry> setting(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
