package io.codeanatomy.runtime.cli;

import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.runtime.artifacts.RunArtifacts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy verify DIR}: recomputes every hash of a run's artifacts (plan bundles, the
 * compiled policy, the execution package) and reports each difference, naming file and field.
 */
@Command(name = "verify",
    header = "Verifies the artifacts of a run.",
    description = "Recomputes every hash from a run's artifacts (bundles/, policy.json, "
        + "package.json, package.binpb, run.json) and reports what differs.")
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
    List<String> problems = RunArtifacts.verify(dir);
    PrintWriter out = spec.commandLine().getOut();
    problems.forEach(problem -> out.print(problem + "\n"));
    out.print(problems.isEmpty() ? "verified: every hash matches\n"
        : problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n");
    out.flush();
    return problems.isEmpty() ? CodeAnatomyCli.EXIT_COMPATIBLE : CodeAnatomyCli.EXIT_INCOMPATIBLE;
  }
}
