package io.codeanatomy.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.session.Corpus;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.calcite.adapter.tpcds.TpcdsSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans the whole TPC-DS corpus in one session over empty tables of Calcite's TPC-DS schema. The
 * queries that do not plan are recorded in {@code src/test/resources/tpcds-unsupported.txt}
 * ({@code NN.sql<TAB>error}); after a deliberate change, regenerate it with
 * {@code ./mvnw -B test -pl runtime -Dtest=TpcdsCorpusTest -Dcodeanatomy.golden.update=true}.
 */
class TpcdsCorpusTest {

  /** Every query plans (27, 36, 70 and 86 through the runtime's GROUPING extension). */
  private static final int MIN_PLANNED = 103;

  private static final Path EXPECTED = Path.of(System.getProperty("basedir", "."),
      "src", "test", "resources", "tpcds-unsupported.txt");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private record Query(String name, String sql) {}

  /** Queries that planned, by name, in name order. */
  private static final SortedMap<String, PlanBundle> PLANNED = new TreeMap<>();
  /** Queries that did not plan: name to the error's class and first message line. */
  private static final SortedMap<String, String> FAILED = new TreeMap<>();
  private static final Map<String, String> SQL = new HashMap<>();

  @BeforeAll
  static void planTheCorpus() {
    List<Query> queries = new ArrayList<>();
    for (Path file : Corpus.tpcdsQueries()) {
      queries.add(new Query(file.getFileName().toString(), Corpus.read(file)));
    }
    // A missing or moved corpus must not pass as "nothing failed".
    assertEquals(103, queries.size(), "TPC-DS queries in " + Corpus.root());
    try (PlanningSession session = session()) {
      for (Query query : queries) {
        SQL.put(query.name(), query.sql());
        try {
          PLANNED.put(query.name(), session.plan(query.name(), query.sql()));
        } catch (RuntimeException | AssertionError e) {
          // AssertionError too: Calcite's own asserts (tests run with -ea) are a failure to plan.
          FAILED.put(query.name(), describe(query.name(), e));
        }
      }
    }
  }

  private static PlanningSession session() {
    PlanningSession.Builder builder = PlanningSession.builder(Sessions.spec("default"),
        CodeAnatomyPolicyContract.profile("default"), "default");
    TpcdsSchema tpcds = new TpcdsSchema(1.0);
    RelDataTypeFactory types = new JavaTypeFactoryImpl();
    for (String name : new TreeSet<>(tpcds.tables().getNames(LikePattern.any()))) {
      Table table = tpcds.tables().get(name);
      builder.ensureRegistered(new TableSource.Memory(
          TableSchema.of(name.toUpperCase(Locale.ROOT), supported(table.getRowType(types), types)),
          List.of()));
    }
    return builder.build();
  }

