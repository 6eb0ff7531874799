package io.codeanatomy.runtime.cli;

import io.codeanatomy.compat.Compatibility;
import io.codeanatomy.compat.Compatibility.Report;
import io.codeanatomy.compat.Lock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy diff OLD NEW}: whether NEW may follow OLD. Each side is a manifest or a lock;
 * released versions of OLD must be unchanged in NEW, and NEW's newest versions compatible.
 */
@Command(name = "diff",
    header = "Compares two manifests or locks.",
    description = "Compares two manifests or locks: every version released in OLD must be "
        + "unchanged in NEW, and NEW's newest versions must be compatible with OLD's.")
final class DiffCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Parameters(index = "0", paramLabel = "OLD",
      description = "The earlier manifest or lock (contracts.manifest.json, contracts.lock.json).")
  private Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW", description = "The later manifest or lock.")
  private Path newFile;

  @Option(names = "--json", description = "Print the report as JSON, for CI.")
  private boolean json;

  @Override
  public Integer call() {
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
}
