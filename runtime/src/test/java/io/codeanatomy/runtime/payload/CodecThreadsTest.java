package io.codeanatomy.runtime.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.contracts.relspec.CachePolicy;
import io.codeanatomy.contracts.relspec.CalibrationBounds;
import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.InferenceConfidence;
import io.codeanatomy.contracts.relspec.JoinStrategy;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.contracts.relspec.ViewPolicy;
import io.codeanatomy.runtime.relspec.Calibration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Codecs are shared by threads: a codec used for the first time by 8 threads at once reads and
 * writes exactly what one thread does. Checked on fresh codecs in this JVM, and in fresh JVMs,
 * where nothing any class caches has been touched yet.
 */
class CodecThreadsTest {

  static final int THREADS = 8;

  /** The texts one round writes, read back and written again by each thread. */
  static List<String> texts() {
    CompiledExecutionPolicy policy = new CompiledExecutionPolicy(ValidationMode.WARN, "batch",
        Map.of("views.b", new ViewPolicy(CachePolicy.NONE, JoinStrategy.EQUI_JOIN,
            new InferenceConfidence(JoinStrategy.EQUI_JOIN, 0.49, false, Optional.of("low")),
            List.of("a", "b"))), "", "", "", "", "");
    CalibrationResult calibration = Calibration.calibrate(CalibrationMode.ENFORCE,
        CalibrationThresholds.DEFAULTS, CalibrationBounds.DEFAULTS, 3, 7);
    ExecutionPackage pkg = ExecutionPackage.newBuilder()
        .putPlanBundleFingerprints("v", "cd".repeat(32)).setCreatedAtUnixMs(5).build();
    return List.of(RecordPayloads.of(CompiledExecutionPolicy.class).toJson(policy),
        RecordPayloads.of(CalibrationResult.class).toJson(calibration),
        ProtoPayloads.of(ExecutionPackage.class).toJson(pkg));
  }

  /**
   * One round: fresh codecs, first used by {@link #THREADS} threads released together; each
   * reads every text and writes it again.
   *
   * @return what each thread wrote (or the exception it got), by thread
   */
  static List<String> round(ExecutorService pool, List<String> texts) throws Exception {
    List<PayloadCodec<?>> codecs = List.of(RecordPayloads.of(CompiledExecutionPolicy.class),
        RecordPayloads.of(CalibrationResult.class), ProtoPayloads.of(ExecutionPackage.class));
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<String>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      results.add(pool.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        StringBuilder written = new StringBuilder();
        try {
          for (int i = 0; i < codecs.size(); i++) {
            written.append(rewrite(codecs.get(i), texts.get(i)));
          }
        } catch (RuntimeException e) {
          return e.toString();
        }
        return written.toString();
      }));
    }
    List<String> out = new ArrayList<>();
    for (Future<String> result : results) {
      out.add(result.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  private static <T> String rewrite(PayloadCodec<T> codec, String text) {
    Decoded<T> read = codec.fromJson(text);
    return codec.toJson(read.value(), read.unknownFields());
  }

  @Test
  void freshCodecsFirstUsedByEightThreadsAgreeWithOneThread() throws Exception {
    List<String> texts = texts();
    String expected = String.join("", texts);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int trial = 0; trial < 100; trial++) {
        assertEquals(List.of(expected, expected, expected, expected, expected, expected,
            expected, expected), round(pool, texts), "trial " + trial);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void inFreshJvmsTooTheFirstUseFromEightThreadsAgreesWithOneThread() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int jvm = 0; jvm < 3; jvm++) {
      Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          FirstUseFromThreads.class.getName()).redirectErrorStream(true).start();
      String output;
      try {
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        process.destroyForcibly();
        throw e;
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("JVM " + jvm + " did not finish: " + output);
      }
      assertEquals(0, process.exitValue(), "JVM " + jvm + ": " + output);
      assertEquals("agreed\n", output, "JVM " + jvm);
    }
  }

  /** The body of one fresh JVM: exit 0 and "agreed" when every thread wrote the same. */
  public static final class FirstUseFromThreads {
    public static void main(String[] args) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        // The texts are made in this thread, but with other codecs than the ones under test.
        List<String> texts = texts();
        String expected = String.join("", texts);
        List<String> written = round(pool, texts);
        for (String one : written) {
          if (!one.equals(expected)) {
            System.out.print("a thread wrote something else: " + one + "\n");
            System.exit(1);
          }
        }
        System.out.print("agreed\n");
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
