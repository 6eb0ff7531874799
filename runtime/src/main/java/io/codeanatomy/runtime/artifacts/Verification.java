package io.codeanatomy.runtime.artifacts;

import java.util.List;

/**
 * What verifying a run folder found.
 *
 * @param problems one line per difference, each naming the file and, where there is one, the
 *     field: {@code package.json: field rulepack_hash is ..., but ...}; empty when every value that
 *     can be recomputed from the artifacts matches
 * @param unchecked one line per value the artifacts cannot confirm (they hold no input to
 *     recompute it from), naming the file, the fields and why: what "intact" does not cover
 */
public record Verification(List<String> problems, List<String> unchecked) {

  public Verification {
    problems = List.copyOf(problems);
    unchecked = List.copyOf(unchecked);
  }

  /** No problem: every value that can be recomputed matches. */
  public boolean intact() {
    return problems.isEmpty();
  }
}
