package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.TypeRef;
import io.codeanatomy.processor.model.ValueKind;
import java.util.List;
import java.util.Optional;

/**
 * A settings schema, resolved.
 *
 * @param declared the schema as declared
 * @param fingerprint its schema fingerprint
 * @param settings its settings in component order
 */
public record ResolvedSchema(SettingsSchemaModel declared, String fingerprint,
    List<ResolvedSetting> settings) {

  public ResolvedSchema {
    settings = List.copyOf(settings);
  }

  public TypeRef type() {
    return declared.type();
  }

  public String namespace() {
    return declared.namespace();
  }

  public int version() {
    return declared.version();
  }

  /** Whether it is declared in this compilation (its code is generated here). */
  public boolean local() {
    return declared.local();
  }

  /** Whether the record asked for the generated mixin. */
  public boolean mixin() {
    return declared.mixin();
  }

  public Optional<ResolvedSetting> setting(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /** Whether any setting is a duration. */
  public boolean usesDuration() {
    return settings.stream().anyMatch(s -> s.type().kind() == ValueKind.DURATION);
  }
}
