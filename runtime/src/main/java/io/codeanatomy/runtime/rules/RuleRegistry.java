package io.codeanatomy.runtime.rules;

import io.codeanatomy.contracts.relspec.RulepackProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.Litmus;

/**
 * The rules a session can install, by stable name, and the rule lists of the four rulepack
 * profiles (docs/domain.md, section 4: {@code default, low_latency, replay, strict}). Immutable; a
 * registry with more rules is made with {@link #with}.
 */
public final class RuleRegistry {

  private final SortedMap<String, RuleDefinition> rules;

  private RuleRegistry(SortedMap<String, RuleDefinition> rules) {
    this.rules = Collections.unmodifiableSortedMap(rules);
  }

  /** The built-in rules. */
  public static RuleRegistry standard() {
    SortedMap<String, RuleDefinition> rules = new TreeMap<>();
    for (RuleDefinition rule : builtIns()) {
      rules.put(rule.name(), rule);
    }
    return new RuleRegistry(rules);
  }

  /** This registry and {@code more}; a name already registered is an error. */
  public RuleRegistry with(RuleDefinition... more) {
    SortedMap<String, RuleDefinition> next = new TreeMap<>(rules);
    for (RuleDefinition rule : more) {
      if (next.putIfAbsent(rule.name(), rule) != null) {
        throw new IllegalArgumentException("rule " + rule.name() + " is registered already");
      }
    }
    return new RuleRegistry(next);
  }

  public Optional<RuleDefinition> rule(String name) {
    return Optional.ofNullable(rules.get(name));
  }

  /** Every rule by name. */
  public SortedMap<String, RuleDefinition> rules() {
    return rules;
  }

  /** The rule names a rulepack profile installs, per phase, in order. */
  public static Map<Phase, List<String>> profile(RulepackProfile profile) {
    // Sub-queries are removed (and the plan decorrelated) first, as Calcite's own standard program
    // does: a logical rule that moves a filter holding a correlated sub-query (filter_into_join
    // pushing it to one side of the join) leaves its correlation variable undefined, and the
    // Enumerable engine then fails on TPC-H 2, 17, 21 and 22.
    List<String> logical = List.of("subquery_remove", "filter_merge", "filter_project_transpose",
        "filter_into_join", "join_condition_push", "join_push_transitive_predicates",
        "filter_aggregate_transpose", "reduce_expressions", "project_merge", "project_remove",
        "aggregate_project_merge", "aggregate_remove", "union_merge", "sort_remove");
    List<String> physical = List.of("project_to_window",
        "aggregate_reduce_functions",
        "aggregate_expand_distinct", "enumerable", "enumerable_join", "enumerable_merge_join",
        "enumerable_calc");
    Map<Phase, List<String>> phases = new EnumMap<>(Phase.class);
    switch (profile) {
      case LOW_LATENCY -> {
        phases.put(Phase.ANALYZER, List.of("codeanatomy_policy_rule", "safety_rule"));
        phases.put(Phase.LOGICAL, List.of("subquery_remove", "filter_merge", "filter_into_join",
            "project_merge", "project_remove"));
      }
      case REPLAY -> {
        phases.put(Phase.ANALYZER, List.of("codeanatomy_policy_rule", "safety_rule",
            "strict_safety_rule"));
        phases.put(Phase.LOGICAL, logical);
      }
      case STRICT -> {
        phases.put(Phase.ANALYZER, List.of("codeanatomy_policy_rule", "semantic_integrity",
            "safety_rule", "strict_safety_rule"));
        phases.put(Phase.LOGICAL, logical);
      }
      default -> {
        phases.put(Phase.ANALYZER, List.of("codeanatomy_policy_rule", "semantic_integrity",
            "safety_rule"));
        phases.put(Phase.LOGICAL, logical);
      }
    }
    phases.put(Phase.PHYSICAL, physical);
    return phases;
  }

  // ---------------------------------------------------------------------------------------------

