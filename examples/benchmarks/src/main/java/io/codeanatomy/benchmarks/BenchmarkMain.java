package io.codeanatomy.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs every benchmark of docs/benchmarks.md and writes the results to one folder: the compile
 * benchmark ({@code compile.md}), the JMH benchmarks ({@code jmh.json}, {@code jmh.txt}), the
 * Rust hashing figures ({@code rust.txt}) and the machine's raw SHA-256 throughput from OpenSSL
 * ({@code openssl.txt}) when those tools are on the machine.
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
    description = "Runs the benchmarks of docs/benchmarks.md.")
public final class BenchmarkMain implements Callable<Integer> {

  @Option(names = "--out", defaultValue = "target/benchmarks", description = "Results folder.")
  Path out;

  @Option(names = "--sizes", defaultValue = "50,200,800", split = ",",
      description = "Corpus sizes of the compile benchmark (default: ${DEFAULT-VALUE}).")
  int[] sizes;

  @Option(names = "--runs", defaultValue = "5",
      description = "javac runs per variant and size (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--forks", defaultValue = "1", description = "JMH forks.")
  int forks;

  @Option(names = "--iterations", defaultValue = "5",
      description = "JMH warm-up and measurement iterations (each).")
  int iterations;

  @Option(names = "--iteration-ms", defaultValue = "1000",
      description = "JMH iteration time in milliseconds.")
  long iterationMillis;

  @Option(names = "--only", split = ",", description = "compile, jmh, rust (default: all).")
  List<String> only = List.of("compile", "jmh", "rust");

  @Option(names = "--include", defaultValue = "io\\.codeanatomy\\..*Benchmark",
      description = "JMH benchmarks to run, a regular expression.")
  String include;

  public static void main(String... args) {
    System.exit(new CommandLine(new BenchmarkMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    if (only.contains("compile")) {
      List<CompileBenchmark.Result> compile = CompileBenchmark.run(out.resolve("compile-work"),
          sizes, runs);
      String table = CompileBenchmark.table(compile);
      Files.writeString(out.resolve("compile.md"), table, StandardCharsets.UTF_8);
      System.out.println(table);
    }
    if (only.contains("jmh")) {
      Collection<RunResult> results = jmh(include, forks, iterations, iterationMillis,
          out.resolve("jmh.json"));
      StringBuilder text = new StringBuilder();
      for (RunResult result : results) {
        text.append(String.format(Locale.ROOT, "%s %s %.3f ± %.3f %s%n",
            result.getParams().getBenchmark(), result.getParams().getParamsKeys().stream()
                .map(k -> k + "=" + result.getParams().getParam(k)).toList(),
            result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(),
            result.getPrimaryResult().getScoreUnit()));
      }
      Files.writeString(out.resolve("jmh.txt"), text, StandardCharsets.UTF_8);
      System.out.print(text);
    }
    if (only.contains("rust")) {
      run(out.resolve("rust.txt"), List.of("cargo", "run", "--release", "--offline", "--quiet",
          "--example", "hash_bench"), rustCrate());
      run(out.resolve("openssl.txt"), List.of("openssl", "speed", "-seconds", "3", "-bytes",
          "4096", "-evp", "sha256"), Path.of("."));
    }
    return 0;
  }

  /** Runs JMH in this JVM's class path and returns the results. */
  public static Collection<RunResult> jmh(String include, int forks, int iterations,
      long iterationMillis, Path json) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(include)
        .forks(forks)
        .warmupIterations(iterations)
        .measurementIterations(iterations)
        .warmupTime(TimeValue.milliseconds(iterationMillis))
        .measurementTime(TimeValue.milliseconds(iterationMillis))
        .timeUnit(TimeUnit.MICROSECONDS)
        .shouldFailOnError(true);
    if (json != null) {
      options.result(json.toString()).resultFormat(ResultFormatType.JSON);
    }
    return new Runner(options.build()).run();
  }

  private static Path rustCrate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path crate = dir.resolve("examples/rust-parity");
      if (Files.isRegularFile(crate.resolve("Cargo.toml"))) {
        return crate;
      }
    }
    throw new IllegalStateException("examples/rust-parity not found above "
        + Path.of("").toAbsolutePath());
  }

  private static void run(Path output, List<String> command, Path dir) throws IOException,
      InterruptedException {
    List<String> resolved = new ArrayList<>(command);
    Path cargo = Path.of(System.getProperty("user.home"), ".cargo", "bin", command.get(0));
    if (Files.isExecutable(cargo)) {
      resolved.set(0, cargo.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(resolved).directory(dir.toFile())
        .redirectErrorStream(true);
    Path crate = dir.toAbsolutePath();
    builder.environment().putIfAbsent("CARGO_TARGET_DIR", crate.resolve("target/cargo")
        .toString());
    builder.environment().putIfAbsent("CODEANATOMY_RUST_DIR", crate.resolve("target/parity/rust")
        .toString());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      Files.writeString(output, "not run: " + e.getMessage() + "\n", StandardCharsets.UTF_8);
      return;
    }
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.MINUTES);
    Files.writeString(output, text, StandardCharsets.UTF_8);
    System.out.print(String.join(" ", Arrays.asList(command.get(0))) + ":\n" + text);
  }
}
