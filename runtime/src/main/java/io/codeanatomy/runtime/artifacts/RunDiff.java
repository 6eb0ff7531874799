package io.codeanatomy.runtime.artifacts;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.codeanatomy.contracts.relspec.CapabilitySnapshot;
import io.codeanatomy.contracts.relspec.ColumnInfo;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshot;
import io.codeanatomy.contracts.relspec.InformationSchemaSnapshot;
import io.codeanatomy.contracts.relspec.PerRuleDelta;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanRuleDeltas;
import io.codeanatomy.contracts.relspec.PlanningEnvironmentSnapshot;
import io.codeanatomy.contracts.relspec.RuleDeltaReport;
import io.codeanatomy.contracts.relspec.RuleInfo;
import io.codeanatomy.contracts.relspec.RulepackSnapshot;
import io.codeanatomy.contracts.relspec.TableInfo;
import io.codeanatomy.runtime.payload.PayloadCodec;
import io.codeanatomy.runtime.payload.PayloadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Says why two runs differ: which snapshot entries behind the package's hashes differ (a setting,
 * a table column, a function, a rule), which plans' fingerprints differ and in which inputs, and
 * which rules had another effect on a plan (their per-rule deltas). Each run is read strictly, as
 * {@code codeanatomy verify} reads it; a file one run has and the other lacks is a difference
 * too. Immutable results; not for sharing while it reads.
 */
public final class RunDiff {

  /**
   * One difference.
   *
   * @param section where: {@code package}, {@code planning_environment}, {@code rulepack},
   *     {@code information_schema}, {@code function_registry}, {@code capability},
   *     {@code plans}, {@code rule_deltas}
   * @param entry what differs there ({@code settings[datafusion.optimizer.max_passes]},
   *     {@code table FILES column LANG}, {@code function stable_id})
   * @param before its value in the first run, or null when it has none
   * @param after its value in the second run, or null when it has none
   */
  public record Difference(String section, String entry, String before, String after) {

    /** {@code section: entry: before -> after}, or {@code added: after} / {@code removed: ...}. */
    public String render() {
      String change = before == null ? "added: " + after
          : after == null ? "removed (was " + before + ")"
              : before + " -> " + after;
      return section + ": " + entry + ": " + change;
    }
  }

  /** A run folder that cannot be compared: the message names the folder and the file. */
  public static final class RunReadException extends Exception {
    private static final long serialVersionUID = 1L;

    RunReadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What one run holds, as far as the diff compares it (null: not among its artifacts). */
  private record Run(Path dir, ExecutionPackage pkg, SortedMap<String, PlanFingerprint> plans,
      PlanningEnvironmentSnapshot environment, RulepackSnapshot rulepack,
      InformationSchemaSnapshot schema, FunctionRegistrySnapshot functions,
      CapabilitySnapshot capability, RuleDeltaReport deltas) {}

  private final List<Difference> differences = new ArrayList<>();

  private RunDiff() {}

