package io.codeanatomy.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import io.substrait.proto.ExtensionLeafRel;
import io.substrait.proto.Plan;
import io.substrait.proto.PlanRel;
import io.substrait.proto.Rel;
import io.substrait.proto.RelRoot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plan the Spark engine cannot run exactly is refused before anything executes, naming the
 * relation, function or table; a master that does not answer is one clear error, in bounded time.
 */
class RefusalTest {

  private static PlanningSession session;
  private static SparkEngine spark;

  @BeforeAll
  static void start() {
    session = Sessions.tpch("default");
    spark = SparkTests.engine();
    spark.register(session.table("NATION").orElseThrow());
  }

  @AfterAll
  static void stop() {
    spark.close();
    session.close();
  }

  private static PlanBundle bundle(String name, Plan plan) {
    return new PlanBundle(name, "", "", "", ByteString.copyFrom(plan.toByteArray()), null, "",
        null, "", List.of(), null, false, null);
  }

  @Test
  void anUnsupportedRelationIsRefusedWithItsName() {
    // The root of the plan is a relation only an extension knows how to run.
    Plan plan = Plan.newBuilder().addRelations(PlanRel.newBuilder().setRoot(RelRoot.newBuilder()
        .setInput(Rel.newBuilder().setExtensionLeaf(ExtensionLeafRel.getDefaultInstance()))
        .addNames("X"))).build();
    UnsupportedPlanException refused = assertThrows(UnsupportedPlanException.class,
        () -> spark.execute(bundle("leaf", plan)));
    assertEquals("leaf: the Spark engine does not run relation ExtensionLeafRel "
        + "(docs/spark.md lists what it runs)", refused.getMessage());
  }

  @Test
  void anUnsupportedRelationInsideARealPlanIsFoundAtAnyDepth() throws Exception {
    PlanBundle real = session.plan("nations", "SELECT N_NAME FROM NATION WHERE N_NATIONKEY > 3");
    Plan plan = Plan.parseFrom(real.substrait());
    // Replace the scan under the filter by a write: the walk must find it below the root.
    Rel write = Rel.newBuilder().setWrite(io.substrait.proto.WriteRel.getDefaultInstance())
        .build();
    Plan edited = replaceReads(plan, write);
    UnsupportedPlanException refused = assertThrows(UnsupportedPlanException.class,
        () -> spark.prepare(bundle("nations", edited)));
    assertTrue(refused.getMessage().contains("relation WriteRel"), refused.getMessage());
  }

  @Test
  void anUnsupportedFunctionIsRefusedWithItsName() {
    PlanBundle bundle = session.plan("mod", "SELECT MOD(N_NATIONKEY, 7) FROM NATION");
    UnsupportedPlanException refused = assertThrows(UnsupportedPlanException.class,
        () -> spark.execute(bundle));
    assertTrue(refused.getMessage().startsWith("mod: the Spark engine does not run function "
        + "modulus:"), refused.getMessage());
  }

  @Test
  void aTableTheEngineWasNotGivenIsNamed() {
    PlanBundle bundle = session.plan("regions", "SELECT R_NAME FROM REGION");
    UnsupportedPlanException refused = assertThrows(UnsupportedPlanException.class,
        () -> spark.execute(bundle));
    assertEquals("regions: the plan scans REGION, which is not registered with the Spark "
        + "engine", refused.getMessage());
  }

  @Test
  void integerDivisionTruncatesAsInSql() {
    PlanBundle bundle = session.plan("halves",
        "SELECT N_NATIONKEY / 2 AS HALF, -N_NATIONKEY / 2 AS NEG FROM NATION "
            + "WHERE N_NATIONKEY IN (0, 1, 3, 7)");
    var embedded = session.execute(bundle);
    RowMultisets.assertSame("halves", embedded, spark.execute(bundle));
  }

  @Test
  void anUnreachableMasterIsOneLineInBoundedTime() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String master = "spark://127.0.0.1:" + port;
    EngineUnavailableException refused = assertThrows(EngineUnavailableException.class,
        () -> Masters.checkReachable(master, Duration.ofSeconds(2)));
    assertTrue(refused.getMessage().startsWith("cannot reach the Spark master " + master),
        refused.getMessage());
    assertTrue(!refused.getMessage().contains("\n"), refused.getMessage());

    EngineUnavailableException unknown = assertThrows(EngineUnavailableException.class,
        () -> SparkEngine.start("mesos://somewhere:5050", Map.of()));
    assertTrue(unknown.getMessage().startsWith("unknown Spark master URL 'mesos://"),
        unknown.getMessage());
  }

  /** The plan with every read relation replaced by {@code replacement}. */
  private static Plan replaceReads(Plan plan, Rel replacement) {
    return (Plan) replace(plan, replacement);
  }

  private static com.google.protobuf.Message replace(com.google.protobuf.Message message,
      Rel replacement) {
    if (message instanceof Rel rel && rel.hasRead()) {
      return replacement;
    }
    com.google.protobuf.Message.Builder builder = message.toBuilder();
    message.getAllFields().forEach((field, value) -> {
      if (field.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType
          .MESSAGE) {
        return;
      }
      if (field.isRepeated()) {
        builder.setField(field, ((List<?>) value).stream()
            .map(v -> replace((com.google.protobuf.Message) v, replacement)).toList());
      } else {
        builder.setField(field, replace((com.google.protobuf.Message) value, replacement));
      }
    });
    return builder.build();
  }
}
