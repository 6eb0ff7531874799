package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.canonical.SettingTextException;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.support.UnknownProfileException;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job: runs the semantic pipeline under a profile on the embedded engine and prints a
 * summary and where the artifacts are. Exit codes: 0 done and verified, 1 the written artifacts
 * did not verify, 2 bad flags.
 */
@Command(name = "semantic-pipeline", mixinStandardHelpOptions = true,
    description = "Runs the CodeAnatomy semantic pipeline: relationship views over a code base's "
        + "anatomy, planned as one DAG, executed on Calcite, sealed into an execution package.")
public final class PipelineMain implements Callable<Integer> {

  @Option(names = "--profile", defaultValue = "default", paramLabel = "NAME",
      description = "The core policy profile (default: ${DEFAULT-VALUE}; one of "
          + "default, dev, prod, symtable, small, medium, large).")
  private String profile;

  @Option(names = "--rows", defaultValue = "" + AnatomyData.DEFAULT_ROWS, paramLabel = "N",
      description = "Rows of the anatomy sample (default: ${DEFAULT-VALUE}; try 1000000).")
  private int rows;

  @Option(names = "--out", defaultValue = "target/semantic-pipeline", paramLabel = "DIR",
      description = "Where the artifacts go (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--created-at", paramLabel = "UNIX_MS",
      description = "Seal the package at this time (replay: the same package, byte for byte).")
  private Long createdAt;

  @Option(names = "--calibration", defaultValue = "warn", paramLabel = "MODE",
      description = "off, warn or enforce (legacy: observe, apply); default: ${DEFAULT-VALUE}.")
  private String calibration;

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
      err.println("semantic-pipeline: " + e.getMessage()
          + " (see 'semantic-pipeline --help')");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      if (e instanceof UnknownProfileException || e instanceof SettingTextException
          || e instanceof IllegalArgumentException) {
        err.println("semantic-pipeline: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    if (!CodeAnatomyPolicyContract.profileNames().contains(profile)) {
      CodeAnatomyPolicyContract.profile(profile); // throws, naming the known profiles
    }
    PipelineRun.Options options = new PipelineRun.Options(profile, rows, out,
        createdAt == null ? OptionalLong.empty() : OptionalLong.of(createdAt), calibration);
    outWriter.printf(Locale.ROOT, "semantic pipeline: profile %s, %d rows, artifacts in %s%n",
        profile, rows, out);
    PipelineRun.Summary summary = PipelineRun.run(options, GlobalOpenTelemetry.get(),
        (step, millis) -> {
          if (millis >= 1000) {
            outWriter.printf(Locale.ROOT, "  %-16s %6.1f s%n", step, millis / 1000.0);
          }
        });
    print(summary);
    return summary.verification().isEmpty() ? 0 : 1;
  }

  private void print(PipelineRun.Summary summary) {
    PrintWriter p = outWriter;
    p.printf(Locale.ROOT, "%nanatomy rows: %d%n", summary.anatomyRows());
    p.printf(Locale.ROOT, "%-24s %8s  %-12s  %-12s  %s%n", "view", "rows", "fingerprint",
        "identity", "kind");
    for (PipelineRun.ViewResult view : summary.views()) {
      p.printf(Locale.ROOT, "%-24s %8d  %-12s  %-12s  %s%n", view.name(), view.rows(),
          view.fingerprint().substring(0, 12), view.identity().substring(0, 12),
          view.output() ? "output" : "step");
    }
    StringBuilder timings = new StringBuilder();
    summary.timings().forEach((step, millis) -> timings.append(timings.length() == 0 ? "" : ", ")
        .append(step).append(' ').append(millis).append(" ms"));
    p.printf(Locale.ROOT, "timings: %s%n", timings);
    p.printf(Locale.ROOT, "policy fingerprint:  %s%n", summary.policyFingerprint());
    p.printf(Locale.ROOT, "package fingerprint: %s%n", summary.packageFingerprint());
    p.printf(Locale.ROOT, "calibration: %s, cost ratio %.3f, thresholds %s%n",
        summary.calibration().mode().name().toLowerCase(Locale.ROOT),
        summary.calibration().costRatio(), summary.calibration().applied());
    if (summary.verification().isEmpty()) {
      p.printf(Locale.ROOT, "artifacts: %s (verified; check again with: codeanatomy verify %s)%n",
          summary.out(), summary.out());
    } else {
      p.printf(Locale.ROOT, "artifacts: %s do NOT verify:%n", summary.out());
      summary.verification().forEach(problem -> p.println("  " + problem));
    }
  }
}
