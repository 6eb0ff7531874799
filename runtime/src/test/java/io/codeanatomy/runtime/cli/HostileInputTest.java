package io.codeanatomy.runtime.cli;

import static io.codeanatomy.runtime.cli.CliFixtures.lock;
import static io.codeanatomy.runtime.cli.CliFixtures.manifest;
import static io.codeanatomy.runtime.cli.CliFixtures.run;
import static io.codeanatomy.runtime.cli.CliFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.runtime.cli.CliFixtures.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to break a reader, given to every command that reads a file: each is refused with
 * one line on stderr and exit code 2, never exit code 3 (which means a bug of the tool).
 */
class HostileInputTest {

  @TempDir
  Path dir;

  private static void assertRefused(Result result, String expected) {
    assertEquals(2, result.code(), result.out() + result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains(expected), result.err());
  }

  /** Runs every command that reads {@code file} as a lock or a manifest. */
  private void assertEveryCommandRefuses(Path file, String expected) {
    Path lock = write(dir, "good.lock.json", lock(manifest()));
    Path manifest = write(dir, "good.manifest.json", manifest());
    assertRefused(run("check", "--lock", file.toString(), manifest.toString()), expected);
    assertRefused(run("check", "--lock", lock.toString(), file.toString()), expected);
    assertRefused(run("diff", file.toString(), lock.toString()), expected);
    assertRefused(run("show", file.toString()), expected);
  }

  @Test
  void jsonNestedTenThousandDeepIsOverAReadingLimitNotACrash() throws Exception {
    Path deep = dir.resolve("deep.json");
    Files.writeString(deep, "{\"format\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    assertEveryCommandRefuses(deep, "is over a reading limit");
  }

  @Test
  void aFiftyMegabyteStringIsOverAReadingLimitNotACrash() throws Exception {
    Path huge = dir.resolve("huge.json");
    Files.writeString(huge, "{\"format\": \"" + "x".repeat(50_000_000) + "\"}");
    assertEveryCommandRefuses(huge, "is over a reading limit");
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() throws Exception {
    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, "{\"format\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    assertEveryCommandRefuses(latin1, "is not UTF-8 text");
  }

  @Test
  void aDeviceOrAFolderIsNotReadForever() {
    assertEveryCommandRefuses(Path.of("/dev/zero"), "is not a file (a device or a pipe)");
    assertEveryCommandRefuses(dir, "is not a file but a folder");
  }

  @Test
  void verifyOfARunWithADeepOrHugePayloadReportsItAndExitsOne() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("package.json"), "[".repeat(10_000) + "]".repeat(10_000));
    Files.writeString(run.resolve("policy.json"), "{\"contract\": \"" + "x".repeat(50_000_000)
        + "\"}");
    Files.write(run.resolve("package.binpb"), new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F});
    Result result = run("verify", run.toString());
    assertEquals(1, result.code(), result.out() + result.err());
    assertEquals("", result.err());
    assertTrue(result.out().contains("package.json: cannot read execution_package: over a "
        + "reading limit"), result.out());
    assertTrue(result.out().contains("policy.json: cannot read compiled_execution_policy: over "
        + "a reading limit"), result.out());
    assertTrue(result.out().contains("package.binpb: cannot read execution_package: not a "
        + "binary payload"), result.out());
    assertTrue(result.out().contains("run.json: missing"), result.out());
    assertFalse(result.out().contains("intact"), result.out());
  }
}
