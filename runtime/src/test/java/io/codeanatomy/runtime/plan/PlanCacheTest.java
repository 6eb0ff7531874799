package io.codeanatomy.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan cache's bounds: plans and the requests that lead to them share the byte limit. */
class PlanCacheTest {

  private static PlanBundle bundle(String identity) {
    return new PlanBundle(identity, "plan", "plan", "plan", ByteString.copyFromUtf8("substrait"),
        PlanFingerprint.getDefaultInstance(), "f-" + identity, PlanIdentity.getDefaultInstance(),
        identity, List.of(), CacheDiagnostics.getDefaultInstance(), false, null);
  }

  private static PlanCache.Request request(String text) {
    return new PlanCache.Request("sql", "q", text, "rulepack", false);
  }

  @Test
  void manyTextsOfOnePlanAreForgottenOldestFirstWithinTheLimit() {
    PlanCache cache = new PlanCache(10_000, Clock.systemUTC());
    PlanBundle plan = bundle("one");
    // 100 distinct texts of 500 characters (with spaces, say) that all plan to the same plan.
    for (int i = 0; i < 100; i++) {
      cache.put(request(String.format("%-500d", i)), plan);
    }
    assertNull(cache.lookup(request(String.format("%-500d", 0)), 0, table -> 0));
    assertNotNull(cache.lookup(request(String.format("%-500d", 99)), 0, table -> 0));
    int remembered = 0;
    for (int i = 0; i < 100; i++) {
      if (cache.lookup(request(String.format("%-500d", i)), 0, table -> 0) != null) {
        remembered++;
      }
    }
    // 10,000 bytes hold the plan (21 bytes) and 19 requests of 501 (name and text).
    assertEquals(19, remembered);
    assertEquals(1, cache.diagnostics().getCaches(0).getEntries());
  }

  @Test
  void theNewestRequestIsKeptEvenWhenItAloneIsOverTheLimit() {
    PlanCache cache = new PlanCache(100, Clock.systemUTC());
    PlanCache.Request big = request("x".repeat(1_000));
    cache.put(big, bundle("big"));
    assertNotNull(cache.lookup(big, 0, table -> 0));
  }
}
