package io.codeanatomy.processor.report;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the processor's time goes, by phase, over all rounds: what {@code
 * -Acodeanatomy.statistics=true} prints as a note. Each phase's wall time ({@link
 * System#nanoTime}) and the processor thread's CPU time are summed; the CPU time stays meaningful
 * on a busy machine. A phase that never ran is not listed.
 */
public final class PhaseStatistics {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private final Map<String, Long> cpuNanos = new LinkedHashMap<>();
  private int rounds;

  /** Runs {@code work} and adds its time to {@code phase}. */
  public <T> T time(String phase, Supplier<T> work) {
    long start = System.nanoTime();
    long cpu = cpuTime();
    try {
      return work.get();
    } finally {
      nanos.merge(phase, System.nanoTime() - start, Long::sum);
      cpuNanos.merge(phase, cpuTime() - cpu, Long::sum);
    }
  }

  private static long cpuTime() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
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

  /**
   * {@code codeanatomy statistics: read 12.3 ms (cpu 10.1 ms), checks 1.0 ms (cpu 0.9 ms), ...
   * (3 rounds)}.
   */
  public String render() {
    StringBuilder text = new StringBuilder("codeanatomy statistics:");
    nanos.forEach((phase, total) -> text.append(String.format(Locale.ROOT,
        " %s %.1f ms (cpu %.1f ms),", phase, total / 1e6, cpuNanos.get(phase) / 1e6)));
    return text.append(' ').append('(').append(rounds).append(rounds == 1 ? " round)" : " rounds)")
        .toString();
  }
}
