package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.DeltaInput;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.contracts.relspec.SqlPolicy;
import io.codeanatomy.runtime.catalog.Catalog;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.ScanSettings;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.rules.RuleRegistry;
import io.codeanatomy.runtime.rules.Rulepack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.adapter.tpcds.TpcdsSchema;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.rex.RexUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Planning a corpus query, phase by phase: parse; validate and convert to a plan; optimize (the
 * logical and physical phases); Substrait conversion and normalization; fingerprint and identity;
 * the whole plan (a cache miss: the cache holds nothing); and a plan-cache hit, for the same
 * text and for an equal copy. The class lives in the plan package of the runtime (in
 * this benchmark module) to reach the package's own phases, which the runtime does not export.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanningBenchmark {

  @Param({"tpch/01", "tpch/09", "tpch/18", "tpcds/05", "tpcds/64"})
  public String query;

  private String sql;
  private SqlParser.Config parser;
  private Catalog catalog;
  private PlanningContext context;
  private QueryPlanner uncached;
  private QueryPlanner cached;
  private RelRoot root;
  private byte[] substrait;
  private io.substrait.proto.Plan proto;
  private List<DeltaInput> inputs;

  @Setup
  public void setUp() throws Exception {
    Path corpus = corpus();
    String[] parts = query.split("/");
    sql = Files.readString(corpus.resolve(parts[0]).resolve("queries").resolve(parts[1] + ".sql"),
        StandardCharsets.UTF_8).strip().replaceAll(";$", "");
    CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.profile("default");
    catalog = new Catalog(ScanSettings.of(policy), Set.of("memory"), Clock.systemUTC());
    for (TableSchema schema : parts[0].equals("tpch") ? tpch(corpus) : tpcds()) {
      catalog.ensureRegistered(new TableSource.Memory(schema, List.of()));
    }
    parser = QueryPlanner.baseParserConfig().withUnquotedCasing(Casing.TO_UPPER)
        .withCaseSensitive(false);
    SqlPolicy sqlPolicy = SqlPolicy.newBuilder().setAllowStatements(true).build();
    Rulepack rulepack = Rulepack.of(RuleRegistry.standard(),
        io.codeanatomy.contracts.relspec.RulepackSpecContract.builder().profile("default")
            .build());
    var spec = io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract.builder()
        .policy(io.codeanatomy.contracts.relspec.PlanningSurfacePolicyContract.builder()
            .enableDefaultFeatures(true).build())
        .rulepack(io.codeanatomy.contracts.relspec.RulepackSpecContract.builder()
            .profile("default").build())
        .extensionGovernance(io.codeanatomy.contracts.relspec.ExtensionGovernance.PERMISSIVE)
        .build();
    Environment environment = Environment.of(spec, policy, "default", sqlPolicy, rulepack,
        catalog, SqlStdOperatorTable.instance(), UserFunctions.NONE, List.of());
    context = new PlanningContext(catalog, parser, SqlStdOperatorTable.instance(),
        UserFunctions.NONE, rulepack, policy, sqlPolicy, environment, List.of(), false,
        new PlanCache(0, Clock.systemUTC()));
    uncached = new QueryPlanner(context);
    cached = new QueryPlanner(new PlanningContext(catalog, parser,
        SqlStdOperatorTable.instance(), UserFunctions.NONE, rulepack, policy, sqlPolicy,
        environment, List.of(), false, new PlanCache(64L << 20, Clock.systemUTC())));
    cached.plan(query, sql);
    root = validateAndConvert();
    substrait = SubstraitPlans.toBytes(root);
    proto = io.substrait.proto.Plan.parseFrom(substrait);
    inputs = new ArrayList<>();
    for (String table : catalog.tables().keySet()) {
      inputs.add(DeltaInput.newBuilder().setDataset(table).setVersion(1).build());
    }
  }

  static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir.resolve("shared/corpus"),
          dir.resolveSibling("shared").resolve("corpus"))) {
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("the query corpus (shared/corpus beside the project) is "
        + "missing");
  }

  private static List<TableSchema> tpch(Path corpus) throws IOException {
    return TableSchema.fromDdl(Files.readString(corpus.resolve("tpch/schema.sql"),
        StandardCharsets.UTF_8));
  }

  private static List<TableSchema> tpcds() {
    TpcdsSchema schema = new TpcdsSchema(1.0);
    RelDataTypeFactory types = new JavaTypeFactoryImpl();
    List<TableSchema> tables = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(schema.tables().getNames(
        org.apache.calcite.schema.lookup.LikePattern.any()))) {
      TableSchema table = TableSchema.of(name.toUpperCase(Locale.ROOT),
          schema.tables().get(name).getRowType(types));
      List<Column> columns = new ArrayList<>();
      for (Column c : table.columns()) {
        // TIME is the one type the catalog does not hold; no query reads it.
        columns.add(c.type() == SqlTypeName.TIME
            ? new Column(c.name().toUpperCase(Locale.ROOT), SqlTypeName.VARCHAR, -1, -1, true)
            : new Column(c.name().toUpperCase(Locale.ROOT), c.type(), c.precision(), c.scale(),
                c.nullable()));
      }
      tables.add(new TableSchema(table.name(), columns));
    }
    return tables;
  }

  private RelRoot validateAndConvert() throws Exception {
    Planner planner = Frameworks.getPlanner(Frameworks.newConfigBuilder()
        .defaultSchema(catalog.rootSchema()).parserConfig(parser)
        .operatorTable(SqlStdOperatorTable.instance())
        .sqlToRelConverterConfig(SqlToRelConverter.config().withExpand(false))
        .executor(RexUtil.EXECUTOR).build());
    try {
      SqlNode parsed = planner.parse(sql);
      return planner.rel(planner.validate(parsed));
    } finally {
      planner.close();
    }
  }

  @Benchmark
  public SqlNode parse() throws Exception {
    return SqlParser.create(sql, parser).parseStmt();
  }

  @Benchmark
  public RelRoot parseValidateConvert() throws Exception {
    return validateAndConvert();
  }

  /**
   * Parse, validate and convert, then the logical and physical phases: the optimize phase is
   * this minus {@link #parseValidateConvert} (Volcano needs a fresh plan each time).
   */
  @Benchmark
  public org.apache.calcite.adapter.enumerable.EnumerableRel parseValidateConvertOptimize()
      throws Exception {
    return uncached.optimize(validateAndConvert());
  }

  @Benchmark
  public byte[] substraitConvertAndNormalize() {
    return SubstraitPlans.toBytes(root);
  }

  @Benchmark
  public io.substrait.proto.Plan substraitNormalizeOnly() {
    return SubstraitPlans.normalize(proto);
  }

  @Benchmark
  public String fingerprintAndIdentity() {
    PlanFingerprint fingerprint = PlanFingerprints.of(substrait,
        PlanIdentities.fingerprintInputs(context.environment(), List.of(), "", inputs));
    String hash = PlanFingerprints.hash(fingerprint);
    PlanIdentity identity = PlanIdentities.identity(context.environment(), fingerprint, hash,
        List.of(), context.policy().effectiveSettings(), List.of());
    return PlanIdentities.hash(identity);
  }

  @Benchmark
  public PlanBundle planWholeMiss() {
    return uncached.plan(query, sql);
  }

  @Benchmark
  public PlanBundle planCacheHit() {
    return cached.plan(query, sql);
  }

  /**
   * A hit for a text that is equal but not the same instance (read again from a file, say): the
   * lookup hashes and compares the whole text. Includes copying the text.
   */
  @Benchmark
  public PlanBundle planCacheHitOnACopyOfTheText() {
    return cached.plan(query, new String(sql.toCharArray()));
  }
}
