package io.codeanatomy.runtime.plan;

import com.google.protobuf.ByteString;
import io.codeanatomy.contracts.relspec.DeltaInput;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.runtime.catalog.RegisteredTable;
import io.codeanatomy.runtime.rules.Phase;
import io.codeanatomy.runtime.rules.PlanCheck;
import io.codeanatomy.runtime.rules.PlanRejectedException;
import io.codeanatomy.runtime.rules.RuleDefinition;
import io.codeanatomy.runtime.rules.RuleDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.plan.RelOptListener;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelConversionException;
import org.apache.calcite.tools.RuleSets;
import org.apache.calcite.tools.ValidationException;

/**
 * Plans a query in a session: SQL or a {@link RelBuilder} DAG to the unoptimized plan, the
 * analyzer's checks, the logical rules (each rule on its own, in order, as many passes as
 * {@code max_passes} allows, so that what each rule did is known from the planner's events), the
 * Substrait bytes of the unoptimized plan, the physical (Enumerable) plan, and the fingerprint and
 * identity. Results are cached by identity. A {@code DELETE} goes through the same pipeline with
 * {@link #planMutation}, uncached.
 */
public final class QueryPlanner {

  /** The logical rule that removes sub-queries and decorrelates the plan. */
  private static final String SUBQUERY_REMOVE = "subquery_remove";

  /** Physical rules applied by the heuristic planner before the cost-based one. */
  private static final Set<String> HEP_PREPARATION = Set.of("project_to_window");

  /** Physical rules applied by the heuristic planner to the cost-based one's result. */
  private static final Set<String> HEP_FINISHING = Set.of("enumerable_calc");

  private final PlanningContext context;

  public QueryPlanner(PlanningContext context) {
    this.context = context;
  }

  public PlanningContext context() {
    return context;
  }

  /**
   * The SQL parser configuration sessions start from: isthmus's dialect (what it converts to
   * Substrait), with identifier rules set from the profile by the session.
   */
  public static SqlParser.Config baseParserConfig() {
    return SubstraitExtensions.parserConfig();
  }

  /**
   * Plans one SQL query.
   *
   * @param name what the bundle is called (a file or view name)
   * @throws PlanningException when the SQL does not parse or validate, the analyzer refuses it,
   *     a rule fails (unless {@code skip_failed_rules}), or isthmus cannot convert it
   */
  public PlanBundle plan(String name, String sql) {
    PlanCache.Request request = request("sql", name, sql);
    PlanBundle cached = context.cache().lookup(request, context.catalog().changes(),
        this::tableVersion);
    if (cached != null) {
      return cached;
    }
    RelRoot root = toRel(name, sql, this::checkStatement);
    return context.cache().put(request, plan(name, root));
  }

  /**
   * A data-changing statement planned through the same pipeline as a query (analyzer, logical
   * and physical rules, Substrait, fingerprint), for execution once.
   *
   * @param plan the bundle: its Substrait is the write relation, its delta inputs name the
   *     target table at the version the statement reads and changes
   * @param table the target table, upper case
   * @param operation what the statement does to it
   */
  public record Mutation(PlanBundle plan, String table, TableModify.Operation operation) {}

  /**
   * Plans a data-changing statement. Only {@code DELETE} is piloted, on memory tables, and only
   * when the SQL policy allows DML. Mutations are never cached: a mutation's plan is stale as
   * soon as it has run.
   *
   * @throws PlanningException as {@link #plan(String, String)} does, and when the statement is
   *     not a {@code DELETE}, DML is not allowed, or the target table cannot be modified
   */
  public Mutation planMutation(String name, String sql) {
    RelRoot root = toRel(name, sql, this::checkMutation);
    if (!(root.rel instanceof TableModify modify)) {
      throw new PlanningException(name + ": the statement does not plan to a table "
          + "modification: " + root.rel.getRelTypeName());
    }
    List<String> qualified = modify.getTable().getQualifiedName();
    String table = qualified.get(qualified.size() - 1).toUpperCase(Locale.ROOT);
    if (modify.getTable().unwrap(ModifiableTable.class) == null) {
      throw new PlanningException(name + ": table " + table + " is a "
          + context.catalog().table(table).map(t -> t.source().factory()).orElse("foreign")
          + " table: only memory tables can be modified");
    }
    return new Mutation(plan(name, root), table, modify.getOperation());
  }