  private static List<RuleDefinition> builtIns() {
    List<RuleDefinition> rules = new ArrayList<>();
    rules.add(RuleDefinition.check("codeanatomy_policy_rule",
        "Enforces the session's SQL policy on the plan: changing data needs allow_dml.",
        (plan, context) -> {
          if (!context.sqlPolicy().getAllowDml() && contains(plan, TableModify.class)) {
            throw new PlanRejectedException("codeanatomy_policy_rule",
                "the plan modifies a table, and the SQL policy does not allow DML");
          }
        }));
    rules.add(RuleDefinition.check("semantic_integrity",
        "Checks that every node of the plan is well formed (types, field references).",
        (plan, context) -> new RelVisitor() {
          @Override
          public void visit(RelNode node, int ordinal, RelNode parent) {
            if (!node.isValid(Litmus.IGNORE, null)) {
              throw new PlanRejectedException("semantic_integrity",
                  node.getRelTypeName() + " is not well formed");
            }
            super.visit(node, ordinal, parent);
          }
        }.go(plan)));
    rules.add(RuleDefinition.check("safety_rule",
        "Refuses recursive queries unless datafusion.execution.enable_recursive_ctes is on.",
        (plan, context) -> {
          if (!context.policy().execution().enableRecursiveCtes()
              && contains(plan, RepeatUnion.class)) {
            throw new PlanRejectedException("safety_rule", "the query is recursive, and "
                + "datafusion.execution.enable_recursive_ctes is false");
          }
        }));
    rules.add(RuleDefinition.check("strict_safety_rule",
        "Refuses functions whose results differ between runs (RAND, CURRENT_TIMESTAMP, ...), so "
            + "that a replayed plan returns what it returned.",
        (plan, context) -> {
          String found = nonDeterministicCall(plan);
          if (found != null) {
            throw new PlanRejectedException("strict_safety_rule", found + " is not "
                + "deterministic: a replay would not return the same rows");
          }
        }));
    rules.add(RuleDefinition.rewrite("filter_merge", Phase.LOGICAL,
        "Merges a filter into the filter below it.", CoreRules.FILTER_MERGE));
    rules.add(RuleDefinition.rewrite("filter_project_transpose", Phase.LOGICAL,
        "Pushes a filter below a projection.", CoreRules.FILTER_PROJECT_TRANSPOSE));
    rules.add(RuleDefinition.rewrite("filter_into_join", Phase.LOGICAL,
        "Pushes filter conditions into the join below and into its inputs.",
        CoreRules.FILTER_INTO_JOIN));
    rules.add(RuleDefinition.rewrite("join_condition_push", Phase.LOGICAL,
        "Pushes join conditions that reference one side into that side.",
        CoreRules.JOIN_CONDITION_PUSH));
    rules.add(RuleDefinition.rewrite("join_push_transitive_predicates", Phase.LOGICAL,
        "Infers predicates across join keys and pushes them to both sides.",
        CoreRules.JOIN_PUSH_TRANSITIVE_PREDICATES));
    rules.add(RuleDefinition.rewrite("filter_aggregate_transpose", Phase.LOGICAL,
        "Pushes a filter on grouping keys below the aggregate.",
        CoreRules.FILTER_AGGREGATE_TRANSPOSE));
    rules.add(RuleDefinition.rewrite("reduce_expressions", Phase.LOGICAL,
        "Folds constant expressions in filters and projections.",
        CoreRules.FILTER_REDUCE_EXPRESSIONS, CoreRules.PROJECT_REDUCE_EXPRESSIONS));
    rules.add(RuleDefinition.rewrite("project_merge", Phase.LOGICAL,
        "Merges a projection into the projection below it.", CoreRules.PROJECT_MERGE));
    rules.add(RuleDefinition.rewrite("project_remove", Phase.LOGICAL,
        "Removes projections that return their input unchanged.", CoreRules.PROJECT_REMOVE));
    rules.add(RuleDefinition.rewrite("aggregate_project_merge", Phase.LOGICAL,
        "Merges a projection into the aggregate above it.", CoreRules.AGGREGATE_PROJECT_MERGE));
    rules.add(RuleDefinition.rewrite("aggregate_remove", Phase.LOGICAL,
        "Removes an aggregate whose input is already unique on its keys.",
        CoreRules.AGGREGATE_REMOVE));
    rules.add(RuleDefinition.rewrite("union_merge", Phase.LOGICAL,
        "Merges nested unions.", CoreRules.UNION_MERGE));
    rules.add(RuleDefinition.rewrite("sort_remove", Phase.LOGICAL,
        "Removes a sort whose input is already sorted.", CoreRules.SORT_REMOVE));
    rules.add(RuleDefinition.rewrite("subquery_remove", Phase.LOGICAL,
        "Turns sub-queries into joins and correlations (then the plan is decorrelated).",
        CoreRules.FILTER_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
        CoreRules.JOIN_SUB_QUERY_TO_CORRELATE));
    rules.add(RuleDefinition.rewrite("project_to_window", Phase.PHYSICAL,
        "Moves window functions (OVER) out of projections into window operators.",
        CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW));
    rules.add(RuleDefinition.rewrite("aggregate_reduce_functions", Phase.PHYSICAL,
        "Rewrites AVG, STDDEV and VAR into SUM and COUNT, which the engine implements.",
        CoreRules.AGGREGATE_REDUCE_FUNCTIONS));
    rules.add(RuleDefinition.rewrite("aggregate_expand_distinct", Phase.PHYSICAL,
        "Rewrites DISTINCT aggregates into aggregates over grouped inputs.",
        CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES));
    List<org.apache.calcite.plan.RelOptRule> enumerable = new ArrayList<>(
        EnumerableRules.ENUMERABLE_RULES);
    enumerable.removeAll(List.of(EnumerableRules.ENUMERABLE_JOIN_RULE,
        EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE,
        EnumerableRules.ENUMERABLE_BATCH_NESTED_LOOP_JOIN_RULE));
    enumerable.add(EnumerableRules.ENUMERABLE_TABLE_SCAN_RULE);
    rules.add(new RuleDefinition("enumerable", Phase.PHYSICAL,
        "Implements every operator but joins on Calcite's Enumerable engine.", enumerable, null));
    rules.add(RuleDefinition.rewrite("enumerable_join", Phase.PHYSICAL,
        "Implements equi-joins as hash joins and other joins as nested loops.",
        EnumerableRules.ENUMERABLE_JOIN_RULE));
    rules.add(RuleDefinition.rewrite("enumerable_calc", Phase.PHYSICAL,
        "Fuses Enumerable projections and filters into calcs, the form the engine compiles "
            + "(applied after the cost-based search).",
        EnumerableRules.ENUMERABLE_PROJECT_TO_CALC_RULE,
        EnumerableRules.ENUMERABLE_FILTER_TO_CALC_RULE, CoreRules.CALC_MERGE,
        CoreRules.CALC_REMOVE));
    rules.add(RuleDefinition.rewrite("enumerable_merge_join", Phase.PHYSICAL,
        "Implements equi-joins as merge joins over sorted inputs.",
        EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE));
    rules.add(RuleDefinition.rewrite("enumerable_nested_loop_join", Phase.PHYSICAL,
        "Implements joins as batched nested loops (not in the profiles: its plans carry a "
            + "correlation variable per batch slot, and hash joins serve equi-joins better).",
        EnumerableRules.ENUMERABLE_BATCH_NESTED_LOOP_JOIN_RULE));
    return rules;
  }

  private static boolean contains(RelNode plan, Class<? extends RelNode> type) {
    boolean[] found = {false};
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        found[0] |= type.isInstance(node);
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    return found[0];
  }

  /** The first call of a non-deterministic or dynamic function in the plan, or null. */
  private static String nonDeterministicCall(RelNode plan) {
    String[] found = {null};
    RexShuttle finder = new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (found[0] == null && (!call.getOperator().isDeterministic()
            || call.getOperator().isDynamicFunction())) {
          found[0] = call.getOperator().getName();
        }
        return super.visitCall(call);
      }
    };
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        node.accept(finder);
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    return found[0];
  }
}
