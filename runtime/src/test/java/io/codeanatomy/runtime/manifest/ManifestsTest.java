package io.codeanatomy.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

  @Test
  void theCoreManifestIsOnTheClassPathAndAgreesWithTheCode() {
    ContractManifest core = Manifests.onClassPath(getClass().getClassLoader(), "core");
    ContractManifest.Policy policy = core.policy("codeanatomy").orElseThrow();
    assertEquals(CodeAnatomyPolicyContract.profileNames(),
        policy.profiles().stream().map(ContractManifest.Profile::name).toList());
    for (ContractManifest.Profile profile : policy.profiles()) {
      assertEquals(CodeAnatomyPolicyContract.profile(profile.name()).settingsHash(),
          profile.settingsHash(), profile.name());
      assertEquals(CodeAnatomyPolicyContract.profile(profile.name()).effectiveSettings(),
          new java.util.TreeMap<>(profile.effectiveSettings()), profile.name());
    }
    assertEquals(9, core.settingsSchemas().size());
  }

  @Test
  void anUnknownContractSetNamesTheOnesFound() {
    ManifestException e = assertThrows(ManifestException.class,
        () -> Manifests.onClassPath(getClass().getClassLoader(), "nope"));
    assertTrue(e.getMessage().contains("no manifest of contract set 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("core"), e.getMessage());
  }

  @Test
  void malformedAndForeignManifestsAreRejectedWithTheReason(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"format\": ", StandardCharsets.UTF_8);
    ManifestException notJson = assertThrows(ManifestException.class, () -> Manifests.read(broken));
    assertTrue(notJson.getMessage().startsWith("manifest " + broken + " is not valid"),
        notJson.getMessage());

    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"format\": \"other/2\", \"contractSet\": \"x\"}",
        StandardCharsets.UTF_8);
    ManifestException format = assertThrows(ManifestException.class, () -> Manifests.read(foreign));
    assertEquals("manifest " + foreign + " has format 'other/2', expected 'codeanatomy-manifest/1'",
        format.getMessage());

    ManifestException missing = assertThrows(ManifestException.class,
        () -> Manifests.read(dir.resolve("absent.json")));
    assertTrue(missing.getMessage().startsWith("cannot read manifest"), missing.getMessage());
  }
}
