package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.relspec.ExtensionGovernance;
import io.codeanatomy.contracts.relspec.PlanningSurfacePolicyContract;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpec;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.contracts.relspec.RulepackSpecContract;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.relspec.ObservedRows;
import io.codeanatomy.runtime.session.PlanningSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's planning: its planning surface, its session over the anatomy tables, and its
 * views planned two ways. {@link #planOneDag} plans every view as one query (the views it reads
 * inlined as common table expressions): nothing is materialized between steps.
 * {@link #runStepByStep} is the baseline that materializes each view as a table before the next
 * step reads it.
 */
public final class SemanticPipeline {

  private SemanticPipeline() {}

  /**
   * The planning surface: in-memory tables, the default rulepack, the relationship planner and
   * the domain functions ({@link DomainFunctions}), registered by name.
   */
  public static PlanningSurfaceSpec spec() {
    return PlanningSurfaceSpecContract.builder()
        .policy(PlanningSurfacePolicyContract.builder()
            .enableDefaultFeatures(true)
            .relationPlannerEnabled(true)
            .tableFactoryAllowlist(List.of("memory"))
            .build())
        .relationPlanners(List.of(RelationshipPlanner.NAME))
        .tableFactories(List.of("memory"))
        .rulepack(RulepackSpecContract.builder().profile("default").build())
        .functions(List.of(DomainFunctions.SPAN_CONTAINS, DomainFunctions.STABLE_ID))
        .extensionGovernance(ExtensionGovernance.STRICT_ALLOWLIST)
        .build();
  }

  /** A session over {@code data} (anatomy tables and, for the baseline, materialized views). */
  public static PlanningSession session(CodeAnatomyPolicy policy, String profile,
      Map<String, TableData> data) {
    return session(policy, profile, data, ObservedRows.empty());
  }

  /**
   * A session over {@code data} that estimates plans from {@code observed} where it can, and
   * adds to it what each execution produced.
   */
  public static PlanningSession session(CodeAnatomyPolicy policy, String profile,
      Map<String, TableData> data, ObservedRows observed) {
    PlanningSession.Builder builder = PlanningSession.builder(spec(), policy, profile)
        .relationPlanner(RelationshipPlanner.NAME, new RelationshipPlanner())
        .observedRows(observed);
    DomainFunctions.all().forEach(builder::function);
    data.values().forEach(table -> builder.ensureRegistered(
        new TableSource.Memory(table.schema(), table.rows())));
    return builder.build();
  }

  /** A table's schema and rows. */
  public record TableData(TableSchema schema, List<List<Object>> rows) {}

  /** The anatomy tables of a generated sample. */
  public static Map<String, TableData> anatomy(int rows) {
    Map<String, List<List<Object>>> generated = AnatomyData.generate(rows);
    Map<String, TableData> tables = new LinkedHashMap<>();
    for (TableSchema schema : AnatomyData.schemas()) {
      tables.put(schema.name(), new TableData(schema, generated.get(schema.name())));
    }
    return tables;
  }

  /** Every view planned as one query each, in dependency order. */
  public static List<PlanBundle> planOneDag(PlanningSession session) {
    List<PlanBundle> bundles = new ArrayList<>();
    for (Relationship view : Relationship.ALL) {
      bundles.add(session.plan(view.name(), view.asOneQuery()));
    }
    return bundles;
  }

  /**
   * The baseline: each view executed on its own over the tables and the views materialized
   * before it; a new session per step, since a session's tables are fixed when it is built.
   */
  public static Map<String, QueryResult> runStepByStep(CodeAnatomyPolicy policy, String profile,
      Map<String, TableData> anatomy) {
    Map<String, TableData> tables = new LinkedHashMap<>(anatomy);
    Map<String, QueryResult> results = new LinkedHashMap<>();
    for (Relationship view : Relationship.ALL) {
      try (PlanningSession session = session(policy, profile, tables)) {
        PlanBundle bundle = session.plan(view.name(), view.sql());
        QueryResult result = session.execute(bundle);
        results.put(view.name(), result);
        tables.put(view.name().toUpperCase(java.util.Locale.ROOT), new TableData(
            TableSchema.of(view.name().toUpperCase(java.util.Locale.ROOT),
                bundle.executable().getRowType()), result.rows()));
      }
    }
    return results;
  }
}
