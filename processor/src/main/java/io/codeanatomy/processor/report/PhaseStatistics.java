package io.codeanatomy.processor.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the processor's time goes, by phase, over all rounds: what {@code
 * -Acodeanatomy.statistics=true} prints as a note. Phases are timed with {@link System#nanoTime}
 * and summed; a phase that never ran is not listed.
 */
public final class PhaseStatistics {

  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private int rounds;

  /** Runs {@code work} and adds its time to {@code phase}. */
  public <T> T time(String phase, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.merge(phase, System.nanoTime() - start, Long::sum);
    }
  }

  public void time(String phase, Runnable work) {
    time(phase, () -> {
      work.run();
      return null;
    });
  }

  public void round() {
    rounds++;
  }

  /** {@code codeanatomy statistics: read 12.3 ms, checks 1.0 ms, ... (3 rounds)}. */
  public String render() {
    StringBuilder text = new StringBuilder("codeanatomy statistics:");
    nanos.forEach((phase, total) -> text.append(String.format(Locale.ROOT, " %s %.1f ms,",
        phase, total / 1e6)));
    return text.append(' ').append('(').append(rounds).append(rounds == 1 ? " round)" : " rounds)")
        .toString();
  }
}