  /**
   * Plans a DAG built with Calcite's {@link RelBuilder} over the session's tables.
   *
   * @param key what identifies the DAG for the plan cache (the same key, the same DAG)
   */
  public PlanBundle plan(String name, String key, Function<RelBuilder, RelNode> dag) {
    PlanCache.Request request = request("dag", name, key);
    PlanBundle cached = context.cache().lookup(request, context.catalog().changes(),
        this::tableVersion);
    if (cached != null) {
      return cached;
    }
    RelNode rel = dag.apply(RelBuilder.create(config()));
    return context.cache().put(request, plan(name, RelRoot.of(rel, SqlKind.SELECT)));
  }

  // ---------------------------------------------------------------------------------------------

  private FrameworkConfig config() {
    return Frameworks.newConfigBuilder()
        .defaultSchema(context.catalog().rootSchema())
        .parserConfig(context.parserConfig())
        .operatorTable(context.operatorTable())
        .sqlToRelConverterConfig(SqlToRelConverter.config().withExpand(false))
        // Rules fold constants with the executor of the plan's cluster, which comes from here.
        .executor(RexUtil.EXECUTOR)
        .build();
  }

  /** Parses, checks, validates and converts one statement. */
  private RelRoot toRel(String name, String sql, Consumer<SqlNode> check) {
    Planner planner = Frameworks.getPlanner(config());
    try {
      SqlNode parsed = planner.parse(stripTerminator(sql));
      check.accept(parsed);
      checkFunctionsExist(name, parsed);
      SqlNode validated = planner.validate(parsed);
      return planner.rel(validated);
    } catch (SqlParseException e) {
      throw new PlanningException(name + ": the SQL does not parse: " + firstLine(e), e);
    } catch (ValidationException e) {
      throw new PlanningException(name + ": the SQL does not validate: "
          + firstLine(e.getCause() == null ? e : e.getCause()), e);
    } catch (RelConversionException e) {
      throw new PlanningException(name + ": the SQL cannot be converted to a plan: "
          + firstLine(e), e);
    } finally {
      planner.close();
    }
  }

