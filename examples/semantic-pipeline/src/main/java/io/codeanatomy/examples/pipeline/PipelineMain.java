package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.canonical.SettingTextException;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.support.UnknownProfileException;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import io.codeanatomy.runtime.artifacts.RunLocationException;
import io.codeanatomy.runtime.relspec.Calibration;
import io.codeanatomy.runtime.results.ResultException;
import io.codeanatomy.spark.EngineUnavailableException;
import io.codeanatomy.spark.UnsupportedPlanException;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.runtime.rules.OverlayProfile;
import io.codeanatomy.runtime.rules.RuleRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: runs the semantic pipeline under a profile on the embedded engine or on Spark and
 * prints a summary and where the artifacts are. Every flag, the output folder and the Spark
 * master are checked before any work; every failure is one line on stderr, never a stack trace.
 * Exit codes are in {@link #EXIT_VERIFIED} and the constants after it.
 */
@Command(name = "semantic-pipeline", mixinStandardHelpOptions = true,
    description = "Runs the CodeAnatomy semantic pipeline: relationship views over a code base's "
        + "anatomy, planned as one DAG, executed on Calcite or on Spark, the output views "
        + "written as Parquet, sealed into an execution package.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the run is written and its artifacts verify",
        "1:the run is written, but its artifacts do not verify",
        "2:usage error: an unknown flag, a value out of range, an unknown profile, an output "
            + "folder no run can be written to, a Spark master that cannot be reached, a plan "
            + "the chosen engine refuses to run; nothing was written",
        "3:internal error (a bug); the output folder holds the previous run, or nothing",
        "4:input/output failure (a full disk, a folder made unwritable; also when it makes "
            + "the engine's job fail): the output folder holds the previous run, or nothing"})
public final class PipelineMain implements Callable<Integer> {

  /** The run is written and its artifacts verify. */
  public static final int EXIT_VERIFIED = 0;
  /** The run is written, but its artifacts do not verify. */
  public static final int EXIT_NOT_VERIFIED = 1;
  /**
   * A bad flag, value, profile or output folder, or a Spark master that cannot be reached, found
   * before any work; or a plan the chosen engine refuses, found before any plan runs.
   */
  public static final int EXIT_USAGE = 2;
  /** An unexpected exception: a bug, never a verdict about the input. */
  public static final int EXIT_INTERNAL = 3;
  /** Reading or writing files failed while running (directly, or as the cause of a failure). */
  public static final int EXIT_IO = 4;

  /** The largest sample: beyond it the heap of a default JVM runs out. */
  static final int MAX_ROWS = 10_000_000;

  /** 9999-12-31T23:59:59.999Z: a creation time past it is not a time a run was made. */
  static final long MAX_CREATED_AT = 253_402_300_799_999L;

  @Spec
  private CommandSpec spec;

  @Option(names = "--profile", defaultValue = "default", paramLabel = "NAME",
      description = "The core policy profile (default: ${DEFAULT-VALUE}; one of "
          + "default, dev, prod, symtable, small, medium, large).")
  private String profile;

  @Option(names = "--rows", defaultValue = "" + AnatomyData.DEFAULT_ROWS, paramLabel = "N",
      description = "Rows of the anatomy sample, from 100 to " + MAX_ROWS
          + " (default: ${DEFAULT-VALUE}; try 1000000).")
  private int rows;

  @Option(names = "--out", defaultValue = "target/semantic-pipeline", paramLabel = "DIR",
      description = "Where the artifacts go: a new folder, an empty one, or one that holds a "
          + "run, which is replaced whole (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--created-at", paramLabel = "UNIX_MS",
      description = "Seal the package at this time, from 0 to " + MAX_CREATED_AT
          + " (replay: the same package, byte for byte).")
  private Long createdAt;

  @Option(names = "--calibration", defaultValue = "warn", paramLabel = "MODE",
      description = "off, warn or enforce (legacy: observe, apply); default: ${DEFAULT-VALUE}. "
          + "enforce continues from the run in the output folder.")
  private String calibration;

  @Option(names = "--explain-per-rule",
      description = "Record what each rule did to each plan (rule_deltas.json).")
  private boolean explainPerRule;

  @Option(names = "--exclude-rule", paramLabel = "RULE", split = ",",
      description = "Plan without this rule (an overlay; per-rule deltas are recorded).")
  private List<String> excludeRules = new ArrayList<>();

  @Option(names = "--add-rule", paramLabel = "RULE", split = ",",
      description = "Plan with this rule too (an overlay; per-rule deltas are recorded).")
  private List<String> addRules = new ArrayList<>();

  @Option(names = "--rule-priority", paramLabel = "RULE=N",
      description = "Run this rule at this position in its phase (lower first; an overlay; "
          + "per-rule deltas are recorded).")
  private Map<String, Integer> priorities = new LinkedHashMap<>();

