package io.codeanatomy.runtime.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.runtime.cli.CodeAnatomyCli;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.runtime.session.Sessions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunArtifactsTest {

  @TempDir
  Path dir;

  private void writeRun() throws Exception {
    try (PlanningSession session = Sessions.tpch("default")) {
      PlanBundle bundle = session.plan("orders by key", "select o_orderkey from orders");
      Environment env = session.environment();
      CompiledExecutionPolicy unsealed = new CompiledExecutionPolicy(ValidationMode.WARN,
          "batch", Map.of(), env.planningEnvironmentHash(), env.rulepackHash(),
          env.informationSchemaHash(), env.functionRegistryHash(), "");
      CompiledExecutionPolicy policy = new CompiledExecutionPolicy(ValidationMode.WARN, "batch",
          Map.of(), unsealed.planningEnvHash(), unsealed.rulepackHash(),
          unsealed.informationSchemaHash(), unsealed.functionRegistryHash(),
          CompiledExecutionPolicyContract.hash(unsealed));
      ExecutionPackage pkg = session.executionPackage(List.of(bundle), "", 7L);
      RunArtifacts.write(dir, List.of(bundle), policy, pkg);
    }
  }

  private static String[] cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CodeAnatomyCli.run(new PrintStream(out), new PrintStream(err), args);
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void intactArtifactsVerify() throws Exception {
    writeRun();
    assertTrue(Files.isRegularFile(dir.resolve("bundles/orders_by_key/substrait.binpb")));
    assertEquals(List.of(), RunArtifacts.verify(dir));
    String[] result = cli("verify", dir.toString());
    assertEquals("0", result[0], result[1] + result[2]);
    assertEquals("verified: every hash matches\n", result[1]);
  }

  @Test
  void anEditedPackageIsFoundByField() throws Exception {
    writeRun();
    Path pkg = dir.resolve("package.json");
    String text = Files.readString(pkg);
    Files.writeString(pkg, text.replace("\"information_schema_hash\": \"",
        "\"information_schema_hash\": \"f"));
    List<String> problems = RunArtifacts.verify(dir);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("package.json: ")
        && p.contains("information_schema_hash")), problems.toString());
    String[] result = cli("verify", dir.toString());
    assertEquals("1", result[0]);
    assertTrue(result[1].contains("information_schema_hash"), result[1]);
  }

  @Test
  void aMissingBundleOrFileIsNamed() throws Exception {
    writeRun();
    Files.delete(dir.resolve("bundles/orders_by_key/identity.json"));
    Files.delete(dir.resolve("package.binpb"));
    List<String> problems = RunArtifacts.verify(dir);
    assertTrue(problems.contains("bundles/orders_by_key/identity.json: missing"),
        problems.toString());
    assertTrue(problems.contains("package.binpb: missing"), problems.toString());
  }

  @Test
  void verifyOfSomethingThatIsNoFolderIsAUsageError() {
    String[] result = cli("verify", dir.resolve("nothing").toString());
    assertEquals("2", result[0]);
    assertTrue(result[2].contains("is not a folder of run artifacts"), result[2]);
  }
}
