package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.Scope;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.Unit;
import io.codeanatomy.processor.model.ValueType;
import java.util.Optional;

/**
 * A setting with its texts in canonical form and its generated names.
 *
 * @param declared the setting as declared
 * @param position its position among the schema's components
 * @param relativeKey the key relative to the namespace, {@code parquet.pushdown_filters}
 * @param keyConstant the constant naming the key, {@code PARQUET_PUSHDOWN_FILTERS}
 * @param defaultValue the default as canonical text; empty when unset by default
 * @param min the lower bound as canonical text, if any
 * @param max the upper bound as canonical text, if any
 */
public record ResolvedSetting(SettingModel declared, int position, String relativeKey,
    String keyConstant, Optional<String> defaultValue, Optional<String> min,
    Optional<String> max) {

  public String key() {
    return declared.key();
  }

  public String component() {
    return declared.component();
  }

  public ValueType type() {
    return declared.type();
  }

  public String doc() {
    return declared.doc();
  }

  public Unit unit() {
    return declared.unit();
  }

  public Scope scope() {
    return declared.scope();
  }

  public boolean planningAffecting() {
    return declared.planningAffecting();
  }

  public boolean featureGate() {
    return declared.featureGate();
  }

  public boolean optional() {
    return declared.type().optional();
  }

  /** Whether it carries a min or a max. */
  public boolean bounded() {
    return min.isPresent() || max.isPresent();
  }
}
