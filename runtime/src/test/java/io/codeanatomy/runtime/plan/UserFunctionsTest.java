package io.codeanatomy.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.FunctionInfo;
import io.codeanatomy.contracts.relspec.FunctionKind;
import io.codeanatomy.contracts.relspec.FunctionRegistrySnapshotContract;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpec;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.SessionException;
import io.codeanatomy.runtime.session.Sessions;
import io.substrait.proto.Plan;
import io.substrait.proto.SimpleExtensionDeclaration;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * User-defined functions registered through the planning surface's function registry: they plan,
 * run, convert to Substrait under their own extension and back, and enter the function registry,
 * the UDF snapshot and the fingerprints of exactly the plans that call them.
 */
class UserFunctionsTest {

  private static final TableSchema SPANS = new TableSchema("SPANS", List.of(
      Column.of("ID", SqlTypeName.BIGINT, false),
      new Column("PATH", SqlTypeName.VARCHAR, 20, -1, false),
      Column.of("S", SqlTypeName.BIGINT, false),
      Column.of("E", SqlTypeName.BIGINT, false)));

  private static final List<List<Object>> ROWS = List.of(
      List.of(1L, "a.py", 0L, 100L),
      List.of(2L, "a.py", 10L, 20L),
      List.of(3L, "b.py", 5L, 50L),
      List.of(4L, "b.py", 40L, 60L));

  private static final String CONTAINED = "SELECT o.ID AS OUTER_ID, i.ID AS INNER_ID "
      + "FROM SPANS o JOIN SPANS i ON o.PATH = i.PATH AND o.ID <> i.ID "
      + "WHERE span_contains(o.S, o.E, i.S, i.E) ORDER BY 1, 2";
  private static final String TAGGED = "SELECT TAG(PATH, ID) AS T FROM SPANS ORDER BY ID";
  private static final String PLAIN = "SELECT PATH, COUNT(*) AS N FROM SPANS GROUP BY PATH";
  private static final String WIDEST = "SELECT PATH, max_width(S, E) AS W FROM SPANS "
      + "GROUP BY PATH ORDER BY PATH";

  static PlanningSession session(List<String> named, UserFunction... given) {
    PlanningSurfaceSpec base = Sessions.spec("default");
    PlanningSurfaceSpec spec = PlanningSurfaceSpecContract.from(base).functions(named).build();
    PlanningSession.Builder builder = PlanningSession.builder(spec,
        CodeAnatomyPolicyContract.profile("default"), "default");
    for (UserFunction function : given) {
      builder.function(function);
    }
    return builder.ensureRegistered(new TableSource.Memory(SPANS, ROWS)).build();
  }

  private static PlanningSession all() {
    return session(List.of("span_contains", "tag", "max_width"),
        TestFunctions.spanContainsFunction(), TestFunctions.tagFunction(),
        TestFunctions.maxWidthFunction());
  }

  @Test
  void addingAFunctionChangesTheRegistryAndUdfHashesAndOnlyTheFingerprintsOfPlansThatCallIt() {
    try (PlanningSession one = session(List.of("span_contains"),
            TestFunctions.spanContainsFunction());
        PlanningSession two = session(List.of("span_contains", "tag"),
            TestFunctions.spanContainsFunction(), TestFunctions.tagFunction())) {
      assertNotEquals(one.environment().functionRegistryHash(),
          two.environment().functionRegistryHash());
      assertNotEquals(one.environment().udfSnapshotHash(), two.environment().udfSnapshotHash());
      // Plans that do not call the added function keep their fingerprints.
      assertEquals(one.plan("c", CONTAINED).fingerprintHash(),
          two.plan("c", CONTAINED).fingerprintHash());
      assertEquals(one.plan("p", PLAIN).fingerprintHash(),
          two.plan("p", PLAIN).fingerprintHash());
      // ... but their identities name the registry, which changed.
      assertNotEquals(one.plan("p", PLAIN).identityHash(), two.plan("p", PLAIN).identityHash());
      // The plan that calls it plans only where it is registered, and its fingerprint names it.
      PlanningException missing = assertThrows(PlanningException.class,
          () -> one.plan("t", TAGGED));
      assertTrue(missing.getMessage().contains("calls function 'TAG', which this session "
          + "does not register (its user-defined functions: span_contains)"),
          missing.getMessage());
      PlanBundle tagged = two.plan("t", TAGGED);
      assertEquals(List.of("tag"), tagged.fingerprint().getRequiredUdfsList());
      assertEquals(FunctionRegistrySnapshotContract.hash(
              two.functions().snapshotOf(List.of("tag"))),
          tagged.fingerprint().getUdfSnapshotHash());
      assertEquals(tagged.fingerprint().getUdfSnapshotHash(),
          tagged.identity().getUdfSnapshotHash());
      assertEquals(List.of("tag"), tagged.identity().getRequiredUdfsList());
    }
  }

