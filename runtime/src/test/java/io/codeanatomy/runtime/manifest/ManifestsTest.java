package io.codeanatomy.runtime.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import io.codeanatomy.compat.manifest.PolicyEntry;
import io.codeanatomy.compat.manifest.ProfileEntry;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {

  @Test
  void theCoreManifestIsOnTheClassPathAndAgreesWithTheCode() {
    Manifest core = Manifests.onClassPath(getClass().getClassLoader(), "core");
    PolicyEntry policy = core.policy("codeanatomy").orElseThrow();
    assertEquals(CodeAnatomyPolicyContract.profileNames(),
        policy.profiles().stream().map(ProfileEntry::name).toList());
    for (ProfileEntry profile : policy.profiles()) {
      assertEquals(CodeAnatomyPolicyContract.profile(profile.name()).settingsHash(),
          profile.settingsHash(), profile.name());
      assertEquals(CodeAnatomyPolicyContract.profile(profile.name()).effectiveSettings(),
          profile.effectiveSettings(), profile.name());
    }
    assertEquals(9, core.settingsSchemas().size());
  }

  @Test
  void everyManifestOnTheClassPathReadsBackToItsBytes() throws Exception {
    List<URL> urls = Collections.list(getClass().getClassLoader()
        .getResources(Manifests.RESOURCE));
    assertFalse(urls.isEmpty(), "manifests on the class path");
    for (URL url : urls) {
      byte[] bytes;
      try (InputStream in = url.openStream()) {
        bytes = in.readAllBytes();
      }
      assertArrayEquals(bytes, ManifestJson.render(ManifestJson.read(bytes, url.toString())),
          url.toString());
    }
  }

  @Test
  void oneManifestIsSharedSafelyBetweenThreads() throws Exception {
    Manifest core = Manifests.onClassPath(getClass().getClassLoader(), "core");
    byte[] expected = ManifestJson.render(core);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> renders = new java.util.ArrayList<>();
      for (int i = 0; i < 32; i++) {
        renders.add(pool.submit(() -> ManifestJson.render(core)));
      }
      for (Future<byte[]> render : renders) {
        assertArrayEquals(expected, render.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnknownContractSetNamesTheOnesFound() {
    CompatInputException e = assertThrows(CompatInputException.class,
        () -> Manifests.onClassPath(getClass().getClassLoader(), "nope"));
    assertTrue(e.getMessage().contains("no manifest of contract set 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("core"), e.getMessage());
  }

  @Test
  void malformedAndForeignManifestsAreRejectedWithTheReason(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"format\": ", StandardCharsets.UTF_8);
    CompatInputException notJson = assertThrows(CompatInputException.class,
        () -> Manifests.read(broken));
    assertTrue(notJson.getMessage().startsWith(broken + " is not valid JSON"),
        notJson.getMessage());

    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"format\": \"other/2\", \"contractSet\": \"x\"}",
        StandardCharsets.UTF_8);
    CompatInputException format = assertThrows(CompatInputException.class,
        () -> Manifests.read(foreign));
    assertEquals(foreign + " is not a manifest: format is 'other/2', expected "
        + "'codeanatomy-manifest/1'", format.getMessage());

    CompatInputException missing = assertThrows(CompatInputException.class,
        () -> Manifests.read(dir.resolve("absent.json")));
    assertEquals(dir.resolve("absent.json") + " does not exist", missing.getMessage());
  }
}
