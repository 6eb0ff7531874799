package io.codeanatomy.processor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PhaseStatisticsTest {

  private static final Pattern PHASE = Pattern.compile("emit java ([0-9.]+) ms \\(cpu ([0-9.]+) ms\\)");

  /** Busy work whose CPU time is well above the clock's resolution. */
  private static long spin() {
    long x = 0;
    for (long i = 0; i < 300_000_000L; i++) {
      x += i ^ (x >>> 3);
    }
    return x;
  }

  @Test
  void workOnOtherThreadsCountsInThePhasesCpuTime() throws Exception {
    PhaseStatistics onCaller = new PhaseStatistics();
    Thread caller = Thread.currentThread();
    onCaller.time("emit java", () -> onCaller.onOtherThread("emit java", caller,
        PhaseStatisticsTest::spin));
    double callerCpu = cpu(onCaller.render());

    PhaseStatistics offCaller = new PhaseStatistics();
    offCaller.time("emit java", () -> CompletableFuture.supplyAsync(
        () -> offCaller.onOtherThread("emit java", caller, PhaseStatisticsTest::spin)).join());
    double offCallerCpu = cpu(offCaller.render());

    // Without onOtherThread the second phase would show the caller's idle wait: about 0 ms.
    assertTrue(callerCpu > 0, onCaller.render());
    assertTrue(offCallerCpu > 0, offCaller.render());
  }

  @Test
  void rendersEveryPhaseAndTheRounds() {
    PhaseStatistics statistics = new PhaseStatistics();
    statistics.round();
    statistics.time("read", () -> { });
    assertTrue(statistics.render().startsWith("codeanatomy statistics: read "),
        statistics.render());
    assertTrue(statistics.render().endsWith("(1 round)"), statistics.render());
    assertEquals(-1, statistics.render().indexOf("emit java"));
  }

  private static double cpu(String rendered) {
    Matcher m = PHASE.matcher(rendered);
    assertTrue(m.find(), rendered);
    return Double.parseDouble(m.group(2));
  }
}