  @Test
  void aFunctionWhoseSignatureChangesChangesTheFingerprintsOfThePlansThatCallIt()
      throws NoSuchMethodException {
    UserFunction wider = UserFunction.scalar("span_contains", "the same, over INTEGER spans",
        Wider.class.getMethod("spanContains", int.class, int.class, long.class, long.class));
    try (PlanningSession one = session(List.of("span_contains"),
            TestFunctions.spanContainsFunction());
        PlanningSession other = session(List.of("span_contains"), wider)) {
      PlanBundle a = one.plan("c", CONTAINED);
      PlanBundle b = other.plan("c", CONTAINED);
      assertNotEquals(a.fingerprint().getUdfSnapshotHash(), b.fingerprint().getUdfSnapshotHash());
      assertNotEquals(a.fingerprintHash(), b.fingerprintHash());
      assertEquals(one.plan("p", PLAIN).fingerprintHash(),
          other.plan("p", PLAIN).fingerprintHash());
    }
  }

  /** span_contains with INTEGER outer bounds: another signature under the same name. */
  public static final class Wider {
    public static boolean spanContains(int outerStart, int outerEnd, long innerStart,
        long innerEnd) {
      return outerStart <= innerStart && innerEnd <= outerEnd;
    }
  }

  @Test
  void theFunctionRegistryListsEachFunctionWithItsKindAndSignature() {
    try (PlanningSession session = all()) {
      List<FunctionInfo> udfs = session.environment().udfs().getFunctionsList();
      assertEquals(List.of(
          info("max_width", FunctionKind.AGGREGATE, "(BIGINT, BIGINT) -> BIGINT"),
          info("span_contains", FunctionKind.SCALAR,
              "(BIGINT, BIGINT, BIGINT, BIGINT) -> BOOLEAN"),
          info("tag", FunctionKind.SCALAR, "(VARCHAR, BIGINT) -> VARCHAR")), udfs);
      List<FunctionInfo> registry = session.environment().functionRegistry().getFunctionsList();
      assertTrue(registry.containsAll(udfs), registry.toString());
      assertTrue(registry.stream().anyMatch(f -> f.getName().equals("upper")));
      assertEquals(1, registry.stream().filter(f -> f.getName().equals("tag")).count());
    }
  }

  private static FunctionInfo info(String name, FunctionKind kind, String signature) {
    return FunctionInfo.newBuilder().setName(name).setKind(kind).setSignature(signature).build();
  }

  @Test
  void plansThatCallFunctionsRunThem() {
    try (PlanningSession session = all()) {
      assertEquals(List.of(List.of(1L, 2L)), rowsOf(session, CONTAINED));
      assertEquals(List.of(List.of("a.py#1"), List.of("a.py#2"), List.of("b.py#3"),
          List.of("b.py#4")), rowsOf(session, TAGGED));
      assertEquals(List.of(List.of("a.py", 100L), List.of("b.py", 45L)),
          rowsOf(session, WIDEST));
      PlanBundle widest = session.plan("w", WIDEST);
      assertEquals(List.of("max_width"), widest.fingerprint().getRequiredUdfsList());
    }
  }

  private static List<List<Object>> rowsOf(PlanningSession session, String sql) {
    return session.execute(session.plan(sql)).rows();
  }

  @Test
  void plansThatCallFunctionsDeclareThemInSubstraitAndConvertBack() throws Exception {
    try (PlanningSession session = all()) {
      for (String sql : List.of(CONTAINED, TAGGED, WIDEST)) {
        PlanBundle bundle = session.plan(sql);
        Plan plan = Plan.parseFrom(bundle.substrait());
        assertTrue(plan.getExtensionUrnsList().stream()
            .anyMatch(u -> u.getUrn().equals(SubstraitMapping.UDF_URN)), sql);
        String function = bundle.fingerprint().getRequiredUdfs(0);
        SimpleExtensionDeclaration declared = plan.getExtensionsList().stream()
            .filter(d -> d.getExtensionFunction().getName().startsWith(function + ":"))
            .findFirst().orElseThrow(() -> new AssertionError(function + " is not declared "
                + "in " + plan.getExtensionsList()));
        int urn = declared.getExtensionFunction().getExtensionUrnReference();
        assertEquals(SubstraitMapping.UDF_URN, plan.getExtensionUrnsList().stream()
            .filter(u -> u.getExtensionUrnAnchor() == urn).findFirst().orElseThrow().getUrn());
        // And back: the Calcite plan the bytes describe converts to the same bytes.
        RelRoot back = SubstraitPlans.toCalcite(bundle.substrait(),
            session.functions().substrait());
        assertEquals(List.of(function), session.functions().calledBy(back.rel), sql);
        assertArrayEquals(bundle.substrait(),
            SubstraitPlans.toBytes(back, session.functions().substrait()), sql);
      }
    }
  }

