package io.codeanatomy.runtime.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.relspec.CachePolicy;
import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.InferenceConfidence;
import io.codeanatomy.contracts.relspec.JoinStrategy;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.contracts.relspec.ViewPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordPayloadsTest {

  private static final String H = "e".repeat(64);

  private final RecordPayloads<CompiledExecutionPolicy> policies =
      RecordPayloads.of(CompiledExecutionPolicy.class);
  private final RecordPayloads<CalibrationResult> calibrations =
      RecordPayloads.of(CalibrationResult.class);

  private static CompiledExecutionPolicy policy(Map<String, ViewPolicy> views) {
    return new CompiledExecutionPolicy(ValidationMode.ERROR, "interactive", views, H, "", H, "",
        "recorded fingerprint");
  }

  private static Map<String, ViewPolicy> views() {
    Map<String, ViewPolicy> views = new LinkedHashMap<>();
    views.put("views.spans", new ViewPolicy(CachePolicy.DELTA_STAGING, JoinStrategy.SPAN_CONTAINS,
        new InferenceConfidence(JoinStrategy.SPAN_CONTAINS, 0.95, true, Optional.empty()),
        List.of("span_overlaps", "stable_hash64")));
    views.put("views.edges", new ViewPolicy(CachePolicy.NONE, JoinStrategy.EQUI_JOIN,
        new InferenceConfidence(JoinStrategy.EQUI_JOIN, 0.49, false,
            Optional.of("equi_join scores 0.6 \"quoted\" \\ é")),
        List.of()));
    return views;
  }

  /** The JSON of the sample policy with one edit applied to its text. */
  private String json(String from, String to) {
    String json = policies.toJson(policy(views()));
    assertTrue(json.contains(from), json);
    return json.replace(from, to);
  }

  @Test
  void jsonRoundTripsLosslesslyAndKeepsTheHash() {
    CompiledExecutionPolicy value = policy(views());
    String json = policies.toJson(value);
    Decoded<CompiledExecutionPolicy> read = policies.fromJson(json);
    assertEquals(value, read.value());
    assertEquals(CompiledExecutionPolicyContract.hash(value),
        CompiledExecutionPolicyContract.hash(read.value()));
    assertEquals(json, policies.toJson(read.value()));
  }

  @Test
  void jsonUsesContractNamesAndLowerCaseEnums() {
    String json = policies.toJson(policy(views()));
    assertTrue(json.contains("\"contract\": \"compiled_execution_policy\""), json);
    assertTrue(json.contains("\"validation_mode\": \"error\""), json);
    assertTrue(json.contains("\"join_strategy\": \"span_contains\""), json);
    assertTrue(json.contains("\"fallback_reason\": null"), json);
    assertTrue(json.contains("\"planning_env_hash\": \"" + H + "\""), json);
    // views sorted by key, whatever the map's order
    assertTrue(json.indexOf("views.edges") < json.indexOf("views.spans"), json);
  }

  @Test
  void jsonDoesNotDependOnTheLocaleOrMapOrder() {
    Map<String, ViewPolicy> reversed = new LinkedHashMap<>();
    List<String> keys = List.copyOf(views().keySet());
    for (int i = keys.size() - 1; i >= 0; i--) {
      reversed.put(keys.get(i), views().get(keys.get(i)));
    }
    String expected = policies.toJson(policy(views()));
    Locale saved = Locale.getDefault();
    try {
      // Turkish lower-cases I to a dotless i: SPAN_CONTAINS must still be span_contains.
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals(expected, policies.toJson(policy(reversed)));
      assertEquals(policy(views()), policies.fromJson(expected).value());
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void wrongTypesAreRefusedByField() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> policies.fromJson(json("\"workload_class\": \"interactive\"",
            "\"workload_class\": 12")));
    assertEquals("cannot read compiled_execution_policy field workload_class: expected a string, "
        + "got a number 12", e.getMessage());
    PayloadException nested = assertThrows(PayloadException.class,
        () -> policies.fromJson(json("\"score\": 0.95", "\"score\": \"high\"")));
    assertEquals("views[views.spans].confidence.score", nested.field());
    PayloadException badEnum = assertThrows(PayloadException.class,
        () -> policies.fromJson(json("\"validation_mode\": \"error\"",
            "\"validation_mode\": \"ERROR\"")));
    assertEquals("cannot read compiled_execution_policy field validation_mode: expected one of "
        + "off, warn, error, got 'ERROR'", badEnum.getMessage());
    PayloadException nulled = assertThrows(PayloadException.class,
        () -> policies.fromJson(json("\"workload_class\": \"interactive\"",
            "\"workload_class\": null")));
    assertTrue(nulled.getMessage().contains("only an optional field may be null"),
        nulled.getMessage());
  }

  @Test
  void aHashOfTheWrongLengthIsRefused() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> policies.fromJson(json("\"planning_env_hash\": \"" + H + "\"",
            "\"planning_env_hash\": \"" + H + "0\"")));
    assertEquals("planning_env_hash", e.field());
  }

  @Test
  void missingFieldsAreNotDefaulted() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> policies.fromJson(json("\"high_confidence\": true,", "")));
    assertEquals("views[views.spans].confidence.high_confidence", e.field());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void strictContractsRefuseUnknownFields() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> policies.fromJson(json("\"workload_class\"", "\"priority\": 1,\n"
            + "    \"workload_class\"")));
    assertEquals("priority", e.field());
    assertTrue(e.getMessage().contains("unknown field; compiled_execution_policy has "
        + "validation_mode, workload_class"), e.getMessage());
  }

  @Test
  void forwardCompatibleContractsKeepUnknownFields() {
    CalibrationResult result = new CalibrationResult(CalibrationMode.WARN, 1.5,
        CalibrationThresholds.DEFAULTS, CalibrationThresholds.DEFAULTS,
        CalibrationThresholds.DEFAULTS, List.of("high_fanout"));
    String json = calibrations.toJson(result);
    String newer = json.replace("\"mode\"", "\"confidence_band\": [0.1, 0.2],\n    \"mode\"");
    Decoded<CalibrationResult> read = calibrations.fromJson(newer);
    assertEquals(result, read.value());
    assertEquals("[0.1,0.2]", read.unknownFields().get("confidence_band").toString());
    String written = calibrations.toJson(read.value(), read.unknownFields());
    assertEquals(read.unknownFields(), calibrations.fromJson(written).unknownFields());
    // Nested values are strict even in a forward-compatible contract.
    PayloadException nested = assertThrows(PayloadException.class,
        () -> calibrations.fromJson(json.replace("\"high_fanout\": 2", "\"high_fanout\": 2, "
            + "\"extra\": 1")));
    assertTrue(nested.field().endsWith(".extra"), nested.field());
  }

  @Test
  void aPayloadOfAnotherContractIsRefused() {
    String calibration = calibrations.toJson(new CalibrationResult(CalibrationMode.OFF, 1,
        CalibrationThresholds.DEFAULTS, CalibrationThresholds.DEFAULTS,
        CalibrationThresholds.DEFAULTS, List.of()));
    ContractVersionException e = assertThrows(ContractVersionException.class,
        () -> policies.fromJson(calibration));
    assertTrue(e.expected().startsWith("compiled_execution_policy version 1"), e.expected());
    assertTrue(e.actual().startsWith("calibration_result version 1"), e.actual());
  }

  @Test
  void invalidValuesAreNotWritten() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> policies.toJson(new CompiledExecutionPolicy(ValidationMode.WARN, "batch", Map.of(),
            "not a hash", "", "", "", "")));
    assertEquals("planning_env_hash", e.field());
  }

  @Test
  void notAContractIsAClearError() {
    record Plain(String x) {}
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordPayloads.of(Plain.class));
    assertTrue(e.getMessage().contains("is not a contract"), e.getMessage());
  }
}