  /**
   * The differences between the runs in {@code first} and {@code second}, section by section, in
   * a fixed order; empty when the packages hash alike and every recorded entry is the same.
   *
   * @throws RunReadException when a folder holds no run, or a file of it cannot be read
   */
  public static List<Difference> compare(Path first, Path second) throws RunReadException {
    Run a = read(first);
    Run b = read(second);
    RunDiff diff = new RunDiff();
    diff.pkg(a.pkg(), b.pkg());
    diff.environment(a.environment(), b.environment());
    diff.rulepack(a.rulepack(), b.rulepack());
    diff.schema(a.schema(), b.schema());
    diff.functions("function_registry", a.functions(), b.functions());
    diff.capability(a.capability(), b.capability());
    diff.plans(a.plans(), b.plans(), a.pkg().getPlanBundleFingerprintsMap(),
        b.pkg().getPlanBundleFingerprintsMap());
    diff.ruleDeltas(a.deltas(), b.deltas());
    return List.copyOf(diff.differences);
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  private static Run read(Path dir) throws RunReadException {
    if (!Files.isDirectory(dir)) {
      throw new RunReadException(dir + " is not a folder of run artifacts", null);
    }
    if (!Files.isRegularFile(dir.resolve(RunLayout.PACKAGE_JSON), LinkOption.NOFOLLOW_LINKS)) {
      throw new RunReadException(dir + " holds no run: it has no " + RunLayout.PACKAGE_JSON,
          null);
    }
    ExecutionPackage pkg = payload(dir, RunLayout.PACKAGE_JSON, RunVerifier.PACKAGES);
    SortedMap<String, PlanFingerprint> plans = new TreeMap<>();
    for (String name : new TreeSet<>(pkg.getPlanBundleFingerprintsMap().keySet())) {
      String file = RunLayout.bundleFile(RunLayout.bundleFolder(name), RunLayout.FINGERPRINT);
      plans.put(name, optional(dir, file, RunVerifier.FINGERPRINTS));
    }
    return new Run(dir, pkg, plans,
        optional(dir, RunLayout.PLANNING_ENVIRONMENT, RunVerifier.PLANNING_ENVIRONMENTS),
        optional(dir, RunLayout.RULEPACK, RunVerifier.RULEPACKS),
        optional(dir, RunLayout.INFORMATION_SCHEMA, RunVerifier.INFORMATION_SCHEMAS),
        optional(dir, RunLayout.FUNCTION_REGISTRY, RunVerifier.FUNCTION_REGISTRIES),
        optional(dir, RunLayout.CAPABILITY, RunVerifier.CAPABILITIES),
        optional(dir, RunLayout.RULE_DELTAS, RunVerifier.RULE_DELTAS));
  }

  /** A payload the run has, or null when the run did not write the file. */
  private static <T> T optional(Path dir, String file, PayloadCodec<T> codec)
      throws RunReadException {
    return Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)
        ? payload(dir, file, codec) : null;
  }