  /**
   * The row type with names upper-cased, as the parser normalizes the queries' unquoted names,
   * and with types the catalog does not support mapped to ones it does.
   */
  private static RelDataType supported(RelDataType rowType, RelDataTypeFactory types) {
    RelDataTypeFactory.Builder builder = types.builder();
    for (RelDataTypeField field : rowType.getFieldList()) {
      RelDataType type = field.getType();
      if (type.getSqlTypeName() == SqlTypeName.TIME) {
        // The catalog has no TIME (DBGEN_VERSION.DV_CREATE_TIME); no query reads DBGEN_VERSION.
        type = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR),
            type.isNullable());
      }
      builder.add(field.getName().toUpperCase(Locale.ROOT), type);
    }
    return builder.build();
  }

  /** The error's class and the first line of its message, without the query name prefix. */
  private static String describe(String name, Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int newline = message.indexOf('\n');
    String first = (newline < 0 ? message : message.substring(0, newline)).strip();
    if (first.startsWith(name + ": ")) {
      first = first.substring(name.length() + 2);
    }
    return e.getClass().getSimpleName() + ": " + first.replace('\t', ' ');
  }

  private static String unsupportedFile() {
    StringBuilder text = new StringBuilder();
    FAILED.forEach((name, error) -> text.append(name).append('\t').append(error).append('\n'));
    return text.toString();
  }

  @Test
  void everyPlansSubstraitReadsBackWithinThePlanDepthLimit() throws Exception {
    // verify reads Substrait within ReadLimits.MAX_PLAN_DEPTH, and a run writes no plan it
    // could not read back: every TPC-DS plan must read.
    for (PlanBundle bundle : PLANNED.values()) {
      SubstraitFacts facts = SubstraitFacts.read(bundle.substrait());
      assertTrue(facts.tables().size() > 0, bundle.name());
      assertTrue(facts.outputColumns().size() > 0, bundle.name());
    }
  }

  @Test
  void theQueriesThatFailAreTheRecordedOnes() throws IOException {
    String actual = unsupportedFile();
    if (Boolean.getBoolean("codeanatomy.golden.update")) {
      Files.createDirectories(EXPECTED.getParent());
      Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.isRegularFile(EXPECTED), EXPECTED + " is missing: generate it with "
        + "-Dcodeanatomy.golden.update=true");
    String expected = Files.readString(EXPECTED, StandardCharsets.UTF_8);
    SortedMap<String, String> recorded = new TreeMap<>();
    for (String line : expected.lines().filter(l -> !l.isBlank()).toList()) {
      int tab = line.indexOf('\t');
      recorded.put(tab < 0 ? line : line.substring(0, tab), line);
    }
    if (!expected.equals(actual)) {
      // Printed so that the file can be replaced by hand, or regenerated with the flag.
      System.out.println("new content of " + EXPECTED + ":\n" + actual);
    }
    Set<String> stoppedPlanning = new TreeSet<>(FAILED.keySet());
    stoppedPlanning.removeAll(recorded.keySet());
    Set<String> startedPlanning = new TreeSet<>(recorded.keySet());
    startedPlanning.removeAll(FAILED.keySet());
    assertEquals(recorded.keySet(), FAILED.keySet(), "queries that stopped planning: "
        + stoppedPlanning + "; queries that plan now (update the file with "
        + "-Dcodeanatomy.golden.update=true): " + startedPlanning);
    // The same queries fail, so a difference here is in the recorded errors.
    assertEquals(expected, actual, "the errors of the unsupported queries changed; regenerate "
        + EXPECTED + " with -Dcodeanatomy.golden.update=true");
  }

  @Test
  void everyPlannedQueryHasAFingerprintAndSubstraitBytes() {
    Map<String, String> byFingerprint = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, PlanBundle> entry : PLANNED.entrySet()) {
      String name = entry.getKey();
      PlanBundle bundle = entry.getValue();
      if (bundle.fingerprintHash() == null
          || !HEX64.matcher(bundle.fingerprintHash()).matches()) {
        problems.add(name + ": fingerprint " + bundle.fingerprintHash() + " is not 64 hex");
      }
      if (bundle.substrait().length == 0) {
        problems.add(name + ": no Substrait bytes");
      }
      String other = byFingerprint.putIfAbsent(bundle.fingerprintHash(), name);
      if (other != null && !SQL.get(other).equals(SQL.get(name))) {
        problems.add(name + " and " + other + " differ but share fingerprint "
            + bundle.fingerprintHash());
      }
    }
    assertEquals(List.of(), problems);
  }

  /**
   * Query 27 converts back to Calcite and again to the same bytes, GROUPING included. (36, 70 and
   * 86, like most TPC-DS plans, do not convert back: isthmus rebuilds decimal aggregates with
   * other result types than the plan records, and Calcite's assertions refuse them.)
   */
  @Test
  void aGroupingSetQueryConvertsBackFromSubstraitToTheSameBytes() {
    for (String name : List.of("27.sql")) {
      PlanBundle bundle = PLANNED.get(name);
      assertTrue(bundle != null, name + " did not plan: " + FAILED.get(name));
      org.apache.calcite.rel.RelRoot back = SubstraitPlans.toCalcite(bundle.substrait(),
          SubstraitMapping.STANDARD);
      assertTrue(org.apache.calcite.plan.RelOptUtil.toString(back.rel).contains("GROUPING("),
          name);
      org.junit.jupiter.api.Assertions.assertArrayEquals(bundle.substrait(),
          SubstraitPlans.toBytes(back, SubstraitMapping.STANDARD), name);
    }
  }

  @Test
  void atLeastAsManyQueriesPlanAsOnTheFirstRun() {
    assertTrue(PLANNED.size() >= MIN_PLANNED, PLANNED.size() + " of " + SQL.size()
        + " queries planned, fewer than the " + MIN_PLANNED + " of the first run; failing: "
        + FAILED.keySet());
  }
}
