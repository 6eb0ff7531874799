package io.codeanatomy.examples.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.codeanatomy.examples.fuzz.gen.SetGenerator;
import io.codeanatomy.examples.fuzz.gen.SetSpec;
import io.codeanatomy.examples.fuzz.harness.JavaVectors;
import io.codeanatomy.examples.fuzz.harness.RustCrate;
import io.codeanatomy.examples.fuzz.harness.SetCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Random valid contract sets (SetGenerator; seeds 0 to 199 unless {@code -Dcontract.fuzz.seed}
 * and {@code -Dcontract.fuzz.sets} say otherwise) compile warning-free with the processor, and
 * their generated Rust agrees with their generated Java on every hash: settings,
 * planning-environment and feature-gate parity hashes of every profile and of edited profiles,
 * contract hashes and canonical bytes of random values, schema fingerprints, key registries and
 * enum attributes. All Rust modules of a run build as one crate (RustCrate).
 *
 * <p>A failing set is written to {@code target/contract-fuzz/failed/<seed>/} (its sources and
 * what the processor generated), and its seed reproduces it:
 * {@code -Dtest=GeneratedSetsParityTest -Dcontract.fuzz.seed=<seed> -Dcontract.fuzz.sets=1}.
 */
class GeneratedSetsParityTest {

  private static final Path OUT = Path.of(System.getProperty("basedir", "."), "target",
      "contract-fuzz");

  /** One set after Java: its crate member, or why it failed. */
  private record JavaSide(SetSpec spec, RustCrate.Member member, String runtime,
      List<String> failures) {}

