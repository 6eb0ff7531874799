package io.codeanatomy.processor.check;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.DEFAULT_OUT_OF_RANGE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.DUPLICATE_KEY;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.FEATURE_GATE_NOT_BOOLEAN;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.GENERATED_NAME_CLASH;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_BOUND;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_KEY;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_NAMESPACE;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.MISSING_DEFAULT;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.NON_ASCII_KEY;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.UNPARSABLE_DEFAULT;

import io.codeanatomy.contracts.canonical.SettingTextException;
import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.SettingModel;
import io.codeanatomy.processor.model.SettingValues;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.model.ValueKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Checks one settings schema: namespace, keys, defaults, bounds and flags. */
final class SchemaChecks {

  private SchemaChecks() {}

  static void check(SettingsSchemaModel schema, Problems problems) {
    boolean namespaceValid = Names.isDottedLowerSnake(schema.namespace());
    if (!namespaceValid) {
      problems.report(INVALID_NAMESPACE, schema.origin().attribute("namespace"),
          "namespace '" + schema.namespace() + "' must be dot-separated segments of lower-case "
              + "ASCII letters, digits and '_', each starting with a letter "
              + "(for example datafusion.execution)");
    }
    Map<String, SettingModel> byKey = new HashMap<>();
    Map<String, SettingModel> byConstant = new HashMap<>();
    for (SettingModel setting : schema.settings()) {
      boolean keyValid = checkKey(setting, problems);
      SettingModel first = byKey.putIfAbsent(setting.key(), setting);
      if (first != null) {
        problems.report(DUPLICATE_KEY, setting.origin().attribute("key"),
            "key " + setting.key() + " of component '" + setting.component()
                + "' is already declared by component '" + first.component() + "'");
      } else if (keyValid && namespaceValid) {
        checkConstantName(schema, setting, byConstant, problems);
      }
      checkFeatureGate(setting, problems);
      boolean boundsValid = checkBounds(setting, problems);
      checkDefault(setting, boundsValid, problems);
    }
  }

  private static boolean checkKey(SettingModel setting, Problems problems) {
    if (!Names.isAscii(setting.key())) {
      problems.report(NON_ASCII_KEY, setting.origin().attribute("key"),
          "key '" + setting.key() + "' contains non-ASCII characters; keys are ASCII so that every "
              + "engine, file format and shell reads them alike");
      return false;
    }
    if (!Names.isDottedLowerSnake(setting.key())) {
      problems.report(INVALID_KEY, setting.origin().attribute("key"),
          "key '" + setting.key() + "' must be dot-separated segments of lower-case letters, "
              + "digits and '_', each starting with a letter");
      return false;
    }
    return true;
  }

  private static void checkConstantName(SettingsSchemaModel schema, SettingModel setting,
      Map<String, SettingModel> byConstant, Problems problems) {
    String constant = Names.keyConstant(schema, setting);
    if (Names.RESERVED_KEY_CONSTANTS.contains(constant)) {
      problems.report(GENERATED_NAME_CLASH, setting.origin().attribute("key"),
          "key " + setting.key() + " would generate the constant " + constant
              + ", which the generated Java or Rust schema already uses; choose another key");
      return;
    }
    SettingModel other = byConstant.putIfAbsent(constant, setting);
    if (other != null) {
      problems.report(GENERATED_NAME_CLASH, setting.origin().attribute("key"),
          "keys " + other.key() + " and " + setting.key() + " would both generate the constant "
              + constant + "; rename one of them");
    }
  }

  private static void checkFeatureGate(SettingModel setting, Problems problems) {
    if (setting.featureGate()
        && (setting.type().kind() != ValueKind.BOOLEAN || setting.type().optional())) {
      problems.report(FEATURE_GATE_NOT_BOOLEAN, setting.origin().attribute("featureGate"),
          "feature gate " + setting.key() + " must be a boolean, but it is "
              + setting.type().description());
    }
  }

  /** Returns whether both bounds are usable for range checks. */
  private static boolean checkBounds(SettingModel setting, Problems problems) {
    if (setting.min().isEmpty() && setting.max().isEmpty()) {
      return true;
    }
    if (!setting.type().kind().isOrdered()) {
      String attribute = setting.min().isPresent() ? "min" : "max";
      problems.report(INVALID_BOUND, setting.origin().attribute(attribute),
          "min/max apply to numbers, byte sizes and durations, but " + setting.key() + " is "
              + setting.type().description());
      return false;
    }
    Optional<String> min = bound(setting, "min", setting.min(), problems);
    Optional<String> max = bound(setting, "max", setting.max(), problems);
    if (setting.min().isPresent() && min.isEmpty() || setting.max().isPresent() && max.isEmpty()) {
      return false;
    }
    if (min.isPresent() && max.isPresent()
        && SettingValues.compare(setting.type(), min.get(), max.get()) > 0) {
      problems.report(INVALID_BOUND, setting.origin().attribute("max"),
          "max " + max.get() + " of " + setting.key() + " is less than min " + min.get());
      return false;
    }
    return true;
  }

  private static Optional<String> bound(
      SettingModel setting, String attribute, Optional<String> text, Problems problems) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SettingValues.canonical(setting.type(), text.get()));
    } catch (SettingTextException e) {
      problems.report(INVALID_BOUND, setting.origin().attribute(attribute),
          attribute + " of " + setting.key() + " does not parse as " + setting.type().description()
              + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static void checkDefault(SettingModel setting, boolean boundsValid, Problems problems) {
    if (setting.defaultText().isEmpty()) {
      if (!setting.type().optional()) {
        problems.report(MISSING_DEFAULT, setting.origin(),
            "setting " + setting.key() + " (" + setting.type().description()
                + ") needs a defaultValue; only optional settings may be unset by default");
      }
      return;
    }
    String canonical;
    try {
      canonical = SettingValues.canonical(setting.type(), setting.defaultText().get());
    } catch (SettingTextException e) {
      problems.report(UNPARSABLE_DEFAULT, setting.origin().attribute("defaultValue"),
          "default of " + setting.key() + " does not parse as " + setting.type().description()
              + ": " + e.getMessage());
      return;
    }
    if (boundsValid) {
      String problem = SettingValues.rangeProblem(setting, canonical);
      if (problem != null) {
        problems.report(DEFAULT_OUT_OF_RANGE, setting.origin().attribute("defaultValue"),
            "default " + canonical + " of " + setting.key() + " " + problem);
      }
    }
  }
}