  @Test
  void groupingOverGroupingSetsRunsAndConvertsToSubstraitAndBack() throws Exception {
    String rollup = "SELECT PATH, ID, GROUPING(PATH, ID) AS G, COUNT(*) AS N FROM SPANS "
        + "GROUP BY ROLLUP(PATH, ID) ORDER BY G, PATH, ID";
    try (PlanningSession session = session(List.of())) {
      PlanBundle bundle = session.plan("rollup", rollup);
      assertEquals(List.of(
          Arrays.asList("a.py", 1L, 0L, 1L), Arrays.asList("a.py", 2L, 0L, 1L),
          Arrays.asList("b.py", 3L, 0L, 1L), Arrays.asList("b.py", 4L, 0L, 1L),
          Arrays.asList("a.py", null, 1L, 2L), Arrays.asList("b.py", null, 1L, 2L),
          Arrays.asList(null, null, 3L, 4L)), session.execute(bundle).rows());
      Plan plan = Plan.parseFrom(bundle.substrait());
      assertTrue(plan.getExtensionUrnsList().stream()
          .anyMatch(u -> u.getUrn().equals(SubstraitMapping.GROUPING_URN)));
      RelRoot back = SubstraitPlans.toCalcite(bundle.substrait(), SubstraitMapping.STANDARD);
      assertTrue(org.apache.calcite.plan.RelOptUtil.toString(back.rel).contains("GROUPING($0, $1)"),
          org.apache.calcite.plan.RelOptUtil.toString(back.rel));
      assertArrayEquals(bundle.substrait(), SubstraitPlans.toBytes(back,
          SubstraitMapping.STANDARD));
    }
  }

  @Test
  void anUnregisteredFunctionFailsAtPlanningNamingIt() {
    try (PlanningSession session = session(List.of())) {
      PlanningException e = assertThrows(PlanningException.class,
          () -> session.plan("q", "SELECT span_overlaps(S, E, 1, 2) FROM SPANS"));
      assertEquals("q: the SQL calls function 'SPAN_OVERLAPS', which this session does not "
          + "register (it has no user-defined functions); a planning surface registers "
          + "functions by name in its functions list", e.getMessage());
      // Built-in functions are not user-defined, and need no registering.
      assertEquals(List.of(List.of("A.PY")), session.execute(
          session.plan("SELECT UPPER(PATH) FROM SPANS WHERE ID = 1")).rows());
    }
  }

  @Test
  void aSpecThatNamesAFunctionWithoutItsImplementationOrABuiltInNameIsRefused() {
    SessionException missing = assertThrows(SessionException.class,
        () -> session(List.of("span_contains", "tag"), TestFunctions.tagFunction()));
    assertEquals("the planning surface names function 'span_contains', but the builder was "
        + "given no implementation of it (function(UserFunction)); it was given tag",
        missing.getMessage());
    UserFunction upper = UserFunction.scalar("upper", "shadows UPPER", method());
    SessionException builtIn = assertThrows(SessionException.class,
        () -> session(List.of("upper"), upper));
    assertTrue(builtIn.getMessage().contains("is a built-in function"), builtIn.getMessage());
    // A function given but not named is not registered: the spec is the registry.
    try (PlanningSession session = session(List.of(), TestFunctions.tagFunction())) {
      assertTrue(session.functions().isEmpty());
      assertThrows(PlanningException.class, () -> session.plan(TAGGED));
    }
  }

  private static java.lang.reflect.Method method() {
    return Arrays.stream(TestFunctions.class.getMethods()).filter(m -> m.getName().equals("tag"))
        .findFirst().orElseThrow();
  }

  @Test
  void aFunctionOfTypesTablesDoNotHoldIsRefused() throws NoSuchMethodException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UserFunction.scalar("now_ish", "a date",
            java.time.LocalDate.class.getMethod("now")));
    assertTrue(e.getMessage().startsWith("function now_ish, result: type"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> UserFunction.scalar("Bad-Name", "x",
        method()));
  }
}
