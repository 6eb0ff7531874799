package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Changing one setting of one profile in the declaration changes that profile's expected hash in
 * the manifest, the hashes of the profiles that extend it, and no other.
 */
class ProfileIsolationTest {

  private static final String SCHEMA = """
      package iso;
      import io.codeanatomy.contracts.annotations.*;
      @SettingsSchema(namespace = "s", version = 1)
      record S(
          @Setting(defaultValue = "1", doc = "d") int a,
          @Setting(defaultValue = "x", doc = "d") String b) {}
      """;

  private static final String POLICY = """
      package iso;
      import io.codeanatomy.contracts.annotations.*;
      @PlanningPolicy(name = "p", version = 1)
      @Profile(name = "base", set = {"s.a=%s"})
      @Profile(name = "child", extendsProfile = "base", set = {"s.b=y"})
      @Profile(name = "other", set = {"s.a=%s"})
      @Profile(name = "leaf", set = {"s.b=%s"})
      record P(S s) {}
      """;

  private static Map<String, String> hashes(String base, String other, String leaf) throws Exception {
    Compilation compilation = ContractCompiler.compile(ContractCompiler.source("iso.S", SCHEMA),
        ContractCompiler.source("iso.P", POLICY.formatted(base, other, leaf)));
    assertThat(compilation).succeeded();
    JsonNode manifest = new ObjectMapper().readTree(ContractCompiler.resource(compilation,
        "META-INF/codeanatomy/contracts.manifest.json").orElseThrow());
    Map<String, String> hashes = new TreeMap<>();
    for (JsonNode profile : manifest.get("policies").get(0).get("profiles")) {
      hashes.put(profile.get("name").asText(), profile.get("settingsHash").asText());
    }
    return hashes;
  }

  @Test
  void aChangedLeafProfileChangesOnlyItsOwnHash() throws Exception {
    Map<String, String> before = hashes("2", "3", "z");
    Map<String, String> after = hashes("2", "3", "w");
    assertNotEquals(before.get("leaf"), after.get("leaf"));
    before.remove("leaf");
    after.remove("leaf");
    assertEquals(before, after);
  }

  @Test
  void aChangedParentChangesItsChildrenAndNoOneElse() throws Exception {
    Map<String, String> before = hashes("2", "3", "z");
    Map<String, String> after = hashes("5", "3", "z");
    assertNotEquals(before.get("base"), after.get("base"));
    assertNotEquals(before.get("child"), after.get("child"));
    assertEquals(before.get("other"), after.get("other"));
    assertEquals(before.get("leaf"), after.get("leaf"));
  }
}
