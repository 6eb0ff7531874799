package io.codeanatomy.runtime.session;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.EstimateSource;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ExtensionGovernance;
import io.codeanatomy.contracts.relspec.PlanningSurfacePolicy;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpec;
import io.codeanatomy.contracts.relspec.SqlPolicy;
import io.codeanatomy.runtime.catalog.Catalog;
import io.codeanatomy.runtime.catalog.RegisteredTable;
import io.codeanatomy.runtime.catalog.ScanSettings;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.exec.EnumerableExecutor;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.exec.UpdateResult;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.plan.PlanCache;
import io.codeanatomy.runtime.plan.PlanningContext;
import io.codeanatomy.runtime.plan.QueryPlanner;
import io.codeanatomy.runtime.plan.UserFunction;
import io.codeanatomy.runtime.plan.UserFunctions;
import io.codeanatomy.runtime.relspec.ExecutionPackageAssembler;
import io.codeanatomy.runtime.relspec.ObservedRows;
import io.codeanatomy.runtime.rules.OverlayProfile;
import io.codeanatomy.runtime.rules.Phase;
import io.codeanatomy.runtime.rules.RuleRegistry;
import io.codeanatomy.runtime.rules.Rulepack;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.RelBuilder;

/**
 * A planning session (docs/plan-identity.md, "Sessions"): built only from a {@link PlanningSurfaceSpec} and a
 * policy profile, and immutable after {@link Builder#build()}. It holds the Calcite configuration
 * the profile's settings give, the catalog, the function registry, the installed rulepack and the
 * named planners; it plans SQL and DAGs into {@link PlanBundle}s, runs them on the embedded
 * engine, and seals execution packages. Experiments use {@link #overlay}, which derives a new
 * session and leaves this one as it was.
 */
public final class PlanningSession implements AutoCloseable {

  /** The table factories the embedded engine has, by logical name. */
  public static final Set<String> TABLE_FACTORIES = Set.of("memory", "csv");

  private final PlanningSurfaceSpec spec;
  private final PlanningContext context;
  private final QueryPlanner planner;
  private final Clock clock;
  private final List<String> warnings;
  private final EnumerableExecutor executor;
  private final boolean ownsExecutor;
  private final ObservedRows observedRows;

  private PlanningSession(PlanningSurfaceSpec spec, PlanningContext context, Clock clock,
      List<String> warnings, EnumerableExecutor executor, boolean ownsExecutor,
      ObservedRows observedRows) {
    this.spec = spec;
    this.observedRows = observedRows;
    this.context = context;
    this.planner = new QueryPlanner(context);
    this.clock = clock;
    this.warnings = List.copyOf(warnings);
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
  }

  /**
   * Starts a session.
   *
   * @param spec the planning surface (from the generated {@code PlanningSurfaceSpecContract.Builder})
   * @param policy the policy profile whose settings the session plans under
   * @param profileName the profile's name: it keys the plan identity's context
   */
  public static Builder builder(PlanningSurfaceSpec spec, CodeAnatomyPolicy policy,
      String profileName) {
    return new Builder(spec, policy, profileName);
  }

  /** Builds a session. Tables are registered here, before {@link #build()}. */
  public static final class Builder {
    private final PlanningSurfaceSpec spec;
    private final CodeAnatomyPolicy policy;
    private final String profileName;
    private SqlPolicy sqlPolicy = SqlPolicy.newBuilder().setAllowStatements(true).build();
    private RuleRegistry registry = RuleRegistry.standard();
    private Clock clock = Clock.systemUTC();
    private long planCacheLimitBytes = 64L << 20;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, RelationPlanner> relationPlanners = new java.util.TreeMap<>();
    private final Map<String, UserFunction> functions = new java.util.TreeMap<>();
    private Catalog catalog;
    private ObservedRows observedRows;
    private boolean built;

    private Builder(PlanningSurfaceSpec spec, CodeAnatomyPolicy policy, String profileName) {
      this.spec = Objects.requireNonNull(spec, "spec");
      this.policy = Objects.requireNonNull(policy, "policy");
      this.profileName = Objects.requireNonNull(profileName, "profileName");
    }

