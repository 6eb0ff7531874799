package io.codeanatomy.processor.report;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where the processor's time goes, by phase, over all rounds: what {@code
 * -Acodeanatomy.statistics=true} prints as a note. Each phase's wall time ({@link
 * System#nanoTime}) and its CPU time are summed: the processor thread's, plus what the phase ran
 * on other threads ({@link #onOtherThread}); the CPU time stays meaningful on a busy machine. A
 * phase that never ran is not listed.
 *
 * <p>{@link #time} is called on javac's thread only; {@link #onOtherThread} from any thread.
 */
public final class PhaseStatistics {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<String, Long> nanos = new LinkedHashMap<>();
  private final Map<String, Long> cpuNanos = new LinkedHashMap<>();
  private final Map<String, LongAdder> otherThreadsCpuNanos = new ConcurrentHashMap<>();
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

  /**
   * Runs {@code work}, part of {@code phase}, and adds its CPU time to the phase when it runs on a
   * thread other than {@code caller} (the caller's own CPU time is counted by {@link #time}).
   */
  public <T> T onOtherThread(String phase, Thread caller, Supplier<T> work) {
    if (Thread.currentThread() == caller) {
      return work.get();
    }
    long cpu = cpuTime();
    try {
      return work.get();
    } finally {
      otherThreadsCpuNanos.computeIfAbsent(phase, p -> new LongAdder()).add(cpuTime() - cpu);
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

  /**
   * {@code codeanatomy statistics: read 12.3 ms (cpu 10.1 ms), checks 1.0 ms (cpu 0.9 ms), ...
   * (3 rounds)}.
   */
  public String render() {
    StringBuilder text = new StringBuilder("codeanatomy statistics:");
    nanos.forEach((phase, total) -> text.append(String.format(Locale.ROOT,
        " %s %.1f ms (cpu %.1f ms),", phase, total / 1e6, (cpuNanos.get(phase)
            + otherThreadsCpuNanos.getOrDefault(phase, new LongAdder()).sum()) / 1e6)));
    return text.append(' ').append('(').append(rounds).append(rounds == 1 ? " round)" : " rounds)")
        .toString();
  }
}
