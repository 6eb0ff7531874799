package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.session.PlanningSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Measures the main job's "build session" and "plan" phases alone, by CPU time of the thread
 * that runs them as well as by wall time, for each sample size given, in one JVM: the first size
 * pays the JVM's warm-up (class loading, JIT), the later ones show what the phases cost at that
 * size, and the heap the session's tables hold beyond the generated sample. CPU time is what a
 * busy, shared machine does not inflate (docs/benchmarks.md, section 5).
 *
 * <pre>java -cp ... io.codeanatomy.examples.pipeline.SessionPhases 4000 1000000 4000 1000000</pre>
 */
public final class SessionPhases {

  private SessionPhases() {}

  /** The heap in use after a full collection: what the live objects take. */
  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static void main(String... sizes) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.profile("default");
    for (String size : sizes) {
      int rows = Integer.parseInt(size);
      var anatomy = SemanticPipeline.anatomy(rows);
      long heap0 = usedHeapAfterGc();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      try (PlanningSession session = SemanticPipeline.session(policy, "default", anatomy)) {
        long cpu1 = threads.getCurrentThreadCpuTime();
        long wall1 = System.nanoTime();
        long heap1 = usedHeapAfterGc();
        long wall1b = System.nanoTime();
        SemanticPipeline.planOneDag(session);
        long cpu2 = threads.getCurrentThreadCpuTime();
        long wall2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "rows %9d  build session: cpu %6d ms, wall %6d ms, "
            + "heap +%5d MB  plan: cpu %6d ms, wall %6d ms%n", rows, (cpu1 - cpu0) / 1_000_000,
            (wall1 - wall0) / 1_000_000, (heap1 - heap0) >> 20, (cpu2 - cpu1) / 1_000_000,
            (wall2 - wall1b) / 1_000_000);
      }
    }
  }
}
