package io.codeanatomy.processor;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code -A} options the processor reads. */
record ProcessorOptions(String contractSet) {

  /** {@code -Acodeanatomy.contractSet=core}: names the manifest's contract set and Rust module. */
  static final String CONTRACT_SET = "codeanatomy.contractSet";

  static final Set<String> ALL = Set.of(CONTRACT_SET);

  static final String DEFAULT_CONTRACT_SET = "contracts";

  /** Reads the options; a bad value gives the problem text instead. */
  static ProcessorOptionsOrProblem parse(Map<String, String> options) {
    String set = Optional.ofNullable(options.get(CONTRACT_SET)).orElse(DEFAULT_CONTRACT_SET);
    if (!set.matches("[a-z][a-z0-9_]*")) {
      return new ProcessorOptionsOrProblem(new ProcessorOptions(DEFAULT_CONTRACT_SET),
          "-A" + CONTRACT_SET + "=" + set + " is not a valid contract set name: use lower-case "
              + "letters, digits and '_', starting with a letter (it names the Rust module)");
    }
    return new ProcessorOptionsOrProblem(new ProcessorOptions(set), null);
  }

  /** Options, and the problem with them if there was one. */
  record ProcessorOptionsOrProblem(ProcessorOptions options, String problem) {}
}
