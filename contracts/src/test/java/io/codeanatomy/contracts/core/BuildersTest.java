package io.codeanatomy.contracts.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.core.settings.ExecutionSettings;
import io.codeanatomy.contracts.core.settings.ExecutionSettingsContract;
import io.codeanatomy.contracts.core.settings.ExplainFormat;
import io.codeanatomy.contracts.core.settings.RuntimeSettingsContract;
import io.codeanatomy.contracts.support.ContractViolationException;
import io.codeanatomy.contracts.support.Violation;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Generated builders and parsers: defaults, every violation at once, errors that name the key. */
class BuildersTest {

  @Test
  void buildersStartAtTheDeclaredDefaults() {
    ExecutionSettings defaults = ExecutionSettingsContract.defaults();
    assertEquals(8, defaults.targetPartitions());
    assertEquals(8192, defaults.batchSize());
    assertEquals("+00:00", defaults.timeZone());
    assertEquals(ExplainFormat.INDENT, CodeAnatomyPolicyContract.defaults().explain().format());
  }

  @Test
  void buildReportsEveryViolationAtOnce() {
    ContractViolationException e = assertThrows(ContractViolationException.class,
        () -> CodeAnatomyPolicyContract.builder()
            .execution(x -> x.targetPartitions(0).batchSize(-5).timeZone(null))
            .runtime(r -> r.memoryLimit(1024).listFilesCacheTtl(Duration.ofMillis(1500)))
            .set("datafusion.execution.planning_concurrency", "many")
            .set("datafusion.execution.targetpartitions", "4")
            .build());
    assertEquals(List.of(
        new Violation("datafusion.execution.targetpartitions",
            "unknown key; did you mean datafusion.execution.target_partitions?"),
        new Violation("datafusion.execution.planning_concurrency", "expected an int, got 'many'"),
        new Violation("datafusion.execution.target_partitions", "must be at least 1, got 0"),
        new Violation("datafusion.execution.batch_size", "must be at least 1, got -5"),
        new Violation("datafusion.execution.time_zone", "must not be null"),
        new Violation("datafusion.runtime.memory_limit", "must be at least 1048576, got 1024"),
        new Violation("datafusion.runtime.list_files_cache_ttl", "must be whole seconds, got PT1.5S")),
        e.violations());
    assertEquals("planning policy codeanatomy", e.subject());
  }

  @Test
  void settingByTextAcceptsUnitsAndRendersCanonically() {
    CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.builder()
        .set(RuntimeSettingsContract.MEMORY_LIMIT, "2GiB")
        .set(RuntimeSettingsContract.LIST_FILES_CACHE_TTL, "90s")
        .set("datafusion.explain.format", "tree")
        .build();
    assertEquals("2147483648", policy.effectiveSettings().get(RuntimeSettingsContract.MEMORY_LIMIT));
    assertEquals("90s", policy.effectiveSettings().get(RuntimeSettingsContract.LIST_FILES_CACHE_TTL));
    assertEquals(ExplainFormat.TREE, policy.explain().format());
    // The Java constant is accepted as a spelling of the text, and renders as the text.
    CodeAnatomyPolicy constant = CodeAnatomyPolicyContract.builder()
        .set("datafusion.explain.format", "PGJSON").build();
    assertEquals("pgjson", constant.effectiveSettings().get("datafusion.explain.format"));
    ContractViolationException e = assertThrows(ContractViolationException.class,
        () -> CodeAnatomyPolicyContract.builder().set("datafusion.explain.format", "Tree").build());
    assertEquals("datafusion.explain.format: expected one of indent, tree, pgjson, graphviz, "
        + "got 'Tree'", e.violations().get(0).toString());
  }

  @Test
  void aLaterValidSetClearsAnEarlierProblem() {
    ExecutionSettings settings = ExecutionSettingsContract.builder()
        .set(ExecutionSettingsContract.BATCH_SIZE, "big")
        .set(ExecutionSettingsContract.BATCH_SIZE, "1024")
        .build();
    assertEquals(1024, settings.batchSize());
  }

  @Test
  void fromSettingsIsStrictAndNamesEveryProblem() {
    Map<String, String> settings =
        new TreeMap<>(CodeAnatomyPolicyContract.DEFAULT.effectiveSettings());
    settings.remove("datafusion.execution.batch_size");
    settings.put("datafusion.execution.repartition_file_scans", "true"); // the old wrong namespace
    settings.put("datafusion.optimizer.max_passes", "three");
    settings.remove("datafusion.runtime.memory_limit"); // optional: absent means unset
    ContractViolationException e = assertThrows(ContractViolationException.class,
        () -> CodeAnatomyPolicyContract.fromSettings(settings));
    assertEquals(List.of(
        // The old Python side's misplaced key (docs/domain.md, section 1) now fails, with the fix.
        new Violation("datafusion.execution.repartition_file_scans",
            "unknown key; did you mean datafusion.optimizer.repartition_file_scans?"),
        new Violation("datafusion.execution.batch_size", "missing: expected int"),
        new Violation("datafusion.optimizer.max_passes", "expected an int, got 'three'")),
        e.violations());
  }

  @Test
  void mapOrderNeverChangesTheResult() {
    Map<String, String> sorted = CodeAnatomyPolicyContract.PROD.effectiveSettings();
    Map<String, String> hashed = new HashMap<>(sorted);
    Map<String, String> reversed = new LinkedHashMap<>();
    new TreeMap<>(sorted).descendingMap().forEach(reversed::put);
    String expected = CodeAnatomyPolicyContract.PROD.settingsHash();
    assertEquals(expected, CodeAnatomyPolicyContract.fromSettings(hashed).settingsHash());
    assertEquals(expected, CodeAnatomyPolicyContract.fromSettings(reversed).settingsHash());
  }

  @Test
  void unsetRefusesRequiredSettings() {
    ContractViolationException e = assertThrows(ContractViolationException.class,
        () -> CodeAnatomyPolicyContract.builder()
            .unset(ExecutionSettingsContract.BATCH_SIZE)
            .unset(RuntimeSettingsContract.MEMORY_LIMIT)
            .build());
    assertEquals(List.of(new Violation(ExecutionSettingsContract.BATCH_SIZE,
        "cannot be unset: it is required")), e.violations());
  }
}
