package io.codeanatomy.processor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One declared setting.
 *
 * @param component the record component name ({@code targetPartitions})
 * @param key the full key ({@code datafusion.execution.target_partitions})
 * @param type the value type
 * @param defaultText the default as written in the annotation; empty when none was given
 * @param doc the documentation text, verbatim
 * @param min the lower bound as written, if any
 * @param max the upper bound as written, if any
 * @param unit the declared unit
 * @param scope where the engine applies it
 * @param planningAffecting whether it enters the planning-environment hash
 * @param featureGate whether it enters the feature-gate parity hash
 * @param origin the {@code @Setting} annotation
 */
public record SettingModel(
    String component,
    String key,
    ValueType type,
    Optional<String> defaultText,
    String doc,
    Optional<String> min,
    Optional<String> max,
    Unit unit,
    Scope scope,
    boolean planningAffecting,
    boolean featureGate,
    Origin origin) {

  public SettingModel {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(origin, "origin");
  }
}