  private static <T> T payload(Path dir, String file, PayloadCodec<T> codec)
      throws RunReadException {
    Path path = dir.resolve(file);
    try {
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new RunReadException(path + " is not a regular file", null);
      }
      long size = Files.size(path);
      if (size > io.codeanatomy.runtime.payload.ReadLimits.MAX_DOCUMENT_BYTES) {
        throw new RunReadException(path + ": over a reading limit: " + size + " bytes", null);
      }
      return codec.fromJson(Files.readAllBytes(path)).value();
    } catch (IOException e) {
      throw new RunReadException(path + " cannot be read: " + e.getMessage(), e);
    } catch (PayloadException e) {
      throw new RunReadException(path + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // sections

  private void add(String section, String entry, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      differences.add(new Difference(section, entry, text(before), text(after)));
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value instanceof String s && s.isEmpty() ? "\"\"" : String.valueOf(value);
    return text.length() <= 120 ? text : text.substring(0, 100) + "... (" + text.length()
        + " characters)";
  }

  /** A section one run records and the other does not. */
  private boolean presence(String section, Object a, Object b) {
    if (a == null && b == null) {
      return false;
    }
    if (a == null || b == null) {
      differences.add(new Difference(section, "the snapshot",
          a == null ? null : "recorded", b == null ? null : "recorded"));
      return false;
    }
    return true;
  }

  /** The package's hashed fields: which hashes differ (the sections below say why). */
  private void pkg(ExecutionPackage a, ExecutionPackage b) {
    for (FieldDescriptor field : ExecutionPackage.getDescriptor().getFields()) {
      if (field.getName().equals("plan_bundle_fingerprints")
          || field.getName().equals("package_fingerprint")
          || field.getName().equals("created_at_unix_ms")
          || field.getName().equals("cache_diagnostics")) {
        continue; // plans below; the fingerprint follows; provenance
      }
      add("package", field.getName(), a.getField(field), b.getField(field));
    }
    add("package", "package_fingerprint", a.getPackageFingerprint(), b.getPackageFingerprint());
  }

  private void environment(PlanningEnvironmentSnapshot a, PlanningEnvironmentSnapshot b) {
    String section = "planning_environment";
    if (!presence(section, a, b)) {
      return;
    }
    add(section, "engine_version", a.getEngineVersion(), b.getEngineVersion());
    map(section, "settings", a.getSettingsMap(), b.getSettingsMap());
    for (FieldDescriptor field : a.getSqlPolicy().getDescriptorForType().getFields()) {
      add(section, "sql_policy." + field.getName(), a.getSqlPolicy().getField(field),
          b.getSqlPolicy().getField(field));
    }
    map(section, "explain_controls", a.getExplainControlsMap(), b.getExplainControlsMap());
    add(section, "planning_surface_policy_version", a.getPlanningSurfacePolicyVersion(),
        b.getPlanningSurfacePolicyVersion());
    add(section, "planning_surface_policy_hash", a.getPlanningSurfacePolicyHash(),
        b.getPlanningSurfacePolicyHash());
  }

  private void map(String section, String field, Map<String, String> a, Map<String, String> b) {
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String key : keys) {
      add(section, field + "[" + key + "]", a.get(key), b.get(key));
    }
  }

  private void rulepack(RulepackSnapshot a, RulepackSnapshot b) {
    String section = "rulepack";
    if (!presence(section, a, b)) {
      return;
    }
    add(section, "profile", a.getProfile().name().toLowerCase(Locale.ROOT),
        b.getProfile().name().toLowerCase(Locale.ROOT));
    rules(section, "analyzer", a.getAnalyzerRulesList(), b.getAnalyzerRulesList());
    rules(section, "logical", a.getLogicalRulesList(), b.getLogicalRulesList());
    rules(section, "physical", a.getPhysicalRulesList(), b.getPhysicalRulesList());
  }

  /** Rules added or removed in a phase, and, when the same rules remain, a changed order. */
  private void rules(String section, String phase, List<String> a, List<String> b) {
    for (String rule : a) {
      if (!b.contains(rule)) {
        add(section, phase + " rule " + rule, "installed at position " + (a.indexOf(rule) + 1),
            null);
      }
    }
    for (String rule : b) {
      if (!a.contains(rule)) {
        add(section, phase + " rule " + rule, null,
            "installed at position " + (b.indexOf(rule) + 1));
      }
    }
    List<String> common = new ArrayList<>(a);
    common.retainAll(b);
    List<String> order = new ArrayList<>(b);
    order.retainAll(a);
    if (!common.equals(order)) {
      add(section, phase + " rule order", String.join(" ", common), String.join(" ", order));
    }
  }

  private void schema(InformationSchemaSnapshot a, InformationSchemaSnapshot b) {
    String section = "information_schema";
    if (!presence(section, a, b)) {
      return;
    }
    Map<String, TableInfo> before = tables(a);
    Map<String, TableInfo> after = tables(b);
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      TableInfo x = before.get(name);
      TableInfo y = after.get(name);
      if (x == null || y == null) {
        add(section, "table " + name, x == null ? null : columns(x), y == null ? null
            : columns(y));
        continue;
      }
      Map<String, ColumnInfo> xs = new LinkedHashMap<>();
      x.getColumnsList().forEach(c -> xs.put(c.getName(), c));
      Map<String, ColumnInfo> ys = new LinkedHashMap<>();
      y.getColumnsList().forEach(c -> ys.put(c.getName(), c));
      Set<String> columns = new java.util.LinkedHashSet<>(xs.keySet());
      columns.addAll(ys.keySet());
      for (String column : columns) {
        add(section, "table " + name + " column " + column, describe(xs.get(column)),
            describe(ys.get(column)));
      }
      List<String> common = new ArrayList<>(xs.keySet());
      common.retainAll(ys.keySet());
      List<String> order = new ArrayList<>(ys.keySet());
      order.retainAll(xs.keySet());
      if (!common.equals(order)) {
        add(section, "table " + name + " column order", String.join(", ", common),
            String.join(", ", order));
      }
      add(section, "table " + name + " catalog.schema", x.getCatalog() + "." + x.getSchema(),
          y.getCatalog() + "." + y.getSchema());
    }
    Set<String> routines = new TreeSet<>();
    a.getRoutinesList().forEach(r -> routines.add(r.getName() + " (" + r.getKind() + ")"));
    Set<String> other = new TreeSet<>();
    b.getRoutinesList().forEach(r -> other.add(r.getName() + " (" + r.getKind() + ")"));
    bags(section, "routine", routines, other);
  }

