package io.codeanatomy.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A {@code @SettingsSchema} record.
 *
 * @param type the record
 * @param namespace the key namespace
 * @param version the declared version
 * @param settings the settings in component order
 * @param local whether it is declared in this compilation (its code is generated here) rather
 *     than read from a compiled class of a dependency
 * @param complete whether every component could be read; an incomplete schema is still checked,
 *     but policies do not resolve keys against it (that would report keys it does declare)
 * @param mixin whether the record declares {@code implements <Record>Mixin}, which asks for the
 *     generated mixin interface
 * @param origin the {@code @SettingsSchema} annotation
 */
public record SettingsSchemaModel(
    TypeRef type, String namespace, int version, List<SettingModel> settings, boolean local,
    boolean complete, boolean mixin, Origin origin) {

  public SettingsSchemaModel {
    settings = List.copyOf(settings);
  }

  /** The same schema, seen as declared elsewhere (an earlier round, or a dependency). */
  public SettingsSchemaModel asExternal() {
    return new SettingsSchemaModel(type, namespace, version, settings, false, complete, mixin,
        origin);
  }

  public Optional<SettingModel> setting(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
