package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.relspec.CapabilitySnapshot;
import io.codeanatomy.contracts.relspec.CapabilitySnapshotContract;
import io.codeanatomy.contracts.relspec.ColumnInfo;
import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionKind;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshot;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshotContract;
import io.codeanatomy.contracts.relspec.InformationSchemaSnapshot;
import io.codeanatomy.contracts.relspec.InformationSchemaSnapshotContract;
import io.codeanatomy.contracts.relspec.PlanningEnvironmentSnapshot;
import io.codeanatomy.contracts.relspec.PlanningEnvironmentSnapshotContract;
import io.codeanatomy.contracts.relspec.PlanningSurfacePolicyContract;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpec;
import io.codeanatomy.contracts.relspec.RuleInfo;
import io.codeanatomy.contracts.relspec.RulepackSnapshotContract;
import io.codeanatomy.contracts.relspec.SqlPolicy;
import io.codeanatomy.contracts.relspec.TableInfo;
import io.codeanatomy.runtime.catalog.Catalog;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.RegisteredTable;
import io.codeanatomy.runtime.rules.Rulepack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlOperandCountRange;

/**
 * What a session plans in, as the relspec snapshots record it (docs/domain.md, section 4), each with its
 * hash: the planning environment, the rulepack, the information schema and the function registry.
 *
 * @param planningSettings the profile's planning-affecting settings, as setting text
 * @param planningSettingsHash their settings hash: a non-planning setting never changes it
 * @param profileSettingsHash the hash of every effective setting of the profile
 * @param profileName the profile the session was built from
 * @param udfs the snapshot of the session's user-defined functions (a function registry of them
 *     alone): what a plan's {@code udf_snapshot_hash} is computed from
 * @param udfSnapshotHash its hash; empty when the session registers none
 * @param capability what the engine can do (every rule it knows, every function, its features),
 *     whatever the session installed of it
 * @param capabilityHash its hash: the execution package's {@code capability_snapshot_hash}
 */