  private static Map<String, TableInfo> tables(InformationSchemaSnapshot schema) {
    Map<String, TableInfo> tables = new TreeMap<>();
    schema.getTablesList().forEach(t -> tables.put(t.getName(), t));
    return tables;
  }

  private static String columns(TableInfo table) {
    return table.getColumnsCount() + " columns";
  }

  private static String describe(ColumnInfo column) {
    return column == null ? null
        : column.getDataType() + (column.getNullable() ? "" : " NOT NULL");
  }

  /** Entries in one bag and not the other. */
  private void bags(String section, String kind, Set<String> a, Set<String> b) {
    for (String entry : a) {
      if (!b.contains(entry)) {
        add(section, kind + " " + entry, "present", null);
      }
    }
    for (String entry : b) {
      if (!a.contains(entry)) {
        add(section, kind + " " + entry, null, "present");
      }
    }
  }

  private void functions(String section, FunctionRegistrySnapshot a,
      FunctionRegistrySnapshot b) {
    if (!presence(section, a, b)) {
      return;
    }
    Map<String, String> before = functionEntries(a);
    Map<String, String> after = functionEntries(b);
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      add(section, "function " + name, before.get(name), after.get(name));
    }
  }

  /** Each function's kind and signature by name (overloads of a name joined in a fixed order). */
  private static Map<String, String> functionEntries(FunctionRegistrySnapshot registry) {
    Map<String, TreeSet<String>> byName = new TreeMap<>();
    for (FunctionInfo function : registry.getFunctionsList()) {
      byName.computeIfAbsent(function.getName(), k -> new TreeSet<>()).add(
          function.getKind().name().toLowerCase(Locale.ROOT) + " " + function.getSignature());
    }
    Map<String, String> entries = new TreeMap<>();
    byName.forEach((name, kinds) -> entries.put(name, String.join("; ", kinds)));
    return entries;
  }