    /** What SQL the session accepts; by default queries only. */
    public Builder sqlPolicy(SqlPolicy policy) {
      checkOpen();
      this.sqlPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The rules the spec's rulepack names are looked up in; by default the standard ones. */
    public Builder ruleRegistry(RuleRegistry registry) {
      checkOpen();
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Where cache diagnostics and listing caches take the time from. */
    public Builder clock(Clock clock) {
      checkOpen();
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The statistics of rows plans produced that the session estimates from and adds to: a plan
     * that ran before over inputs of the same sizes is estimated from its result
     * ({@link #estimateRows}). Without one, estimates are the planner's.
     */
    public Builder observedRows(ObservedRows observed) {
      checkOpen();
      this.observedRows = Objects.requireNonNull(observed, "observed");
      return this;
    }

    public Builder planCacheLimitBytes(long bytes) {
      checkOpen();
      this.planCacheLimitBytes = bytes;
      return this;
    }

    /**
     * Supplies the implementation of a relation planner. It is registered only when the spec names
     * it in {@code relation_planners}: the spec decides what a session plans with.
     */
    public Builder relationPlanner(String name, RelationPlanner planner) {
      checkOpen();
      relationPlanners.put(name, Objects.requireNonNull(planner, "planner"));
      return this;
    }

    /**
     * Supplies the implementation of a user-defined function. It is registered only when the
     * spec names it in {@code functions}: the spec is the function registry, and the builder
     * only says what runs for each name.
     *
     * @throws IllegalArgumentException when another implementation was given for the name
     */
    public Builder function(UserFunction function) {
      checkOpen();
      UserFunction other = functions.putIfAbsent(function.name(), function);
      if (other != null && !other.equals(function)) {
        throw new IllegalArgumentException("function " + function.name() + " was given twice: "
            + other + " and " + function);
      }
      return this;
    }

    /** Registers a table (a command): the one way tables enter a session. */
    public Builder ensureRegistered(TableSource source) {
      checkOpen();
      catalog().ensureRegistered(source);
      return this;
    }

    /** Registers a table if needed and returns it (a query). */
    public RegisteredTable ensureAndGet(TableSource source) {
      checkOpen();
      return catalog().ensureAndGet(source);
    }

    private Catalog catalog() {
      if (catalog == null) {
        catalog = new Catalog(ScanSettings.of(policy), tableFactories(), clock);
      }
      return catalog;
    }

    /**
     * The session.
     *
     * @throws SessionException when the spec names an unknown rule, profile or table factory, or
     *     an extension its governance does not allow
     */
    public PlanningSession build() {
      checkOpen();
      Catalog tables = catalog();
      Rulepack rulepack;
      try {
        rulepack = Rulepack.of(registry, spec.rulepack());
      } catch (IllegalArgumentException e) {
        throw new SessionException("the planning surface's rulepack: " + e.getMessage());
      }
      UserFunctions userFunctions = userFunctions();
      List<String> planners = planners();
      SqlParser.Config parser = parserConfig(policy);
      // Calcite's standard operators: each has an Enumerable implementation, and isthmus maps
      // them to Substrait's standard extensions. Then the session's own functions.
      SqlOperatorTable operators = SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
          userFunctions.operatorTable());
      for (String name : spec.relationPlanners()) {
        RelationPlanner planner = relationPlanners.get(name);
        if (planner == null) {
          throw new SessionException("the planning surface names relation planner '" + name
              + "', but the builder was given no implementation of it (relationPlanner(name, "
              + "planner))");
        }
        tables.registerFunction(name, planner.create(
            new RelationPlanner.Context(tables.rootSchema(), operators, parser)));
      }
      Environment environment = Environment.of(spec, policy, profileName, sqlPolicy, rulepack,
          tables, operators, userFunctions, planners);
      PlanningContext context = new PlanningContext(tables, parser, operators, userFunctions,
          rulepack, policy, sqlPolicy, environment, planners, false,
          new PlanCache(planCacheLimitBytes, clock));
      built = true;
      return new PlanningSession(spec, context, clock, warnings,
          new EnumerableExecutor(tables.rootSchema()), true, observedRows);
    }

    /**
     * The functions the spec names, each with the implementation the builder was given. A name
     * the engine already has as a built-in function is refused: a call could not tell them apart.
     */
    private UserFunctions userFunctions() {
      List<UserFunction> registered = new ArrayList<>();
      for (String name : new TreeSet<>(spec.functions())) {
        UserFunction function = functions.get(name);
        if (function == null) {
          throw new SessionException("the planning surface names function '" + name
              + "', but the builder was given no implementation of it (function(UserFunction))"
              + (functions.isEmpty() ? "" : "; it was given "
                  + String.join(", ", functions.keySet())));
        }
        List<org.apache.calcite.sql.SqlOperator> builtIn = new ArrayList<>();
        SqlStdOperatorTable.instance().lookupOperatorOverloads(
            new org.apache.calcite.sql.SqlIdentifier(name,
                org.apache.calcite.sql.parser.SqlParserPos.ZERO),
            null, org.apache.calcite.sql.SqlSyntax.FUNCTION, builtIn,
            org.apache.calcite.sql.validate.SqlNameMatchers.withCaseSensitive(false));
        if (!builtIn.isEmpty()) {
          throw new SessionException("the planning surface names function '" + name
              + "', which is a built-in function of the engine: name it otherwise");
        }
        registered.add(function);
      }
      return UserFunctions.of(registered);
    }

    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("the session is built: nothing about it changes now");
      }
    }

    /** The factories the spec registers, each allowed by the policy or its governance. */
    private Set<String> tableFactories() {
      List<String> named = spec.tableFactories().isEmpty() && spec.policy().enableDefaultFeatures()
          ? List.copyOf(new TreeSet<>(TABLE_FACTORIES)) : spec.tableFactories();
      Set<String> factories = new TreeSet<>();
      for (String factory : named) {
        if (!TABLE_FACTORIES.contains(factory)) {
          throw new SessionException("unknown table factory '" + factory + "': the embedded "
              + "engine has " + String.join(", ", new TreeSet<>(TABLE_FACTORIES)));
        }
        if (allowed("table factory", factory, spec.policy().tableFactoryAllowlist())) {
          factories.add(factory);
        }
      }
      return factories;
    }

    private List<String> planners() {
      PlanningSurfacePolicy surface = spec.policy();
      List<String> names = new ArrayList<>();
      for (String name : spec.exprPlanners()) {
        if (allowed("expression planner", name, surface.exprPlannerNames())) {
          names.add("expr:" + name);
        }
      }
      governFlag("relation planner", spec.relationPlanners(), surface.relationPlannerEnabled());
      spec.relationPlanners().forEach(n -> names.add("relation:" + n));
      governFlag("type planner", spec.typePlanners(), surface.typePlannerEnabled());
      spec.typePlanners().forEach(n -> names.add("type:" + n));
      return List.copyOf(new TreeSet<>(names));
    }

    private void governFlag(String kind, List<String> names, boolean enabled) {
      if (!names.isEmpty() && !enabled) {
        for (String name : names) {
          allowed(kind, name, List.of());
        }
      }
    }

    /** Applies the extension governance to one extension; false when it is left out. */
    private boolean allowed(String kind, String name, List<String> allowlist) {
      if (allowlist.contains(name)) {
        return true;
      }
      ExtensionGovernance governance = spec.extensionGovernance();
      switch (governance) {
        case STRICT_ALLOWLIST -> throw new SessionException(kind + " '" + name + "' is not on "
            + "the planning surface's allowlist, and its governance is strict_allowlist");
        case WARN_ON_UNREGISTERED -> {
          warnings.add(kind + " '" + name + "' is not on the planning surface's allowlist");
          return true;
        }
        default -> {
          return true;
        }
      }
    }
  }

  /**
   * Calcite's parser configuration under the profile's settings: unquoted identifiers are
   * normalized (to upper case, as Calcite stores them) when
   * {@code datafusion.sql_parser.enable_ident_normalization} is on, kept as written when off.
   */
  static SqlParser.Config parserConfig(CodeAnatomyPolicy policy) {
    boolean normalize = policy.sqlParser().enableIdentNormalization();
    return QueryPlanner.baseParserConfig()
        .withUnquotedCasing(normalize ? Casing.TO_UPPER : Casing.UNCHANGED)
        .withCaseSensitive(!normalize);
  }

  // ---------------------------------------------------------------------------------------------

  /** Plans one SQL query, named for the bundle (and the cache). */
  public PlanBundle plan(String name, String sql) {
    return planner.plan(name, sql);
  }

  /** Plans a query without a name of its own: the SQL names it. */
  public PlanBundle plan(String sql) {
    return planner.plan(sql, sql);
  }

  /**
   * Plans a DAG built with Calcite's {@link RelBuilder} over the session's tables.
   *
   * @param key what identifies the DAG for the plan cache
   */
  public PlanBundle plan(String name, String key, Function<RelBuilder, RelNode> dag) {
    return planner.plan(name, key, dag);
  }

  /**
   * Runs a bundle's physical plan on the embedded engine. With observed rows
   * ({@link Builder#observedRows}), the number of rows it produced is recorded there.
   */
  public QueryResult execute(PlanBundle bundle) {
    SortedMap<String, Long> inputs = observedRows == null ? null : inputRows(bundle);
    QueryResult result = executor.execute(bundle);
    if (observedRows != null) {
      observedRows.record(bundle.fingerprintHash(), inputs, result.rows().size());
    }
    return result;
  }

  /**
   * How many rows a plan is expected to produce, and from what: the rows it produced before over
   * inputs of the same sizes (observed statistics), or else the planner's estimate over the
   * catalog's table statistics.
   *
   * @param rows the estimate
   * @param source where it came from
   * @param inputRows the row count of each table the plan reads, now
   */
  public record RowEstimate(double rows, EstimateSource source,
      SortedMap<String, Long> inputRows) {}

  /** The row estimate of a plan, as {@link RowEstimate} says. */
  public RowEstimate estimateRows(PlanBundle bundle) {
    SortedMap<String, Long> inputs = inputRows(bundle);
    if (observedRows != null) {
      java.util.OptionalLong observed = observedRows.lookup(bundle.fingerprintHash(), inputs);
      if (observed.isPresent()) {
        return new RowEstimate(observed.getAsLong(), EstimateSource.OBSERVED, inputs);
      }
    }
    double planner = bundle.withPhysicalPlan(plan ->
        plan.getCluster().getMetadataQuery().getRowCount(plan));
    return new RowEstimate(planner, EstimateSource.PLANNER, inputs);
  }

  /** The row count of each table a plan reads, now. */
  private SortedMap<String, Long> inputRows(PlanBundle bundle) {
    SortedMap<String, Long> inputs = new java.util.TreeMap<>();
    for (io.codeanatomy.contracts.relspec.DeltaInput input
        : bundle.fingerprint().getDeltaInputsList()) {
      context.catalog().table(input.getDataset()).ifPresent(t ->
          inputs.put(input.getDataset(), (long) t.rows().size()));
    }
    return java.util.Collections.unmodifiableSortedMap(inputs);
  }

  /**
   * A new session with the overlay's rules; this one is not touched. The new session shares the
   * tables and the plan cache (identities differ by rulepack, so entries never mix).
   */
  public PlanningSession overlay(OverlayProfile overlay) {
    Rulepack rules;
    try {
      rules = context.rulepack().overlay(overlay);
    } catch (IllegalArgumentException e) {
      throw new SessionException("the overlay: " + e.getMessage());
    }
    PlanningContext derived = new PlanningContext(context.catalog(), context.parserConfig(),
        context.operatorTable(), context.functions(), rules, context.policy(), context.sqlPolicy(),
        context.environment().withRulepack(rules), context.plannerNames(),
        overlay.explainPerRule(), context.cache());
    return new PlanningSession(spec, derived, clock, warnings, executor, false, observedRows);
  }

  /**
   * Runs a data-changing statement through the planner and the embedded engine. Only
   * {@code DELETE FROM t WHERE ...} on a memory table is piloted, and only when the SQL policy
   * allows DML. The statement is planned like a query (analyzer, rules, Substrait, fingerprint)
   * but not cached; it runs against the version it was planned on, and when it removes rows the
   * table moves to the next version once and every cached plan that read the table is dropped.
   * A failed statement changes nothing.
   *
   * @throws PlanningException when the statement is refused or does not plan
   * @throws SessionException when the table changed between planning and running
   */
  public UpdateResult executeUpdate(String name, String sql) {
    QueryPlanner.Mutation mutation = planner.planMutation(name, sql);
    String target = mutation.table();
    RegisteredTable table = context.catalog().table(target).orElseThrow(() ->
        new SessionException("no table " + target + " in this session"));
    long planned = mutation.plan().fingerprint().getDeltaInputsList().stream()
        .filter(d -> d.getDataset().equals(target)).findFirst().orElseThrow().getVersion();
    return table.exclusively(() -> {
      if (table.version() != planned) {
        throw new SessionException(name + ": table " + target + " changed after the statement "
            + "was planned (version " + planned + ", now " + table.version() + "); nothing "
            + "was changed");
      }
      long count = executor.executeUpdate(mutation.plan());
      long after = table.version();
      List<String> invalidated = after == planned ? List.of()
          : context.cache().invalidate(target, name + ": " + mutation.operation().name()
              + " of " + count + " rows, version " + planned + " -> " + after);
      return new UpdateResult(mutation.plan(), target, count, planned, after, invalidated);
    });
  }

  /**
   * Replaces a memory table's rows. Plans that read it are dropped from the plan cache (the
   * diagnostics count them as evictions) and its next plans carry its new version.
   */
  public long replaceRows(String table, List<List<Object>> rows) {
    RegisteredTable registered = context.catalog().table(table).orElseThrow(() ->
        new SessionException("no table " + table + " in this session"));
    long version = registered.refresh(rows);
    context.cache().invalidate(table);
    return version;
  }

  /**
   * Seals an execution package of planned bundles, with this session's hashes (docs/domain.md
   * section 3) and the plan cache's diagnostics (provenance).
   *
   * @param manifestHash the SHA-256 of the contract manifest the Rust engine checks, or empty
   */
  public ExecutionPackage executionPackage(List<PlanBundle> bundles, String manifestHash) {
    return new ExecutionPackageAssembler(clock).assemble(packageComponents(bundles, manifestHash,
        cacheDiagnostics()));
  }

  /**
   * Every cache of the session, with its counters: the plan cache, the catalog's directory
   * listings, the engine's compiled code, and the statistics of observed rows (when the session
   * was given one). Stamped with the clock's time; provenance, outside every hash.
   */
  public CacheDiagnostics cacheDiagnostics() {
    CacheDiagnostics.Builder diagnostics = context.cache().diagnostics().toBuilder();
    diagnostics.addAllCaches(context.catalog().cacheStats());
    diagnostics.addCaches(executor.cacheStats());
    if (observedRows != null) {
      diagnostics.addCaches(observedRows.stats());
    }
    return diagnostics.setEventTimeUnixMs(clock.millis()).build();
  }

  /**
   * The same package with an explicit creation time: a replay reproduces a package byte for
   * byte.
   */
  public ExecutionPackage executionPackage(List<PlanBundle> bundles, String manifestHash,
      long createdAtUnixMs) {
    // The diagnostics are stamped with the same time, so that nothing in the bytes depends on
    // when the replay ran.
    return new ExecutionPackageAssembler(clock).assemble(packageComponents(bundles,
        manifestHash, cacheDiagnostics().toBuilder()
            .setEventTimeUnixMs(createdAtUnixMs).build()), createdAtUnixMs);
  }

  private ExecutionPackage packageComponents(List<PlanBundle> bundles, String manifestHash,
      CacheDiagnostics diagnostics) {
    ExecutionPackage.Builder components = ExecutionPackage.newBuilder()
        .setManifestHash(manifestHash)
        .setPolicyArtifactHash(environment().profileSettingsHash())
        .setCapabilitySnapshotHash(environment().capabilityHash())
        .setSessionConfigHash(environment().planningSettingsHash())
        .setPlanningEnvHash(environment().planningEnvironmentHash())
        .setRulepackHash(environment().rulepackHash())
        .setInformationSchemaHash(environment().informationSchemaHash())
        .setFunctionRegistryHash(environment().functionRegistryHash())
        .setCacheDiagnostics(diagnostics);
    for (PlanBundle bundle : bundles) {
      String previous = components.getPlanBundleFingerprintsMap().get(bundle.name());
      if (previous != null && !previous.equals(bundle.fingerprintHash())) {
        throw new SessionException("two plans are named " + bundle.name());
      }
      components.putPlanBundleFingerprints(bundle.name(), bundle.fingerprintHash());
    }
    return components.build();
  }

  // ---------------------------------------------------------------------------------------------

  public PlanningSurfaceSpec spec() {
    return spec;
  }

  public CodeAnatomyPolicy policy() {
    return context.policy();
  }

  /** The snapshots and hashes of the session. */
  public Environment environment() {
    return context.environment();
  }

  /** The user-defined functions the session registered. */
  public UserFunctions functions() {
    return context.functions();
  }

  public Rulepack rulepack() {
    return context.rulepack();
  }

  /** The installed rules per phase: the session's rule diagnostics. */
  public Map<Phase, List<String>> installedRules() {
    return context.rulepack().installedNames();
  }

  /** What the build let through with a warning (governance {@code warn_on_unregistered}). */
  public List<String> warnings() {
    return warnings;
  }

  public Optional<RegisteredTable> table(String name) {
    return context.catalog().table(name);
  }

  public PlanCache planCache() {
    return context.cache();
  }

  /** Whether planning records per-rule deltas (an overlay with explainPerRule). */
  public boolean explainsPerRule() {
    return context.explainPerRule();
  }

  /** Closes the embedded engine; an overlay leaves it to the session it came from. */
  @Override
  public void close() {
    if (ownsExecutor) {
      executor.close();
    }
  }
}
