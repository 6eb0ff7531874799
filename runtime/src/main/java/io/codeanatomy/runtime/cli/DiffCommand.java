package io.codeanatomy.runtime.cli;

import io.codeanatomy.compat.Compatibility;
import io.codeanatomy.compat.Compatibility.Report;
import io.codeanatomy.compat.Lock;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.runtime.artifacts.RunDiff;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy diff OLD NEW}: whether NEW may follow OLD. Each side is a manifest or a lock;
 * released versions of OLD must be unchanged in NEW, and NEW's newest versions compatible. Given
 * two run folders, it says instead why the runs differ ({@link RunDiff}).
 */
@Command(name = "diff",
    header = "Compares two manifests or locks, or two runs.",
    description = "Compares two manifests or locks: every version released in OLD must be "
        + "unchanged in NEW, and NEW's newest versions must be compatible with OLD's. Given two "
        + "run folders, lists every snapshot entry, plan and rule effect that differs.")
final class DiffCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Parameters(index = "0", paramLabel = "OLD",
      description = "The earlier manifest or lock (contracts.manifest.json, contracts.lock.json), "
          + "or a run folder.")
  private Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW",
      description = "The later manifest or lock, or another run folder.")
  private Path newFile;

  @Option(names = "--json", description = "Print the report as JSON, for CI.")
  private boolean json;

  @Override
  public Integer call() {
    boolean oldRun = Files.isDirectory(oldFile);
    boolean newRun = Files.isDirectory(newFile);
    if (oldRun && newRun) {
      return runs();
    }
    if (oldRun || newRun) {
      throw new CompatInputException((oldRun ? oldFile : newFile) + " is not a file but a "
          + "folder, and " + (oldRun ? newFile : oldFile) + " is not: diff compares two "
          + "manifests or locks, or two run folders");
    }
    Inputs.Input old = Inputs.read(oldFile);
    Inputs.Input next = Inputs.read(newFile);
    Inputs.requireSameSet(old.contractSet(), old.source(), next.contractSet(), next.source());
    // A manifest as NEW is what OLD becomes once it is released: OLD's history plus its items.
    // Standing alone it would have only its newest versions, and every older version of OLD
    // would count as dropped from the history.
    Lock nextLock = next.isManifest() ? old.lock().release(next.manifest()) : next.lock();
    Report report = Inputs.comparing(old.source(), next.source(),
        () -> Compatibility.diff(old.lock(), nextLock));
    return Reports.print(report, json, spec.commandLine().getOut());
  }

  /** Two run folders: every difference, then the verdict; exit 0 when there is none. */
  private int runs() {
    List<RunDiff.Difference> differences;
    try {
      differences = RunDiff.compare(oldFile, newFile);
    } catch (RunDiff.RunReadException e) {
      throw new CompatInputException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = Json.object();
      root.put("identical", differences.isEmpty());
      ArrayNode entries = root.putArray("differences");
      for (RunDiff.Difference difference : differences) {
        ObjectNode entry = entries.addObject();
        entry.put("section", difference.section());
        entry.put("entry", difference.entry());
        entry.put("before", difference.before());
        entry.put("after", difference.after());
        entry.put("message", difference.render());
      }
      out.print(Json.render(root));
    } else {
      differences.forEach(d -> out.print(d.render() + "\n"));
      int count = differences.size();
      out.print(count == 0 ? "identical: the packages hash alike and every recorded entry "
          + "matches\n" : count + (count == 1 ? " difference" : " differences") + "\n");
    }
    out.flush();
    return differences.isEmpty() ? CodeAnatomyCli.EXIT_COMPATIBLE
        : CodeAnatomyCli.EXIT_INCOMPATIBLE;
  }
}