  @Option(names = "--engine", defaultValue = "embedded", paramLabel = "ENGINE",
      description = "Where the views execute: embedded (Calcite, in this JVM) or spark (the "
          + "sealed Substrait plans on Apache Spark); default: ${DEFAULT-VALUE}.")
  private ViewEngine.Kind engine;

  // Under spark-submit, its --master arrives as the system property spark.master.
  @Option(names = "--master", defaultValue = "${sys:spark.master:-local[*]}", paramLabel = "URL",
      description = "The Spark master with --engine spark: local[N], local[*], "
          + "spark://HOST:PORT, k8s://HOST:PORT or yarn (default: ${DEFAULT-VALUE}; under "
          + "spark-submit, its --master).")
  private String master;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "A Spark setting with --engine spark (repeatable), e.g. "
          + "spark.executor.memory=4g.")
  private Map<String, String> sparkConf = new TreeMap<>();

  private PrintWriter outWriter;

  public static void main(String... args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs with these streams and returns the exit code (for tests). */
  public static int run(PrintStream stdout, PrintStream stderr, String... args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8),
        true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8),
        true);
    PipelineMain main = new PipelineMain();
    main.outWriter = out;
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.print("semantic-pipeline: " + oneLine(e.getMessage())
          + " (see 'semantic-pipeline --help')\n");
      err.flush();
      return EXIT_USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failure(e, main.out, err));
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.print("semantic-pipeline: out of memory: run with fewer --rows or a larger heap "
          + "(-Xmx); the output folder holds the previous run, or nothing\n");
      err.flush();
      return EXIT_IO;
    } catch (Error e) {
      // Left to the JVM, an error would end the job with 1, which says "does not verify".
      err.print("semantic-pipeline: internal error: " + e.getClass().getName()
          + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
          + "; the output folder holds the previous run, or nothing\n");
      err.flush();
      return EXIT_INTERNAL;
    }
  }

  /** One line for any failure of a run, and the exit code it means. */
  static int failure(Exception e, Path out, PrintWriter err) {
    int code;
    String message;
    if (e instanceof UnknownProfileException || e instanceof SettingTextException
        || e instanceof RunLocationException || e instanceof EngineUnavailableException) {
      code = EXIT_USAGE;
      message = oneLine(e.getMessage()) + " (see 'semantic-pipeline --help')";
    } else if (e instanceof UnsupportedPlanException) {
      code = EXIT_USAGE;
      message = "the Spark engine refuses a plan, before any plan ran: "
          + oneLine(e.getMessage()) + "; " + out + " is as it was (the embedded engine, "
          + "--engine embedded, runs every plan the session plans)";
    } else if (ioCause(e) != null) {
      code = EXIT_IO;
      // Our own exceptions say which file; an engine's wrapper around the I/O failure (a failed
      // Spark job) only adds its stack to it.
      Throwable told = e instanceof IOException || e instanceof UncheckedIOException
          || e instanceof ResultException ? e : ioCause(e);
      message = "cannot finish the run: " + oneLine(told.getMessage()) + "; " + out
          + " holds the previous run, or nothing";
    } else {
      code = EXIT_INTERNAL;
      message = "internal error: " + e.getClass().getName()
          + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
          + "; " + out + " holds the previous run, or nothing";
    }
    err.print("semantic-pipeline: " + message + "\n");
    err.flush();
    return code;
  }

  /**
   * The failure to read or write behind {@code e}: {@code e} itself, or its first cause that is
   * one (an engine's job that failed on a full disk, a result file that could not be written);
   * null when none is.
   */
  private static Throwable ioCause(Throwable e) {
    int depth = 0;
    for (Throwable cause = e; cause != null && depth < 64; cause = cause.getCause(), depth++) {
      if (cause instanceof IOException || cause instanceof UncheckedIOException) {
        return cause;
      }
    }
    return null;
  }

  @Override
  public Integer call() throws IOException {
    if (rows < 100 || rows > MAX_ROWS) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rows must be from 100 to "
          + MAX_ROWS + ", not " + rows);
    }
    if (createdAt != null && (createdAt < 0 || createdAt > MAX_CREATED_AT)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--created-at must be a time "
          + "in milliseconds since 1970-01-01T00:00:00Z, from 0 to " + MAX_CREATED_AT + ", not "
          + createdAt);
    }
    if (!CodeAnatomyPolicyContract.profileNames().contains(profile)) {
      CodeAnatomyPolicyContract.profile(profile); // throws, naming the known profiles
    }
    Calibration.mode(calibration); // throws for an unknown mode, naming the known ones
    if (engine != ViewEngine.Kind.spark) {
      for (String sparkOnly : new String[] {"--master", "--spark-conf"}) {
        if (spec.commandLine().getParseResult().hasMatchedOption(sparkOnly)) {
          throw new CommandLine.ParameterException(spec.commandLine(), sparkOnly
              + " applies to --engine spark, not to --engine " + engine);
        }
      }
    }
    OverlayProfile overlay = overlay();
    RunArtifacts.checkLocation(out);
    PipelineRun.Options options = new PipelineRun.Options(profile, rows, out,
        createdAt == null ? OptionalLong.empty() : OptionalLong.of(createdAt), calibration,
        engine, master, sparkConf, overlay);
    outWriter.printf(Locale.ROOT, "semantic pipeline: profile %s, %d rows, engine %s%s, "
        + "artifacts in %s%n", profile, rows, engine,
        engine == ViewEngine.Kind.spark ? " (" + master + ")" : "", out);
    PipelineRun.Summary summary = PipelineRun.run(options, GlobalOpenTelemetry.get(),
        (step, millis) -> {
          if (millis >= 1000) {
            outWriter.printf(Locale.ROOT, "  %-16s %6.1f s%n", step, millis / 1000.0);
          }
        });
    print(summary);
    return summary.verification().intact() ? EXIT_VERIFIED : EXIT_NOT_VERIFIED;
  }

  /** The rule experiment the flags ask for, its rules checked before any work; or null. */
  private OverlayProfile overlay() {
    RuleRegistry registry = RuleRegistry.standard();
    List<String> named = new ArrayList<>(excludeRules);
    named.addAll(addRules);
    named.addAll(priorities.keySet());
    for (String rule : named) {
      if (registry.rule(rule).isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown rule '" + rule
            + "'; the rules are " + String.join(", ", registry.rules().keySet()));
      }
    }
    if (!explainPerRule && named.isEmpty()) {
      return null;
    }
    return new OverlayProfile(addRules, excludeRules, priorities, true);
  }

  private void print(PipelineRun.Summary summary) {
    PrintWriter p = outWriter;
    p.printf(Locale.ROOT, "%nanatomy rows: %d%n", summary.anatomyRows());
    p.printf(Locale.ROOT, "engine: %s %s (%s)%n", summary.engine().name(),
        summary.engine().version(), summary.engine().master());
    p.printf(Locale.ROOT, "%-24s %8s  %-12s  %-12s  %-6s  %s%n", "view", "rows", "fingerprint",
        "identity", "kind", "content hash");
    for (PipelineRun.ViewResult view : summary.views()) {
      p.printf(Locale.ROOT, "%-24s %8d  %-12s  %-12s  %-6s  %s%n", view.name(), view.rows(),
          view.fingerprint().substring(0, 12), view.identity().substring(0, 12),
          view.output() ? "output" : "step",
          view.contentHash() == null ? "-" : view.contentHash());
    }
    StringBuilder timings = new StringBuilder();
    summary.timings().forEach((step, millis) -> timings.append(timings.length() == 0 ? "" : ", ")
        .append(step).append(' ').append(millis).append(" ms"));
    p.printf(Locale.ROOT, "timings: %s%n", timings);
    p.printf(Locale.ROOT, "policy fingerprint:  %s%n", summary.policyFingerprint());
    p.printf(Locale.ROOT, "package fingerprint: %s%n", summary.packageFingerprint());
    p.printf(Locale.ROOT, "calibration: %s from %s, cost ratio %.3g (rows produced over rows "
        + "estimated), thresholds %s%n",
        summary.calibration().mode().name().toLowerCase(Locale.ROOT), summary.calibratedFrom(),
        summary.calibration().costRatio(), summary.calibration().applied());
    StringBuilder caches = new StringBuilder();
    for (CacheStats cache : summary.caches().getCachesList()) {
      caches.append(caches.length() == 0 ? "" : "; ")
          .append(cache.getCache().name().toLowerCase(Locale.ROOT)).append(' ')
          .append(cache.getEntries()).append(" entries, ").append(cache.getHits())
          .append(" hits, ").append(cache.getMisses()).append(" misses, ")
          .append(cache.getEvictions()).append(" evictions")
          .append(cache.getPossiblyStaleHits() > 0
              ? ", " + cache.getPossiblyStaleHits() + " possibly stale" : "");
    }
    p.printf(Locale.ROOT, "caches: %s%n", caches);
    if (summary.verification().intact()) {
      p.printf(Locale.ROOT, "artifacts: %s (intact: every value they determine matches; "
          + "codeanatomy verify %s checks again and lists what they cannot confirm)%n",
          summary.out(), summary.out());
    } else {
      p.printf(Locale.ROOT, "artifacts: %s do NOT verify:%n", summary.out());
      summary.verification().problems().forEach(problem -> p.println("  " + problem));
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
