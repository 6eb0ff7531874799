package io.codeanatomy.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.exec.TpchData;
import io.codeanatomy.runtime.plan.PlanBundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One session shared by 8 threads that plan and execute at once, the plan cache shared: every
 * plan and every result is the one a single thread gets. Each test releases the threads together
 * at the moments that failed before (a bundle the cache hands to every thread, compiled by all of
 * them at once; plans of one query made by all of them at once), a fixed number of times.
 */
class SessionThreadsTest {

  private static final int THREADS = 8;

  /** TPC-H queries with filters, joins, aggregates and sorts that run on the embedded engine. */
  private static final List<String> QUERIES = List.of("01.sql", "03.sql", "05.sql", "06.sql",
      "10.sql", "12.sql", "14.sql", "19.sql");

  private static final Map<String, List<List<Object>>> DATA = TpchData.rows();

  /** What a single thread gets for a query, in a session of its own. */
  private record Outcome(String fingerprint, String identity, String physicalPlan,
      List<String> columns, List<List<Object>> rows) {

    static Outcome of(PlanBundle bundle, QueryResult result) {
      return new Outcome(bundle.fingerprintHash(), bundle.identityHash(), bundle.physicalPlan(),
          result.columns(), result.rows());
    }
  }

  private static final Map<String, Outcome> EXPECTED = new LinkedHashMap<>();
  private static final Map<String, String> SQL = new LinkedHashMap<>();
  private static ExecutorService pool;

  @BeforeAll
  static void singleThreaded() {
    for (String query : QUERIES) {
      SQL.put(query, Corpus.read(Corpus.root().resolve("tpch/queries").resolve(query)));
    }
    try (PlanningSession session = session()) {
      SQL.forEach((query, sql) -> {
        PlanBundle bundle = session.plan(query, sql);
        EXPECTED.put(query, Outcome.of(bundle, session.execute(bundle)));
      });
    }
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static PlanningSession session() {
    return Sessions.tpch(CodeAnatomyPolicyContract.profile("default"), "default", DATA);
  }

  /** Drops every cached plan, so that the next plan of each query is made afresh. */
  private static void forgetPlans(PlanningSession session) {
    DATA.keySet().forEach(table -> session.planCache().invalidate(table));
  }

  /** Runs {@code work} on every thread, released together; returns what each one returned. */
  private static <T> List<T> atOnce(List<Callable<T>> work) throws Exception {
    CyclicBarrier start = new CyclicBarrier(work.size());
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> one : work) {
      futures.add(pool.submit(() -> {
        start.await(60, TimeUnit.SECONDS);
        return one.call();
      }));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(120, TimeUnit.SECONDS));
    }
    return results;
  }

  /** Plans and executes one query; a failure is returned as its text, to be compared. */
  private static Callable<Object> planAndExecute(PlanningSession session, String query) {
    return () -> {
      try {
        PlanBundle bundle = session.plan(query, SQL.get(query));
        return Outcome.of(bundle, session.execute(bundle));
      } catch (RuntimeException | Error e) {
        return query + " failed: " + e;
      }
    };
  }

  @Test
  void aCachedBundleCompiledByEightThreadsAtOnceGivesEachTheSingleThreadedResult()
      throws Exception {
    try (PlanningSession session = session()) {
      for (int round = 0; round < 2; round++) {
        for (String query : QUERIES) {
          forgetPlans(session);
          // Planned here and never run: every thread gets this bundle from the cache and
          // compiles it, all at once.
          session.plan(query, SQL.get(query));
          List<Callable<Object>> work = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            work.add(planAndExecute(session, query));
          }
          List<Object> outcomes = atOnce(work);
          for (Object outcome : outcomes) {
            assertEquals(EXPECTED.get(query), outcome, "round " + round + ", " + query);
          }
        }
      }
    }
  }

  @Test
  void eightThreadsPlanningAtOnceMakeTheSinglethreadedPlans() throws Exception {
    try (PlanningSession session = session()) {
      for (int round = 0; round < 2; round++) {
        // Each thread plans another query, then all of them plan the same one.
        forgetPlans(session);
        List<Callable<Object>> different = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          different.add(planAndExecute(session, QUERIES.get((t + round) % QUERIES.size())));
        }
        List<Object> outcomes = atOnce(different);
        for (int t = 0; t < THREADS; t++) {
          String query = QUERIES.get((t + round) % QUERIES.size());
          assertEquals(EXPECTED.get(query), outcomes.get(t), "round " + round + ", " + query);
        }
        String query = QUERIES.get(round);
        forgetPlans(session);
        List<Callable<Object>> same = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          same.add(planAndExecute(session, query));
        }
        for (Object outcome : atOnce(same)) {
          assertEquals(EXPECTED.get(query), outcome, "round " + round + ", all on " + query);
        }
        // Eight misses of one query, eight puts of one identity: one entry.
        assertEquals(1, session.planCache().diagnostics().getCaches(0).getEntries());
      }
    }
  }
}
