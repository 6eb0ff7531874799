package io.codeanatomy.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fingerprints over the TPC-H corpus: one per query, none shared; the same in this JVM, under
 * {@code tr_TR} and a far time zone, and in three separate JVMs with other locales, zones and
 * default charsets; changed by a planning-affecting setting and by nothing else.
 */
class CorpusFingerprintsTest {

  private static List<String> baseline;

  @BeforeAll
  static void planTheCorpus() {
    baseline = CorpusFingerprints.lines(CodeAnatomyPolicyContract.profile("default"));
  }

  private static List<String> column(List<String> lines, int index) {
    return lines.stream().map(l -> l.split(" ")[index]).toList();
  }

  @Test
  void everyQueryHasItsOwnFingerprint() {
    assertEquals(22, baseline.size());
    Set<String> fingerprints = new HashSet<>(column(baseline, 1));
    assertEquals(22, fingerprints.size(), "a fingerprint is shared:\n" + String.join("\n",
        baseline));
    assertEquals(22, new HashSet<>(column(baseline, 3)).size(), "Substrait bytes are shared");
    for (String fingerprint : fingerprints) {
      assertTrue(fingerprint.matches("[0-9a-f]{64}"), fingerprint);
    }
  }

  @Test
  void theLocaleAndTimeZoneDoNotMatter() {
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertEquals(baseline, CorpusFingerprints.lines(CodeAnatomyPolicyContract
          .profile("default")));
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void threeSeparateJvmsAgree() throws Exception {
    List<CompletableFuture<List<String>>> runs = List.of(
        runJvm("-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Pacific/Kiritimati",
            "-Dfile.encoding=ISO-8859-1"),
        runJvm("-Duser.language=en", "-Duser.country=US",
            "-Duser.timezone=America/Los_Angeles", "-Dfile.encoding=UTF-16"),
        runJvm("-Duser.language=ja", "-Duser.country=JP", "-Duser.timezone=Asia/Kolkata",
            "-Dfile.encoding=UTF-8"));
    for (CompletableFuture<List<String>> run : runs) {
      assertEquals(baseline, run.get(5, TimeUnit.MINUTES));
    }
  }

  @Test
  void aPlanningSettingChangesEveryFingerprintAndAnotherSettingNone() {
    CodeAnatomyPolicy planning = CodeAnatomyPolicyContract.profile("default").toBuilder()
        .set("datafusion.optimizer.max_passes", "5").build();
    List<String> changed = CorpusFingerprints.lines(planning);
    for (int i = 0; i < baseline.size(); i++) {
      assertNotEquals(column(baseline, 1).get(i), column(changed, 1).get(i), baseline.get(i));
    }
    CodeAnatomyPolicy other = CodeAnatomyPolicyContract.profile("default").toBuilder()
        .set("datafusion.execution.batch_size", "1024").build();
    List<String> same = CorpusFingerprints.lines(other);
    assertEquals(column(baseline, 1), column(same, 1));
    // The identity keys the plan cache of one configuration: it does change.
    assertNotEquals(column(baseline, 2), column(same, 2));
  }

  private static CompletableFuture<List<String>> runJvm(String... properties) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of(properties));
      command.add("-Dbasedir=" + System.getProperty("basedir", "."));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(CorpusFingerprints.class.getName());
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Charset charset = charset(properties);
        String output = new String(process.getInputStream().readAllBytes(), charset);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
          throw new IllegalStateException("the child JVM failed:\n" + output);
        }
        return output.lines().toList();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Charset charset(String... properties) {
    for (String p : properties) {
      if (p.startsWith("-Dfile.encoding=")) {
        return Charset.forName(p.substring("-Dfile.encoding=".length()));
      }
    }
    return Charset.defaultCharset();
  }
}