  /**
   * Every function the statement calls must be one the session has: a built-in function, one
   * of its user-defined functions, or one of its relation planners. Otherwise planning fails
   * here, naming the function, rather than with the validator's "no match for signature".
   */
  private void checkFunctionsExist(String name, SqlNode parsed) {
    parsed.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getOperator() instanceof SqlUnresolvedFunction function
            && !functionExists(function.getNameAsId())) {
          String called = function.getName();
          throw new PlanningException(name + ": the SQL calls function '" + called
              + "', which this session does not register"
              + (context.functions().isEmpty() ? " (it has no user-defined functions)"
                  : " (its user-defined functions: " + String.join(", ",
                      context.functions().byName().keySet()) + ")")
              + "; a planning surface registers functions by name in its functions list");
        }
        return super.visit(call);
      }
    });
  }

  private boolean functionExists(SqlIdentifier id) {
    List<SqlOperator> found = new ArrayList<>();
    context.operatorTable().lookupOperatorOverloads(id, null, SqlSyntax.FUNCTION, found,
        SqlNameMatchers.withCaseSensitive(false));
    if (!found.isEmpty() || !id.isSimple()) {
      return true;
    }
    // Relation planners are table macros of the catalog's schema, under upper-case names.
    String simple = id.getSimple();
    return !context.catalog().rootSchema().getFunctions(simple).isEmpty()
        || !context.catalog().rootSchema().getFunctions(simple.toUpperCase(Locale.ROOT))
            .isEmpty();
  }

  private void checkStatement(SqlNode parsed) {
    SqlKind kind = parsed.getKind();
    checkDdl(kind);
    if (kind.belongsTo(SqlKind.DML)) {
      throw new PlanningException("a " + kind.lowerName + " statement changes data: "
          + (context.sqlPolicy().getAllowDml()
              ? "plan() plans queries only; a DELETE runs with executeUpdate()"
              : "the session's SQL policy does not allow DML"));
    }
    if (!kind.belongsTo(SqlKind.QUERY)) {
      throw new PlanningException("a " + kind.lowerName + " statement is not a query: "
          + (context.sqlPolicy().getAllowStatements() ? "sessions plan queries only"
              : "the session's SQL policy does not allow statements"));
    }
  }

  /** What {@link #planMutation} accepts: DML the policy allows, and of DML only DELETE. */
  private void checkMutation(SqlNode parsed) {
    SqlKind kind = parsed.getKind();
    checkDdl(kind);
    if (!kind.belongsTo(SqlKind.DML)) {
      throw new PlanningException("a " + kind.lowerName + " statement does not change data: "
          + "plan it with plan()");
    }
    if (!context.sqlPolicy().getAllowDml()) {
      throw new PlanningException("a " + kind.lowerName + " statement changes data: "
          + "the session's SQL policy does not allow DML");
    }
    if (kind != SqlKind.DELETE) {
      throw new PlanningException("a " + kind.lowerName + " statement changes data: only "
          + "DELETE is piloted (DELETE FROM t WHERE ...); INSERT, UPDATE and MERGE are refused");
    }
  }

  private void checkDdl(SqlKind kind) {
    if (kind.belongsTo(SqlKind.DDL)) {
      throw new PlanningException("a " + kind.lowerName + " statement is DDL: "
          + (context.sqlPolicy().getAllowDdl() ? "sessions plan queries only"
              : "the session's SQL policy does not allow DDL"));
    }
  }

  private PlanBundle plan(String name, RelRoot root) {
    List<RuleDelta> deltas = new ArrayList<>();
    String unoptimized = explain(root.rel);
    analyze(root.rel, unoptimized, deltas);
    // Substrait carries the plan as the SQL means it, before this engine's rewrites: a consumer
    // (DataFusion) optimizes with its own rules, and isthmus converts this form most fully.
    byte[] substrait = SubstraitPlans.toBytes(root, context.functions().substrait());
    List<String> requiredUdfs = context.functions().calledBy(root.rel);
    RelNode optimized = logical(root.rel, deltas);
    RelRoot optimizedRoot = root.withRel(optimized);
    EnumerableRel physical = physical(optimizedRoot, deltas);

    List<DeltaInput> inputs = new ArrayList<>();
    List<String> scanUnits = new ArrayList<>();
    for (String table : tablesRead(optimized)) {
      inputs.add(DeltaInput.newBuilder().setDataset(table).setVersion(tableVersion(table))
          .build());
      scanUnits.add(context.catalog().table(table).map(t -> t.source().factory())
          .orElse("unknown") + ":" + table);
    }
    PlanFingerprint fingerprint = PlanFingerprints.of(substrait,
        PlanIdentities.fingerprintInputs(context.environment(), requiredUdfs,
            context.functions().snapshotHash(requiredUdfs), inputs));
    String fingerprintHash = PlanFingerprints.hash(fingerprint);
    PlanIdentity identity = PlanIdentities.identity(context.environment(), fingerprint,
        fingerprintHash, context.plannerNames(), context.policy().effectiveSettings(),
        scanUnits);
    return new PlanBundle(name, unoptimized, explain(optimized), explain(physical),
        ByteString.copyFrom(substrait), fingerprint, fingerprintHash, identity, PlanIdentities.hash(identity),
        context.explainPerRule() ? deltas : List.of(), context.cache().diagnostics(), false,
        physical);
  }

  /**
   * The logical and physical phases alone, for the planning benchmark's optimize phase. The
   * root must be fresh: the physical phase registers its plan with the root's cluster planner.
   */
  EnumerableRel optimize(RelRoot root) {
    List<RuleDelta> deltas = new ArrayList<>();
    return physical(root.withRel(logical(root.rel, deltas)), deltas);
  }

  private void analyze(RelNode plan, String text, List<RuleDelta> deltas) {
    PlanCheck.Context checkContext = new PlanCheck.Context(context.sqlPolicy(),
        context.policy());
    for (RuleDefinition rule : context.rulepack().installed(Phase.ANALYZER)) {
      try {
        rule.check().check(plan, checkContext);
      } catch (PlanRejectedException e) {
        throw new PlanningException(e.getMessage(), e);
      }
      deltas.add(new RuleDelta(rule.name(), Phase.ANALYZER, false, text));
    }
  }

  /**
   * The logical phase: each rule applied to a fixpoint on its own, in order; the whole sequence
   * repeated until a pass changes nothing or {@code max_passes} is reached.
   */
  private RelNode logical(RelNode plan, List<RuleDelta> deltas) {
    int passes = Math.max(1, context.policy().optimizer().maxPasses());
    boolean skipFailed = context.policy().optimizer().skipFailedRules();
    RelNode current = plan;
    for (int pass = 0; pass < passes; pass++) {
      boolean changedInPass = false;
      for (RuleDefinition rule : context.rulepack().installed(Phase.LOGICAL)) {
        Applied applied;
        try {
          applied = rule.name().equals(SUBQUERY_REMOVE) ? removeSubQueries(current)
              : applyHep(current, rule.rules());
        } catch (RuntimeException e) {
          if (!skipFailed) {
            throw new PlanningException("rule " + rule.name() + " failed: " + firstLine(e), e);
          }
          deltas.add(new RuleDelta(rule.name(), Phase.LOGICAL, false, "skipped: "
              + firstLine(e)));
          continue;
        }
        current = applied.plan();
        changedInPass |= applied.changed();
        deltas.add(new RuleDelta(rule.name(), Phase.LOGICAL, applied.changed(),
            context.explainPerRule() ? explain(current) : ""));
      }
      if (!changedInPass) {
        break;
      }
    }
    return current;
  }

  private EnumerableRel physical(RelRoot optimized, List<RuleDelta> deltas) {
    RelNode plan = optimized.rel;
    List<RelOptRule> volcano = new ArrayList<>();
    List<RuleDefinition> volcanoRules = new ArrayList<>();
    List<RuleDefinition> finishing = new ArrayList<>();
    for (RuleDefinition rule : context.rulepack().installed(Phase.PHYSICAL)) {
      if (HEP_FINISHING.contains(rule.name())) {
        finishing.add(rule);
      } else if (HEP_PREPARATION.contains(rule.name())) {
        // Rewrites the Volcano planner cannot cost (a window split, not an alternative).
        Applied applied = applyHep(plan, rule.rules());
        plan = applied.plan();
        deltas.add(new RuleDelta(rule.name(), Phase.PHYSICAL, applied.changed(),
            context.explainPerRule() ? explain(plan) : ""));
      } else {
        volcano.addAll(rule.rules());
        volcanoRules.add(rule);
      }
    }
    // Forced: the output keeps the names the query gave its columns, not those of the inputs.
    RelNode projected = optimized.withRel(plan).project(true);
    RelOptPlanner planner = projected.getCluster().getPlanner();
    ProductionCounter counter = new ProductionCounter();
    planner.addListener(counter);
    RelTraitSet traits = projected.getTraitSet().replace(EnumerableConvention.INSTANCE)
        .replace(outputCollation(optimized)).simplify();
    Program program = Programs.of(RuleSets.ofList(volcano));
    RelNode physical;
    try {
      physical = program.run(planner, projected, traits, List.of(), List.of());
    } catch (RuntimeException e) {
      throw new PlanningException("no executable plan: " + firstLine(e), e);
    }
    for (RuleDefinition rule : volcanoRules) {
      deltas.add(new RuleDelta(rule.name(), Phase.PHYSICAL, counter.fired(rule.rules()),
          context.explainPerRule() ? explain(physical) : ""));
    }
    for (RuleDefinition rule : finishing) {
      Applied applied = applyHep(physical, rule.rules());
      physical = applied.plan();
      deltas.add(new RuleDelta(rule.name(), Phase.PHYSICAL, applied.changed(),
          context.explainPerRule() ? explain(physical) : ""));
    }
    if (!(physical instanceof EnumerableRel enumerable)) {
      throw new PlanningException("the physical plan is not executable on the Enumerable "
          + "engine: " + physical.getRelTypeName());
    }
    return named(enumerable, optimized);
  }

  /**
   * The physical plan with the names the query gave its columns. The cost-based planner treats
   * a projection that only renames as its input, so a plan can come out with an input's names
   * ({@code DEF_ID} for {@code s.DEF_ID AS CALLEE_DEF_ID}); then a calc that renames is put on
   * top, so that rows, lineage and every consumer see the query's names.
   */
  private static EnumerableRel named(EnumerableRel physical, RelRoot root) {
    List<String> names = new ArrayList<>();
    root.fields.forEach(field -> names.add(field.getValue()));
    if (physical.getRowType().getFieldNames().equals(names)
        || physical.getRowType().getFieldCount() != names.size()) {
      return physical;
    }
    RexProgramBuilder program = new RexProgramBuilder(physical.getRowType(),
        physical.getCluster().getRexBuilder());
    for (int i = 0; i < names.size(); i++) {
      program.addProject(i, names.get(i));
    }
    return EnumerableCalc.create(physical, program.getProgram());
  }

  /**
   * The root's ordering in terms of its output fields. When it sorts by a column the query does
   * not return, the projection drops that column: the sort below still orders the rows, and the
   * required output ordering is empty.
   */
  private static RelCollation outputCollation(RelRoot root) {
    List<Integer> sources = new ArrayList<>();
    root.fields.forEach(field -> sources.add(field.getKey()));
    List<RelFieldCollation> mapped = new ArrayList<>();
    for (RelFieldCollation field : root.collation.getFieldCollations()) {
      int output = sources.indexOf(field.getFieldIndex());
      if (output < 0) {
        return RelCollations.EMPTY;
      }
      mapped.add(field.withFieldIndex(output));
    }
    return RelCollations.of(mapped);
  }

  /**
   * Sub-queries (IN, EXISTS, scalar) turned into joins and correlations, and the plan then
   * decorrelated: once, before any other logical rule moves an expression that holds one.
   */
  private Applied removeSubQueries(RelNode plan) {
    Applied applied = applyHep(plan, context.rulepack().installed(Phase.LOGICAL).stream()
        .filter(r -> r.name().equals(SUBQUERY_REMOVE)).findFirst().orElseThrow().rules());
    if (!applied.changed()) {
      return applied;
    }
    return new Applied(RelDecorrelator.decorrelateQuery(applied.plan(),
        RelFactories.LOGICAL_BUILDER.create(plan.getCluster(), null)), true);
  }

  /** A plan after one rule, and whether the planner reported that the rule produced anything. */
  private record Applied(RelNode plan, boolean changed) {}

  private Applied applyHep(RelNode plan, List<RelOptRule> rules) {
    HepProgram program = HepProgram.builder().addRuleCollection(rules).build();
    HepPlanner hep = new HepPlanner(program);
    ProductionCounter counter = new ProductionCounter();
    hep.addListener(counter);
    hep.setRoot(plan);
    RelNode result = hep.findBestExp();
    return new Applied(result, counter.fired(rules));
  }

  /** Counts the rule productions the planner reports, by rule. */
  private static final class ProductionCounter implements RelOptListener {
    private final Set<RelOptRule> fired = new java.util.HashSet<>();

    boolean fired(List<RelOptRule> rules) {
      return rules.stream().anyMatch(fired::contains);
    }

    @Override
    public void ruleProductionSucceeded(RuleProductionEvent event) {
      if (!event.isBefore() && event.getRel() != null) {
        fired.add(event.getRuleCall().getRule());
      }
    }

    @Override
    public void relEquivalenceFound(RelEquivalenceEvent event) {}

    @Override
    public void ruleAttempted(RuleAttemptedEvent event) {}

    @Override
    public void relDiscarded(RelDiscardedEvent event) {}

    @Override
    public void relChosen(RelChosenEvent event) {}
  }

  /**
   * The plan as text, one operator per line, without per-run ids or costs. Calcite writes one
   * form, the indented one; {@code datafusion.explain.format}'s other forms are DataFusion's.
   */
  private String explain(RelNode plan) {
    String text = RelOptUtil.toString(plan, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
    if (context.policy().explain().showSchema()) {
      text += "schema: " + plan.getRowType().getFullTypeString() + "\n";
    }
    return text;
  }

  private static Set<String> tablesRead(RelNode plan) {
    Set<String> tables = new TreeSet<>();
    collectTables(plan, tables);
    return tables;
  }

  private static void collectTables(RelNode plan, Set<String> tables) {
    // Sub-queries (IN, EXISTS, scalar) stay expressions until the physical phase: their tables
    // are read too, and a change to them must reach the plan's delta inputs.
    RexShuttle subQueries = new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        collectTables(subQuery.rel, tables);
        return super.visitSubQuery(subQuery);
      }
    };
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        // A modification's target counts as read: its identity names the version it changes.
        RelOptTable table = node instanceof TableScan scan ? scan.getTable()
            : node instanceof TableModify modify ? modify.getTable() : null;
        if (table != null) {
          List<String> name = table.getQualifiedName();
          tables.add(name.get(name.size() - 1).toUpperCase(Locale.ROOT));
        }
        node.accept(subQueries);
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
  }

  private long tableVersion(String table) {
    return context.catalog().table(table).map(RegisteredTable::version).orElse(0L);
  }

  /** What a request is, for the cache: its kind, name and text, in the session. */
  private PlanCache.Request request(String kind, String name, String text) {
    return new PlanCache.Request(kind, name, text, context.environment().rulepackHash(),
        context.explainPerRule());
  }

  private static String stripTerminator(String sql) {
    String trimmed = sql.strip();
    return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
