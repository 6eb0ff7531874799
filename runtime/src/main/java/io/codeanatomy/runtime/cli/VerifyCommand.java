package io.codeanatomy.runtime.cli;

import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import io.codeanatomy.runtime.artifacts.RunLayout;
import io.codeanatomy.runtime.artifacts.Verification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy verify DIR}: reads every artifact of a run with the strict readers,
 * recomputes every value the artifacts determine, and reports each difference naming file and
 * field, then what the artifacts cannot confirm ({@code unchecked:} lines), then a summary.
 */
@Command(name = "verify",
    header = "Verifies the artifacts of a run.",
    description = "Reads every artifact of a run (bundles/, policy.json, package.json, "
        + "package.binpb, calibration.json, lineage.json, run.json) with the strict readers, "
        + "recomputes every value they determine and reports what differs, one line per "
        + "problem naming the file and the field; then lists what the artifacts cannot confirm.")
final class VerifyCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Parameters(index = "0", paramLabel = "DIR", description = "The run's output folder.")
  private Path dir;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new CompatInputException(dir + " is not a folder of run artifacts");
    }
    if (!Files.exists(dir.resolve(RunLayout.RUN), LinkOption.NOFOLLOW_LINKS)
        && !Files.exists(dir.resolve(RunLayout.PACKAGE_JSON), LinkOption.NOFOLLOW_LINKS)) {
      throw new CompatInputException(dir + " holds no run: it has neither " + RunLayout.RUN
          + " nor " + RunLayout.PACKAGE_JSON);
    }
    Verification verification;
    try {
      verification = RunArtifacts.check(dir);
    } catch (IOException e) {
      throw new CompatInputException(dir + " cannot be read: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    verification.problems().forEach(problem -> out.print(problem + "\n"));
    verification.unchecked().forEach(line -> out.print("unchecked: " + line + "\n"));
    int problems = verification.problems().size();
    int unchecked = verification.unchecked().size();
    out.print(problems == 0
        ? "intact: every value the artifacts determine matches; " + unchecked + " unchecked\n"
        : problems + (problems == 1 ? " problem" : " problems") + "\n");
    out.flush();
    return problems == 0 ? CodeAnatomyCli.EXIT_COMPATIBLE : CodeAnatomyCli.EXIT_INCOMPATIBLE;
  }
}