public record Environment(
    PlanningEnvironmentSnapshot planningEnvironment,
    String planningEnvironmentHash,
    io.codeanatomy.contracts.relspec.RulepackSnapshot rulepack,
    String rulepackHash,
    InformationSchemaSnapshot informationSchema,
    String informationSchemaHash,
    FunctionRegistrySnapshot functionRegistry,
    String functionRegistryHash,
    SortedMap<String, String> planningSettings,
    String planningSettingsHash,
    String profileSettingsHash,
    String profileName,
    String planningSurfacePolicyVersion,
    String planningSurfacePolicyHash,
    FunctionRegistrySnapshot udfs,
    String udfSnapshotHash,
    CapabilitySnapshot capability,
    String capabilityHash) {

  /** The engine a capability snapshot names: Calcite's Enumerable engine, embedded. */
  public static final String ENGINE = "calcite-enumerable";

  /** The planning-surface policy version docs/domain.md, section 5 defines. */
  public static final String SURFACE_POLICY_VERSION = "v1";

  /** {@code calcite 1.41.0 / isthmus 0.89.1}: the engine whose plans these are. */
  public static final String ENGINE_VERSION = "calcite "
      + org.apache.calcite.plan.RelOptRule.class.getPackage().getImplementationVersion()
      + " / isthmus "
      + io.substrait.isthmus.SqlToSubstrait.class.getPackage().getImplementationVersion();

  /** Builds every snapshot of a session and hashes each through its contract. */
  public static Environment of(PlanningSurfaceSpec spec, CodeAnatomyPolicy policy,
      String profileName, SqlPolicy sqlPolicy, Rulepack rulepack, Catalog catalog,
      SqlOperatorTable operators, UserFunctions userFunctions, List<String> plannerNames) {
    SortedMap<String, String> planning = policy.planningEnvironmentSettings();
    Map<String, String> explain = new TreeMap<>();
    policy.effectiveSettings().forEach((key, value) -> {
      if (key.startsWith("datafusion.explain.")) {
        explain.put(key, value);
      }
    });
    String surfaceHash = PlanningSurfacePolicyContract.hash(spec.policy());
    PlanningEnvironmentSnapshot environment = PlanningEnvironmentSnapshot.newBuilder()
        .setEngineVersion(ENGINE_VERSION)
        .putAllSettings(planning)
        .setSqlPolicy(sqlPolicy)
        .putAllExplainControls(explain)
        .setPlanningSurfacePolicyVersion(SURFACE_POLICY_VERSION)
        .setPlanningSurfacePolicyHash(surfaceHash)
        .build();
    io.codeanatomy.contracts.relspec.RulepackSnapshot rules = rulepack.snapshot();
    InformationSchemaSnapshot schema = informationSchema(policy, catalog);
    FunctionRegistrySnapshot functions = functionRegistry(operators, userFunctions);
    FunctionRegistrySnapshot udfs = userFunctions.snapshot();
    CapabilitySnapshot capability = capability(policy, sqlPolicy, rulepack, catalog, functions,
        userFunctions, plannerNames);
    return new Environment(
        environment, PlanningEnvironmentSnapshotContract.hash(environment),
        rules, RulepackSnapshotContract.hash(rules),
        schema, InformationSchemaSnapshotContract.hash(schema),
        functions, FunctionRegistrySnapshotContract.hash(functions),
        planning, policy.planningEnvironmentHash(), policy.settingsHash(), profileName,
        SURFACE_POLICY_VERSION, surfaceHash, udfs,
        userFunctions.snapshotHash(userFunctions.byName().keySet()), capability,
        CapabilitySnapshotContract.hash(capability));
  }

  /**
   * What the engine can do in this session: every rule of the registry the rulepack came from
   * (installed or not), every function a query may call, and its features: the table factories
   * the surface allows, the statements it runs, its planners, the Substrait extensions its plans
   * may declare, and the SQL features the profile enables.
   */
  static CapabilitySnapshot capability(CodeAnatomyPolicy policy, SqlPolicy sqlPolicy,
      Rulepack rulepack, Catalog catalog, FunctionRegistrySnapshot functions,
      UserFunctions userFunctions, List<String> plannerNames) {
    CapabilitySnapshot.Builder capability = CapabilitySnapshot.newBuilder()
        .setEngine(ENGINE)
        .setEngineVersion(ENGINE_VERSION)
        .addAllFunctions(functions.getFunctionsList());
    rulepack.registry().rules().values().forEach(rule -> capability.addRules(
        RuleInfo.newBuilder().setName(rule.name()).setPhase(rule.phase().text())));
    java.util.SortedSet<String> features = new java.util.TreeSet<>();
    catalog.allowedFactories().forEach(f -> features.add("table_factory:" + f));
    features.add("statement:query");
    if (sqlPolicy.getAllowDml()) {
      features.add("statement:delete");
    }
    plannerNames.forEach(p -> features.add("planner:" + p));
    if (policy.execution().enableRecursiveCtes()) {
      features.add("sql:recursive_cte");
    }
    userFunctions.substrait().urns().forEach(u -> features.add("substrait:" + u));
    capability.addAllFeatures(features);
    return capability.build();
  }

  /** The same environment with another rulepack (an overlay session's). */
  public Environment withRulepack(Rulepack other) {
    io.codeanatomy.contracts.relspec.RulepackSnapshot rules = other.snapshot();
    return new Environment(planningEnvironment, planningEnvironmentHash, rules,
        RulepackSnapshotContract.hash(rules), informationSchema, informationSchemaHash,
        functionRegistry, functionRegistryHash, planningSettings, planningSettingsHash,
        profileSettingsHash, profileName, planningSurfacePolicyVersion, planningSurfacePolicyHash,
        udfs, udfSnapshotHash, capability, capabilityHash);
  }

  static InformationSchemaSnapshot informationSchema(CodeAnatomyPolicy policy, Catalog catalog) {
    InformationSchemaSnapshot.Builder snapshot = InformationSchemaSnapshot.newBuilder();
    for (RegisteredTable table : catalog.tables().values()) {
      TableInfo.Builder info = TableInfo.newBuilder()
          .setCatalog(policy.catalog().defaultCatalog())
          .setSchema(policy.catalog().defaultSchema())
          .setName(table.schema().name().toUpperCase(Locale.ROOT));
      for (Column column : table.schema().columns()) {
        info.addColumns(ColumnInfo.newBuilder().setName(column.name())
            .setDataType(column.describe().replace(" NOT NULL", ""))
            .setNullable(column.nullable()));
      }
      snapshot.addTables(info);
    }
    return snapshot.build();
  }

  /**
   * Every function a query may call: the engine's built-in functions (name, kind, syntax and
   * arity) and the session's user-defined ones (name, kind, parameter and result types).
   */
  static FunctionRegistrySnapshot functionRegistry(SqlOperatorTable operators,
      UserFunctions userFunctions) {
    List<FunctionInfo> functions = new ArrayList<>();
    userFunctions.byName().values().forEach(f -> functions.add(f.info()));
    for (SqlOperator operator : operators.getOperatorList()) {
      if (!(operator instanceof SqlFunction) && !(operator instanceof SqlAggFunction)) {
        continue; // operators (+, AND, LIKE) are syntax, not functions a registry lists
      }
      if (userFunctions.function(operator.getName()).filter(f -> f.operator() == operator)
          .isPresent()) {
        continue; // listed above, with its signature
      }
      functions.add(FunctionInfo.newBuilder()
          .setName(operator.getName().toLowerCase(Locale.ROOT))
          .setKind(kind(operator))
          .setSignature(signature(operator))
          .build());
    }
    functions.sort(Comparator.comparing(FunctionInfo::getName)
        .thenComparing(f -> f.getKind().getNumber()).thenComparing(FunctionInfo::getSignature));
    return FunctionRegistrySnapshot.newBuilder().addAllFunctions(functions).build();
  }

  private static FunctionKind kind(SqlOperator operator) {
    if (operator.requiresOver()) {
      return FunctionKind.WINDOW;
    }
    if (operator instanceof SqlAggFunction) {
      return FunctionKind.AGGREGATE;
    }
    if (operator instanceof SqlFunction function
        && function.getFunctionType() == SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION) {
      return FunctionKind.TABLE;
    }
    return FunctionKind.SCALAR;
  }

  private static String signature(SqlOperator operator) {
    String arity;
    try {
      SqlOperandCountRange range = operator.getOperandCountRange();
      arity = range.getMin() + ".." + (range.getMax() < 0 ? "*" : range.getMax());
    } catch (RuntimeException e) {
      arity = "*"; // an operator that decides its operands at validation time
    }
    return operator.getSyntax().name().toLowerCase(Locale.ROOT) + "(" + arity + ")";
  }
}
