package io.codeanatomy.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
    assertEquals(List.of("javac -proc:none", "codeanatomy", "immutables", "autovalue"),
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