  private void capability(CapabilitySnapshot a, CapabilitySnapshot b) {
    String section = "capability";
    if (!presence(section, a, b)) {
      return;
    }
    add(section, "engine", a.getEngine(), b.getEngine());
    add(section, "engine_version", a.getEngineVersion(), b.getEngineVersion());
    Function<CapabilitySnapshot, Map<String, String>> rules = c -> {
      Map<String, String> phases = new TreeMap<>();
      for (RuleInfo rule : c.getRulesList()) {
        phases.put(rule.getName(), rule.getPhase());
      }
      return phases;
    };
    Map<String, String> before = rules.apply(a);
    Map<String, String> after = rules.apply(b);
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      add(section, "rule " + name, before.get(name), after.get(name));
    }
    bags(section, "feature", new TreeSet<>(a.getFeaturesList()),
        new TreeSet<>(b.getFeaturesList()));
    // Its functions are the function registry's: their differences are listed there.
  }

  /** Plans one run has and the other not, and plans whose fingerprints differ, and in what. */
  private void plans(SortedMap<String, PlanFingerprint> a, SortedMap<String, PlanFingerprint> b,
      Map<String, String> hashesA, Map<String, String> hashesB) {
    Set<String> names = new TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    for (String name : names) {
      PlanFingerprint x = a.get(name);
      PlanFingerprint y = b.get(name);
      if (!a.containsKey(name) || !b.containsKey(name)) {
        add("plans", "plan " + name, a.containsKey(name) ? "planned" : null,
            b.containsKey(name) ? "planned" : null);
        continue;
      }
      if (Objects.equals(hashesA.get(name), hashesB.get(name))) {
        continue;
      }
      List<String> inputs = new ArrayList<>();
      if (x != null && y != null) {
        for (FieldDescriptor field : PlanFingerprint.getDescriptor().getFields()) {
          if (!Objects.equals(x.getField(field), y.getField(field))) {
            inputs.add(field.getName());
          }
        }
      }
      differences.add(new Difference("plans", "plan " + name + " fingerprint",
          hashesA.get(name), hashesB.get(name) + (inputs.isEmpty() ? ""
              : " (its inputs differ in " + String.join(", ", inputs) + ")")));
    }
  }

  /**
   * The rules whose effect on a plan differs: a rule that ran in one run and not the other, that
   * changed the plan in one and not the other, or that changed the same plan into another one. A
   * rule that changed both runs' plans, but they were already different when it ran, is a
   * consequence of an earlier difference, which is listed; a rule that left both as they were
   * had the same effect. A logical rule runs once per pass; its applications are told apart by
   * their order.
   */
  private void ruleDeltas(RuleDeltaReport a, RuleDeltaReport b) {
    String section = "rule_deltas";
    if (a == null && b == null) {
      return;
    }
    if (a == null || b == null) {
      differences.add(new Difference(section, "per-rule deltas",
          a == null ? null : "recorded", b == null ? null : "recorded"));
      return;
    }
    Set<String> plans = new TreeSet<>(a.getPlansMap().keySet());
    plans.addAll(b.getPlansMap().keySet());
    for (String plan : plans) {
      Map<String, Application> before = applications(a.getPlansMap().get(plan));
      Map<String, Application> after = applications(b.getPlansMap().get(plan));
      Set<String> keys = new java.util.LinkedHashSet<>(before.keySet());
      keys.addAll(after.keySet());
      for (String key : keys) {
        Application x = before.get(key);
        Application y = after.get(key);
        String entry = "plan " + plan + " rule " + key;
        if (x == null || y == null) {
          add(section, entry, x == null ? null : effect(x.delta()),
              y == null ? null : effect(y.delta()));
        } else if (x.delta().getChanged() != y.delta().getChanged()) {
          add(section, entry, effect(x.delta()), effect(y.delta()));
        } else if (x.delta().getChanged() && x.input().equals(y.input())
            && !x.delta().getPlanAfter().equals(y.delta().getPlanAfter())) {
          add(section, entry, effect(x.delta()), effect(y.delta()) + ", into another plan");
        }
      }
    }
  }

  /** One application of a rule and the plan it was given (the plan after the one before). */
  private record Application(PerRuleDelta delta, String input) {}

  /** Each application of a rule, keyed {@code name (phase, run n)}, in order. */
  private static Map<String, Application> applications(PlanRuleDeltas deltas) {
    Map<String, Application> applications = new LinkedHashMap<>();
    if (deltas == null) {
      return applications;
    }
    Map<String, Integer> seen = new HashMap<>();
    String input = ""; // the plan before the first rule: the same query in both runs
    for (PerRuleDelta delta : deltas.getDeltasList()) {
      String rule = delta.getRuleName() + " (" + delta.getPhase();
      int n = seen.merge(rule, 1, Integer::sum);
      applications.put(rule + (n == 1 ? ")" : ", run " + n + ")"),
          new Application(delta, input));
      input = delta.getPlanAfter();
    }
    return applications;
  }

  private static String effect(PerRuleDelta delta) {
    return delta.getChanged() ? "changed the plan" : "left the plan as it was";
  }
}
