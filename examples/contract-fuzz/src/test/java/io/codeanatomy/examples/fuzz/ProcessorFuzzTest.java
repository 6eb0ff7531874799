package io.codeanatomy.examples.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.codeanatomy.examples.fuzz.gen.SetGenerator;
import io.codeanatomy.examples.fuzz.gen.SetSpec;
import io.codeanatomy.examples.fuzz.harness.SetCompiler;
import io.codeanatomy.examples.fuzz.mutate.Mutator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The bounded processor fuzz: seeded mutations ({@link Mutator}) of contract sources (generated
 * sets, the quickstart example, the golden example set, a proto seed using every field kind),
 * each compiled with the processor. Every mutant must end in one of: it compiles; the processor
 * refuses it with a positioned {@code [CAxxx]} error; javac refuses the user's own source (the
 * mutant is not Java); protoc refuses the mutated {@code .proto}. Never: an exception out of the
 * processor ("annotation processor threw"), a hang, a {@code [CAxxx]} error without position, or
 * generated code that does not compile while the processor reported nothing.
 *
 * <p>Mutant {@code i} is mutation seed {@code contract.fuzz.mutationSeed + i}; one mutant is
 * reproduced with {@code -Dtest=ProcessorFuzzTest -Dcontract.fuzz.mutant=<i>}; a failing one is
 * written to {@code target/contract-fuzz/mutants/<i>/}.
 */
class ProcessorFuzzTest {

  private static final Path BASE = Path.of(System.getProperty("basedir", "."));
  private static final Path OUT = BASE.resolve("target/contract-fuzz");
  private static final Pattern PROTO_POSITION = Pattern.compile("^[^\\s:]+\\.proto:\\d+:\\d+: ");

  /** A seed source set: its label, contract set name, Java and {@code .proto} sources. */
  record Seed(String label, String set, Map<String, String> java, Map<String, String> protos) {}

  enum Outcome {
    COMPILED, REFUSED_BY_PROCESSOR, REFUSED_BY_JAVAC, REFUSED_BY_PROTOC,
    CRASH, HANG, UNPOSITIONED_ERROR, GENERATED_CODE_DOES_NOT_COMPILE;

    boolean failure() {
      return ordinal() >= CRASH.ordinal();
    }
  }

  record Result(int index, Seed seed, String file, Mutator.Mutant mutant, Outcome outcome,
      String detail) {}

