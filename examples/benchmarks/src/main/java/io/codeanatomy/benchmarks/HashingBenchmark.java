package io.codeanatomy.benchmarks;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ExecutionPackageContract;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hashing in Java: the settings hash of the largest profile, an execution package's hash, and,
 * for payload sizes from 4 KiB up, the machine's raw SHA-256 against our canonical encoding plus
 * hash of the same bytes (the physical limit and what we reach of it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HashingBenchmark {

  /** A payload of a given size, and a digest to hash it with. */
  @State(Scope.Thread)
  public static class Payload {
    @Param({"4096", "65536", "1048576"})
    public int payloadBytes;

    byte[] bytes;
    MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
      bytes = new byte[payloadBytes];
      new SplittableRandom(7).nextBytes(bytes);
      sha256 = MessageDigest.getInstance("SHA-256");
    }
  }

  private CodeAnatomyPolicy large;
  private ExecutionPackage pkg;

  @Setup
  public void setUp() {
    large = CodeAnatomyPolicyContract.profile("large");
    ExecutionPackage.Builder builder = ExecutionPackage.newBuilder()
        .setManifestHash(hex(1)).setPolicyArtifactHash(hex(2)).setSessionConfigHash(hex(3))
        .setPlanningEnvHash(hex(4)).setRulepackHash(hex(5)).setInformationSchemaHash(hex(6))
        .setFunctionRegistryHash(hex(7));
    for (int i = 0; i < 20; i++) {
      builder.putPlanBundleFingerprints(String.format(Locale.ROOT, "views.view_%02d", i),
          hex(100 + i));
    }
    pkg = builder.build();
  }

  private static String hex(int seed) {
    return String.format(Locale.ROOT, "%064x", (long) seed * 0x9E3779B97F4A7C15L)
        .replace('-', '0');
  }

  @Benchmark
  public String settingsHashOfTheLargestProfile() {
    return large.settingsHash();
  }

  @Benchmark
  public String executionPackageHash() {
    return ExecutionPackageContract.hash(pkg);
  }

  /** The machine's raw SHA-256: the physical limit. */
  @Benchmark
  public byte[] rawSha256(Payload payload) {
    return payload.sha256.digest(payload.bytes);
  }

  /** The same bytes through our canonical writer (a bin value) and its hash. */
  @Benchmark
  public String canonicalEncodeAndHash(Payload payload) {
    return new CanonicalWriter(payload.bytes.length + 16).writeBinary(payload.bytes).sha256Hex();
  }
}
