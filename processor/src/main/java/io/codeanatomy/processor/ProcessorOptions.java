package io.codeanatomy.processor;

import io.codeanatomy.processor.emit.rust.RustEmitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code -A} options the processor reads. */
record ProcessorOptions(String contractSet, List<Path> descriptorSets, Optional<Path> lock,
    boolean updateLock, boolean statistics, RustEmitter.Runtime rustRuntime) {

  /** {@code -Acodeanatomy.contractSet=core}: names the manifest's contract set and Rust module. */
  static final String CONTRACT_SET = "codeanatomy.contractSet";

  /**
   * {@code -Acodeanatomy.descriptorSets=a.binpb,b.binpb}: descriptor sets (protoc
   * {@code --descriptor_set_out}, with imports and source info) whose contract messages belong to
   * this compilation.
   */
  static final String DESCRIPTOR_SETS = "codeanatomy.descriptorSets";

  /**
   * {@code -Acodeanatomy.lock=path/contracts.lock.json}: the lock every compile is checked
   * against (docs/compatibility-rules.md). Without it, nothing is checked.
   */
  static final String LOCK = "codeanatomy.lock";

  /**
   * {@code -Acodeanatomy.lock.update=true}: after a deliberate version bump, rewrite the lock with
   * this compilation's versions (the Maven property {@code codeanatomy.lock.update}).
   */
  static final String LOCK_UPDATE = "codeanatomy.lock.update";

  /**
   * {@code -Acodeanatomy.statistics=true}: print, as a note, the time of each phase (read,
   * checks, emit java, emit rust, manifest, docs, lock).
   */
  static final String STATISTICS = "codeanatomy.statistics";

  /**
   * {@code -Acodeanatomy.rustRuntime=embedded|shared}: whether the Rust module embeds the runtime
   * ({@code embedded}, the default) or uses the shared {@code codeanatomy_runtime.rs} that the
   * processor then writes beside it ({@code shared}; docs/rust-parity.md).
   */
  static final String RUST_RUNTIME = "codeanatomy.rustRuntime";

  static final Set<String> ALL = Set.of(CONTRACT_SET, DESCRIPTOR_SETS, LOCK, LOCK_UPDATE,
      STATISTICS, RUST_RUNTIME);

  static final String DEFAULT_CONTRACT_SET = "contracts";

  /** The prefix of this processor's options. */
  static final String PREFIX = "codeanatomy.";

  /**
   * A warning for every {@code -Acodeanatomy.*} option this processor does not know, with the
   * closest known one when there is one: a misspelled option would otherwise do nothing.
   */
  static List<String> unknown(Set<String> given) {
    List<String> warnings = new ArrayList<>();
    for (String option : new java.util.TreeSet<>(given)) {
      if (option.startsWith(PREFIX) && !ALL.contains(option)) {
        String nearest = io.codeanatomy.contracts.canonical.NearestName.of(option, ALL);
        warnings.add(io.codeanatomy.processor.diagnostics.DiagnosticCode.UNKNOWN_OPTION.tag()
            + " -A" + option + " is not an option of codeanatomy-processor"
            + (nearest == null ? "" : "; did you mean -A" + nearest + "?")
            + " Its options: " + String.join(", ", new java.util.TreeSet<>(ALL)));
      }
    }
    return warnings;
  }

  /** Reads the options; a bad value gives the problem text instead. */
  static ProcessorOptionsOrProblem parse(Map<String, String> options) {
    List<Path> descriptorSets = new ArrayList<>();
    for (String path : Optional.ofNullable(options.get(DESCRIPTOR_SETS)).orElse("").split(",")) {
      if (!path.isBlank()) {
        descriptorSets.add(Path.of(path.strip()));
      }
    }
    Optional<Path> lock = Optional.ofNullable(options.get(LOCK)).filter(p -> !p.isBlank())
        .map(p -> Path.of(p.strip()));
    String update = Optional.ofNullable(options.get(LOCK_UPDATE)).orElse("false").strip();
    boolean statistics = Boolean.parseBoolean(Optional.ofNullable(options.get(STATISTICS))
        .orElse("false").strip());
    String set = Optional.ofNullable(options.get(CONTRACT_SET)).orElse(DEFAULT_CONTRACT_SET);
    String runtimeText = Optional.ofNullable(options.get(RUST_RUNTIME)).orElse("embedded").strip();
    RustEmitter.Runtime runtime = switch (runtimeText) {
      case "embedded", "" -> RustEmitter.Runtime.EMBEDDED;
      case "shared" -> RustEmitter.Runtime.SHARED;
      default -> null;
    };
    if (runtime == null) {
      return new ProcessorOptionsOrProblem(new ProcessorOptions(set, descriptorSets, lock, false,
          statistics, RustEmitter.Runtime.EMBEDDED), "-A" + RUST_RUNTIME + "=" + runtimeText
          + " is not embedded or shared");
    }
    if (!set.matches("[a-z][a-z0-9_]*")) {
      return new ProcessorOptionsOrProblem(
          new ProcessorOptions(DEFAULT_CONTRACT_SET, descriptorSets, lock, false, statistics,
              runtime),
          "-A" + CONTRACT_SET + "=" + set + " is not a valid contract set name: use lower-case "
              + "letters, digits and '_', starting with a letter (it names the Rust module)");
    }
    if (!update.equals("true") && !update.equals("false") && !update.isEmpty()) {
      return new ProcessorOptionsOrProblem(new ProcessorOptions(set, descriptorSets, lock, false,
          statistics, runtime), "-A" + LOCK_UPDATE + "=" + update + " is not true or false");
    }
    boolean updateLock = update.equals("true");
    if (updateLock && lock.isEmpty()) {
      return new ProcessorOptionsOrProblem(new ProcessorOptions(set, descriptorSets, lock, false,
          statistics, runtime), "-A" + LOCK_UPDATE + "=true needs -A" + LOCK
          + "=<path of contracts.lock.json>");
    }
    return new ProcessorOptionsOrProblem(new ProcessorOptions(set, descriptorSets, lock,
        updateLock, statistics, runtime), null);
  }

  /** Options, and the problem with them if there was one. */
  record ProcessorOptionsOrProblem(ProcessorOptions options, String problem) {}
}
