package io.codeanatomy.runtime.cli;

import io.codeanatomy.compat.Compatibility;
import io.codeanatomy.compat.Compatibility.Report;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.manifest.Manifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy check --lock LOCK MANIFEST}: the check the processor runs at compile time,
 * for a manifest that was built elsewhere (a released jar, another branch).
 */
@Command(name = "check",
    header = "Checks a manifest against its lock.",
    description = "Checks a manifest against a lock, as the processor does at compile time: an "
        + "item of the lock that is no longer declared is reported, not retired.")
final class CheckCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Option(names = "--lock", required = true, paramLabel = "LOCK",
      description = "The contract set's contracts.lock.json.")
  private Path lockFile;

  @Parameters(index = "0", paramLabel = "MANIFEST",
      description = "The manifest to check (META-INF/codeanatomy/contracts.manifest.json).")
  private Path manifestFile;

  @Option(names = "--json", description = "Print the report as JSON, for CI.")
  private boolean json;

  @Override
  public Integer call() {
    Lock lock = Inputs.readLock(lockFile);
    Manifest manifest = Inputs.readManifest(manifestFile);
    Inputs.requireSameSet(lock.contractSet(), lockFile.toString(), manifest.contractSet(),
        manifestFile.toString());
    Report report = Inputs.comparing(lockFile.toString(), manifestFile.toString(),
        () -> Compatibility.check(lock, manifest, false));
    return Reports.print(report, json, spec.commandLine().getOut());
  }
}
