package io.codeanatomy.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;

/**
 * Proves that the harness still works, with the least work that exercises it: the default test
 * run does not measure anything. The measurements are {@code BenchmarkMain}'s
 * (docs/benchmarks.md).
 */
class BenchmarkSmokeTest {

  @Test
  void theCompileBenchmarkCompilesEveryVariant(@TempDir Path work) throws Exception {
    List<CompileBenchmark.Result> results = CompileBenchmark.run(work, new int[] {3}, 1);
    assertEquals(List.of("javac -proc:none", "codeanatomy", "replay", "immutables", "autovalue"),
        results.stream().map(CompileBenchmark.Result::variant).toList());
    for (CompileBenchmark.Result result : results) {
      assertTrue(result.median() > 0, result.toString());
      if (CompileBenchmark.childrenCpuMillis() >= 0) {
        // A javac process spends well over one 10 ms clock tick of CPU.
        assertTrue(result.cpuMedian() > 0, result.toString());
      }
    }
    assertTrue(results.get(1).statistics().startsWith("codeanatomy statistics: read "),
        results.get(1).statistics());
    assertTrue(CompileBenchmark.table(results).contains("| 3 | codeanatomy |"));
    // The replay compiled the very classes our processor's run generated, and nothing else.
    List<String> generated = classFiles(work.resolve("out-codeanatomy-3-0"));
    assertTrue(generated.stream().anyMatch(c -> c.endsWith("Contract.class")), generated.toString());
    assertEquals(generated, classFiles(work.resolve("out-replay-3-0")));
  }

  private static List<String> classFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".class"))
          .map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void everyJmhBenchmarkRunsOnce() throws Exception {
    Collection<RunResult> results = BenchmarkMain.jmh("io\\.codeanatomy\\..*Benchmark", 0, 1,
        20, null);
    Set<String> ran = results.stream().map(r -> r.getParams().getBenchmark()
        .replaceAll(".*\\.", "")).collect(Collectors.toSet());
    assertEquals(Set.of("settingsHashOfTheLargestProfile", "executionPackageHash", "rawSha256",
        "canonicalEncodeAndHash", "parse", "parseValidateConvert", "parseValidateConvertOptimize",
        "substraitConvertAndNormalize", "substraitNormalizeOnly", "fingerprintAndIdentity",
        "planWholeMiss", "planCacheHit", "planCacheHitOnACopyOfTheText"), ran);
    assertEquals(2 + 2 * 3 + 9 * 5, results.size(), "every benchmark with every parameter");
  }
}
