package io.codeanatomy.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Times whole {@code javac} processes on the generated corpus (whole processes: a user waits for
 * the JVM start, the compiler and the processors alike): plain javac with {@code -proc:none},
 * javac with our processor, with {@link ReplayProcessor} writing the files our processor wrote
 * (the floor under any generator of that code), with Immutables, with AutoValue. Medians of
 * several runs; our processor's own phases come from {@code -Acodeanatomy.statistics=true}.
 *
 * <p>Each run records wall time and, on Linux, the CPU time (user + system) the javac process
 * used, from this JVM's counters of its waited-for children: on a machine that other work shares,
 * CPU time moves far less than wall time. The variants take turns within each round, so a burst of
 * outside load falls on all of them rather than on one.
 */
public final class CompileBenchmark {

  /** One variant's runs at one corpus size. */
  public record Result(String variant, int records, List<Long> millis, List<Long> cpuMillis,
      String statistics) {
    /** Median wall time, ms. */
    public long median() {
      return medianOf(millis);
    }

    /** Median CPU time (user + system) of the javac process, ms; -1 where not measurable. */
    public long cpuMedian() {
      return medianOf(cpuMillis);
    }

    private static long medianOf(List<Long> values) {
      List<Long> sorted = new ArrayList<>(values);
      sorted.sort(null);
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  private static final Pattern STATISTICS = Pattern.compile("codeanatomy statistics:[^\\n]*");

  private CompileBenchmark() {}

  /** Runs every variant {@code runs} times for each size in {@code sizes}. */
  public static List<Result> run(Path work, int[] sizes, int runs) throws IOException {
    List<Result> results = new ArrayList<>();
    Classpath classpath = Classpath.current();
    for (int n : sizes) {
      Path ours = work.resolve("ours-" + n);
      Path immutables = work.resolve("immutables-" + n);
      Path autoValue = work.resolve("autovalue-" + n);
      List<Path> oursFiles = CompileCorpus.write(ours, CompileCorpus.Flavor.OURS, n);
      List<Path> immutablesFiles = CompileCorpus.write(immutables,
          CompileCorpus.Flavor.IMMUTABLES, n);
      List<Path> autoValueFiles = CompileCorpus.write(autoValue, CompileCorpus.Flavor.AUTO_VALUE,
          n);
      Map<String, List<String>> variants = new LinkedHashMap<>();
      variants.put("javac -proc:none", List.of("-proc:none", "-cp", classpath.contracts()));
      variants.put("codeanatomy", List.of("-cp", classpath.contracts(), "-processorpath",
          classpath.ours(), "-Acodeanatomy.contractSet=bench", "-Acodeanatomy.statistics=true"));
      // Runs after the first codeanatomy run of this size, and replays what that run wrote.
      variants.put("replay", List.of("-cp", classpath.contracts(), "-processorpath",
          classpath.benchmarks(), "-processor", ReplayProcessor.class.getName(),
          "-A" + ReplayProcessor.OPTION + "=" + outDir(work, "codeanatomy", n, 0)));
      variants.put("immutables", List.of("-cp", classpath.immutables(), "-processorpath",
          classpath.immutables()));
      variants.put("autovalue", List.of("-cp", classpath.autoValueAnnotations(),
          "-processorpath", classpath.autoValue()));
      Map<String, List<Long>> wall = new LinkedHashMap<>();
      Map<String, List<Long>> cpu = new LinkedHashMap<>();
      Map<String, String> statistics = new LinkedHashMap<>();
      for (int r = 0; r < runs; r++) {
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
          List<Path> sources = switch (variant.getKey()) {
            case "immutables" -> immutablesFiles;
            case "autovalue" -> autoValueFiles;
            default -> oursFiles;
          };
          Path out = outDir(work, variant.getKey(), n, r);
          Files.createDirectories(out);
          Run run = javac(variant.getValue(), out, sources);
          wall.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(run.millis());
          cpu.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(run.cpuMillis());
          Matcher m = STATISTICS.matcher(run.output());
          if (m.find()) {
            statistics.put(variant.getKey(), m.group());
          }
        }
      }
      for (String variant : variants.keySet()) {
        results.add(new Result(variant, n, wall.get(variant), cpu.get(variant),
            statistics.getOrDefault(variant, "")));
      }
    }
    return results;
  }

  private static Path outDir(Path work, String variant, int n, int run) {
    return work.resolve("out-" + variant.replaceAll("\\W", "") + "-" + n + "-" + run);
  }

  private record Run(long millis, long cpuMillis, String output) {}

  private static Run javac(List<String> options, Path out, List<Path> sources)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
    command.addAll(options);
    command.addAll(List.of("-d", out.toString(), "-implicit:none", "-encoding", "UTF-8"));
    Path argfile = out.resolve("sources.txt");
    Files.write(argfile, sources.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
    command.add("@" + argfile);
    long cpuBefore = childrenCpuMillis();
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("javac failed (" + String.join(" ", options) + "):\n"
            + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuAfter = childrenCpuMillis();
    return new Run(millis, cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore, output);
  }

  /**
   * CPU time (user + system) of this JVM's children that have been waited for, from
   * {@code /proc/self/stat} (fields cutime and cstime, in clock ticks of 10 ms): the JDK has no API
   * for the CPU time of a process that has ended. -1 where the file does not exist.
   */
  static long childrenCpuMillis() {
    Path stat = Path.of("/proc/self/stat");
    if (!Files.isReadable(stat)) {
      return -1;
    }
    try {
      String line = Files.readString(stat, StandardCharsets.US_ASCII);
      // The command name (field 2) may hold spaces; the fields after it follow its ')'.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
      long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
      return ticks * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The jars of each variant, found on this JVM's class path. */
  record Classpath(List<String> entries) {
    static Classpath current() {
      return new Classpath(Arrays.asList(System.getProperty("java.class.path")
          .split(File.pathSeparator)));
    }

    private Stream<String> jars(String... names) {
      return entries.stream().filter(e -> Arrays.stream(names).anyMatch(e::contains));
    }

    private String find(String name) {
      return jars(name).findFirst().orElseThrow(() -> new IllegalStateException(
          "no " + name + " on the class path: " + entries));
    }

    String contracts() {
      // The annotations, and the canonical encoding generated code calls.
      return String.join(File.pathSeparator, jars("codeanatomy-contracts",
          "contracts/target/classes", "codeanatomy-canonical", "canonical/target/classes")
          .toList());
    }

    /** Our processor and its dependencies: everything but the peers and the benchmarks. */
    String ours() {
      return String.join(File.pathSeparator, entries.stream()
          .filter(e -> !e.contains("immutables") && !e.contains("auto-value")
              && !e.contains("jmh") && !e.contains("benchmarks"))
          .toList());
    }

    /** Where this module's classes are (a folder or a jar): the replay processor. */
    String benchmarks() {
      try {
        return Path.of(ReplayProcessor.class.getProtectionDomain().getCodeSource().getLocation()
            .toURI()).toString();
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }

    String immutables() {
      return find(File.separator + "value" + File.separator);
    }

    String autoValue() {
      return jars("auto-value-" ).filter(e -> !e.contains("annotations")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no auto-value on the class path"));
    }

    String autoValueAnnotations() {
      return find("auto-value-annotations");
    }
  }

  /** The results as a Markdown table: medians and the ratios to plain javac. */
  public static String table(List<Result> results) {
    StringBuilder md = new StringBuilder("| records | variant | median wall ms | vs javac (wall) "
        + "| median CPU ms | vs javac (CPU) | runs wall ms | runs CPU ms |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    Map<Integer, Result> plain = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.variant().equals("javac -proc:none")) {
        plain.put(r.records(), r);
      }
    }
    for (Result r : results) {
      Result base = plain.get(r.records());
      md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.2f | %d | %.2f | %s | %s |%n",
          r.records(), r.variant(), r.median(), (double) r.median() / base.median(),
          r.cpuMedian(), (double) r.cpuMedian() / base.cpuMedian(), r.millis(), r.cpuMillis()));
    }
    for (Result r : results) {
      if (!r.statistics().isEmpty()) {
        md.append(String.format(Locale.ROOT, "%nN = %d: %s%n", r.records(), r.statistics()));
      }
    }
    return md.toString();
  }
}