  @Test
  void mutatedContractSourcesNeverCrashTheProcessorNorYieldUncompilableCode() throws Exception {
    long mutationSeed = Long.getLong("contract.fuzz.mutationSeed", 0);
    int count = Integer.getInteger("contract.fuzz.mutants", 1000);
    Integer only = Integer.getInteger("contract.fuzz.mutant");
    List<Seed> seeds = seeds();
    SetCompiler compiler = new SetCompiler(Files.createDirectories(OUT.resolve("protoc-mutants")));
    long start = System.nanoTime();
    List<Result> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Map<Integer, Future<Result>> futures = new LinkedHashMap<>();
      for (int i = only == null ? 0 : only; i < (only == null ? count : only + 1); i++) {
        int index = i;
        futures.put(index, pool.submit(() -> run(compiler, seeds, mutationSeed, index)));
      }
      for (Map.Entry<Integer, Future<Result>> future : futures.entrySet()) {
        try {
          // Generous: a mutant compiles in well under a second; only a hang takes this long.
          results.add(future.getValue().get(10, TimeUnit.MINUTES));
        } catch (TimeoutException e) {
          future.getValue().cancel(true);
          results.add(describe(seeds, mutationSeed, future.getKey(), Outcome.HANG,
              "no result after 10 minutes"));
        }
      }
    } catch (ExecutionException e) {
      throw new AssertionError("the harness failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;

    Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
    StringBuilder report = new StringBuilder();
    int failures = 0;
    for (Result result : results) {
      tally.merge(result.outcome(), 1, Integer::sum);
      if (result.outcome().failure()) {
        failures++;
        Path dir = keep(result);
        if (failures <= 10) {
          report.append("\nmutant ").append(result.index()).append(" (").append(result.seed()
                  .label()).append(", ").append(result.file()).append("): ")
              .append(result.outcome()).append("\n    ")
              .append(String.join("\n    ", result.mutant().operations()))
              .append("\n    ").append(result.detail().replace("\n", "\n    "))
              .append("\n    sources: ").append(dir);
        }
      }
    }
    System.out.printf(Locale.ROOT, "[processor fuzz] %d mutants of %d seeds (mutation seeds "
            + "%d..%d) in %.1f s: %s%n", results.size(), seeds.size(), mutationSeed,
        mutationSeed + results.size() - 1, millis / 1000.0, tally);
    assertTrue(failures == 0, failures + " of " + results.size() + " mutants broke the "
        + "processor (reproduce one with -Dcontract.fuzz.mutant=<index>):" + report);
    if (only == null) {
      // The fuzz means something only when mutants get through to the processor and past it.
      int compiled = tally.getOrDefault(Outcome.COMPILED, 0);
      int refused = tally.getOrDefault(Outcome.REFUSED_BY_PROCESSOR, 0);
      assertTrue(compiled * 10 >= results.size() && refused * 10 >= results.size(),
          "too few mutants compiled or were refused by the processor: " + tally);
    }
  }

  private static Result run(SetCompiler compiler, List<Seed> seeds, long mutationSeed, int index) {
    Random random = new Random(mutationSeed + index);
    Seed seed = seeds.get(index % seeds.size());
    Mutator mutator = new Mutator(random);
    boolean proto = !seed.protos().isEmpty() && (seed.java().isEmpty() || random.nextInt(3) == 0);
    Map<String, String> java = new TreeMap<>(seed.java());
    Map<String, String> protos = new TreeMap<>(seed.protos());
    Map<String, String> target = proto ? protos : java;
    String file = new ArrayList<>(target.keySet()).get(random.nextInt(target.size()));
    Mutator.Mutant mutant = proto ? mutator.proto(target.get(file)) : mutator.java(target.get(file));
    target.put(file, mutant.text());
    Optional<SetCompiler.Protoc> protoc = Optional.empty();
    if (!protos.isEmpty()) {
      SetCompiler.Protoc run = compiler.protoc(protos);
      if (!run.ok()) {
        return new Result(index, seed, file, mutant, Outcome.REFUSED_BY_PROTOC, run.output());
      }
      protoc = Optional.of(run);
    }
    List<JavaFileObject> sources = new ArrayList<>();
    java.forEach((name, text) -> sources.add(JavaFileObjects.forSourceString(name, text)));
    Compilation compilation;
    try {
      compilation = compiler.compile(seed.set(), sources, protoc, false, false);
    } catch (Throwable e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      return new Result(index, seed, file, mutant, Outcome.CRASH, trace.toString());
    }
    return classify(index, seed, file, mutant, compilation);
  }

  private static Result classify(int index, Seed seed, String file, Mutator.Mutant mutant,
      Compilation compilation) {
    List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
    StringBuilder detail = new StringBuilder();
    boolean processorError = false;
    boolean unpositioned = false;
    boolean userError = false;
    boolean generatedError = false;
    for (Diagnostic<? extends JavaFileObject> d : errors) {
      String message = d.getMessage(Locale.ROOT);
      String where = d.getSource() == null ? "" : d.getSource().toUri().getPath() + ":"
          + d.getLineNumber() + ": ";
      detail.append(where).append(message.lines().findFirst().orElse("")).append('\n');
      // CA999 is the processor catching its own exception: a crash reported politely.
      if (message.contains("annotation processor") && message.contains("threw")
          || message.contains("uncaught exception") || message.contains("[CA999")) {
        return new Result(index, seed, file, mutant, Outcome.CRASH, message);
      }
      if (message.contains("[CA")) {
        processorError = true;
        if (d.getSource() == null && !PROTO_POSITION.matcher(message).find()) {
          unpositioned = true;
        }
      } else if (d.getSource() != null
          && d.getSource().toUri().getPath().contains("/SOURCE_OUTPUT/")) {
        generatedError = true;
      } else {
        userError = true;
      }
    }
    Outcome outcome;
    if (compilation.status() == Compilation.Status.SUCCESS) {
      outcome = Outcome.COMPILED;
    } else if (unpositioned) {
      outcome = Outcome.UNPOSITIONED_ERROR;
    } else if (processorError) {
      outcome = Outcome.REFUSED_BY_PROCESSOR;
    } else if (userError) {
      // The mutant is not valid Java: javac says so at the user's source, and generated code
      // that uses what the user broke fails with it.
      outcome = Outcome.REFUSED_BY_JAVAC;
    } else if (generatedError) {
      outcome = Outcome.GENERATED_CODE_DOES_NOT_COMPILE;
    } else {
      outcome = Outcome.REFUSED_BY_JAVAC;
    }
    return new Result(index, seed, file, mutant, outcome, detail.toString());
  }

  private static Result describe(List<Seed> seeds, long mutationSeed, int index, Outcome outcome,
      String detail) {
    Random random = new Random(mutationSeed + index);
    Seed seed = seeds.get(index % seeds.size());
    return new Result(index, seed, "?", new Mutator.Mutant("", List.of("mutation seed "
        + (mutationSeed + index) + " (" + random.nextInt() + ")")), outcome, detail);
  }

  // ---------------------------------------------------------------------------------------------
  // seeds

  /** Generated sets (mutation seeds do not overlap the parity test's), and the repo's own. */
  static List<Seed> seeds() throws IOException {
    List<Seed> seeds = new ArrayList<>();
    for (long s = 1_000_000; s < 1_000_040; s++) {
      SetSpec spec = SetGenerator.generate(s);
      seeds.add(new Seed("generated set " + s, spec.name(), spec.javaSources(), spec.protos()));
    }
    seeds.add(repoSeed("quickstart example", "quickstart",
        BASE.resolve("../quickstart/src/main/java"), "QuickstartMain.java", "package-info.java"));
    seeds.add(repoSeed("golden example", "example",
        BASE.resolve("../../contracts/src/test/resources/golden/input")));
    seeds.add(new Seed("proto seed", "seed", Map.of(), Map.of("fuzz/seed/v1/seed.proto",
        Files.readString(BASE.resolve("src/test/proto/fuzz/seed/v1/seed.proto")))));
    return seeds;
  }

  private static Seed repoSeed(String label, String set, Path root, String... skip)
      throws IOException {
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        if (List.of(skip).contains(file.getFileName().toString())) {
          continue;
        }
        String name = root.relativize(file).toString().replace('/', '.')
            .replaceAll("\\.java$", "");
        sources.put(name, Files.readString(file));
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("no contract sources under " + root);
    }
    return new Seed(label, set, sources, Map.of());
  }

  /** Writes a failing mutant's sources, and what happened, for reproducing it. */
  private static Path keep(Result result) {
    Path dir = OUT.resolve("mutants").resolve(Integer.toString(result.index()));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("what.txt"), result.seed().label() + "\n" + result.file()
          + "\n" + String.join("\n", result.mutant().operations()) + "\n\n" + result.detail());
      if (!result.mutant().text().isEmpty()) {
        Files.writeString(dir.resolve(result.file().endsWith(".proto")
            ? Path.of(result.file()).getFileName().toString() : result.file() + ".java"),
            result.mutant().text());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