  @Test
  void generatedSetsCompileAndHashAlikeInJavaAndRust() throws Exception {
    long first = Long.getLong("contract.fuzz.seed", 0);
    int count = Integer.getInteger("contract.fuzz.sets", 200);
    deleteTree(OUT.resolve("failed"));
    SetCompiler compiler = new SetCompiler(Files.createDirectories(OUT.resolve("protoc")));
    long start = System.nanoTime();
    List<JavaSide> sides = new ArrayList<>();
    // Two compilations at a time: the processor keeps no state between compilations.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<JavaSide>> futures = new ArrayList<>();
      for (long seed = first; seed < first + count; seed++) {
        long s = seed;
        futures.add(pool.submit(() -> javaSide(compiler, SetGenerator.generate(s))));
      }
      for (Future<JavaSide> future : futures) {
        sides.add(future.get());
      }
    } catch (ExecutionException e) {
      throw new AssertionError("the harness failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long javaMillis = (System.nanoTime() - start) / 1_000_000;

    Map<Long, List<String>> failures = new TreeMap<>();
    List<RustCrate.Member> members = new ArrayList<>();
    String runtime = null;
    for (JavaSide side : sides) {
      if (!side.failures().isEmpty()) {
        failures.put(side.spec().seed(), side.failures());
      } else {
        members.add(side.member());
        runtime = runtime == null ? side.runtime() : runtime;
        if (!runtime.equals(side.runtime())) {
          failures.put(side.spec().seed(), List.of("its codeanatomy_runtime.rs differs from "
              + "the other sets' (one processor writes one runtime)"));
        }
      }
    }
    RustCrate.Outcome rust = members.isEmpty() ? null
        : new RustCrate(OUT.resolve("crate")).check(runtime, members);
    if (rust != null) {
      for (JavaSide side : sides) {
        List<String> rustFailures = rust.failures().get(side.spec().name());
        if (rustFailures != null) {
          failures.computeIfAbsent(side.spec().seed(), k -> new ArrayList<>())
              .addAll(rustFailures);
        }
      }
    }
    for (long seed : failures.keySet()) {
      keep(compiler, sides.stream().filter(s -> s.spec().seed() == seed).findFirst()
          .orElseThrow().spec());
    }
    String timing = String.format(Locale.ROOT, "%d sets (seeds %d..%d): Java (generate, protoc, "
            + "compile, vectors) %.1f s; Rust crate build %.1f s in %d round(s), tests %.1f s",
        count, first, first + count - 1, javaMillis / 1000.0,
        rust == null ? 0 : rust.buildMillis() / 1000.0, rust == null ? 0 : rust.rounds(),
        rust == null ? 0 : rust.testMillis() / 1000.0);
    System.out.println("[contract fuzz] " + timing);
    StringBuilder report = new StringBuilder();
    failures.forEach((seed, problems) -> {
      report.append("\nseed ").append(seed).append(" (set g").append(seed).append("):");
      problems.stream().limit(12).forEach(p -> report.append("\n    ").append(p));
      if (problems.size() > 12) {
        report.append("\n    ... ").append(problems.size() - 12).append(" more");
      }
    });
    assertTrue(failures.isEmpty(), failures.size() + " of " + count + " generated sets failed "
        + "(sources and generated files under " + OUT.resolve("failed") + "):" + report);
  }

  /** Generates, compiles and computes the Java vectors of one set. */
  private static JavaSide javaSide(SetCompiler compiler, SetSpec spec) {
    List<String> failures = new ArrayList<>();
    Optional<SetCompiler.Protoc> proto = Optional.empty();
    if (!spec.protos().isEmpty()) {
      SetCompiler.Protoc run = compiler.protoc(spec.protos());
      if (!run.ok()) {
        return new JavaSide(spec, null, null, List.of("protoc refused the generated .proto (a "
            + "generator bug): " + run.output()));
      }
      proto = Optional.of(run);
    }
    Compilation compilation = compiler.compile(spec.name(), sources(spec), proto, true);
    if (compilation.status() != Compilation.Status.SUCCESS
        || !compilation.diagnostics().isEmpty()) {
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        failures.add("javac " + d.getKind() + " "
            + (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
            + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
      }
      if (failures.isEmpty()) {
        failures.add("the compilation failed without a diagnostic");
      }
      return new JavaSide(spec, null, null, failures);
    }
    String module = SetCompiler.resource(compilation,
        "META-INF/codeanatomy/rust/" + spec.name() + "_contracts.rs").orElse(null);
    String runtime = SetCompiler.resource(compilation,
        "META-INF/codeanatomy/rust/codeanatomy_runtime.rs").orElse(null);
    String manifest = SetCompiler.resource(compilation,
        "META-INF/codeanatomy/contracts.manifest.json").orElse(null);
    if (module == null || runtime == null || manifest == null) {
      return new JavaSide(spec, null, null, List.of("the processor wrote no Rust module, runtime "
          + "or manifest"));
    }
    JavaVectors.Result vectors;
    try {
      vectors = JavaVectors.of(spec, SetCompiler.classLoader(compilation), manifest);
    } catch (RuntimeException e) {
      return new JavaSide(spec, null, null, List.of("the generated Java failed: " + e));
    }
    if (!vectors.problems().isEmpty()) {
      return new JavaSide(spec, null, null, vectors.problems());
    }
    return new JavaSide(spec, new RustCrate.Member(spec, module, vectors.vectors().toString()),
        runtime, List.of());
  }

  static List<JavaFileObject> sources(SetSpec spec) {
    List<JavaFileObject> sources = new ArrayList<>();
    spec.javaSources().forEach((name, text) -> sources.add(
        JavaFileObjects.forSourceString(name, text)));
    return sources;
  }

  /** Writes a failed set's sources and what the processor generates from them, to reproduce. */
  private static void keep(SetCompiler compiler, SetSpec spec) throws IOException {
    Path dir = OUT.resolve("failed").resolve(Long.toString(spec.seed()));
    for (Map.Entry<String, String> source : spec.javaSources().entrySet()) {
      Path file = dir.resolve("src/" + source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
    }
    for (Map.Entry<String, String> proto : spec.protos().entrySet()) {
      Path file = dir.resolve("proto/" + proto.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, proto.getValue());
    }
    Optional<SetCompiler.Protoc> protoc = spec.protos().isEmpty() ? Optional.empty()
        : Optional.of(compiler.protoc(spec.protos()));
    compiler.writeGenerated(spec.name(), sources(spec), protoc, dir.resolve("generated"));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var files = Files.walk(root)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
