package io.codeanatomy.processor.diagnostics;

import io.codeanatomy.processor.model.Origin;
import java.util.ArrayList;
import java.util.List;

/** Collects problems across the reader and every check, so that all are reported in one run. */
public final class Problems {

  private final List<Problem> problems = new ArrayList<>();

  public void report(DiagnosticCode code, Origin origin, String message) {
    problems.add(new Problem(code, origin, message));
  }

  public void addAll(List<Problem> more) {
    problems.addAll(more);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Returns the problems so far and forgets them. */
  public List<Problem> drain() {
    List<Problem> drained = List.copyOf(problems);
    problems.clear();
    return drained;
  }

  public List<Problem> list() {
    return List.copyOf(problems);
  }
}
