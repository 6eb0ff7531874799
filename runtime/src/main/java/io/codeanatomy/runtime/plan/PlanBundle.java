package io.codeanatomy.runtime.plan;

import com.google.protobuf.ByteString;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.runtime.rules.RuleDelta;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableRel;

/**
 * Everything planning one query produced: the plans as text (no per-run ids), the portable
 * Substrait bytes, the fingerprint inputs and identity with their hashes, the per-rule deltas
 * (when the session records them), and the cache diagnostics at the time (provenance: outside
 * every hash).
 *
 * @param name the query's name (a file name, a view name) or its SQL
 * @param unoptimizedPlan the logical plan as SQL-to-rel produced it
 * @param optimizedPlan the logical plan after the analyzer and the logical rules
 * @param physicalPlan the Enumerable plan
 * @param substraitBytes the Substrait bytes of the unoptimized plan (as the SQL means it),
 *     normalized; immutable, so that the plan cache hands a bundle out again without copying
 *     them (a TPC-DS plan is tens of kilobytes)
 * @param fingerprint the fingerprint inputs ({@code substrait_hash} among them)
 * @param fingerprintHash the plan fingerprint: the portable identity of the plan
 * @param identity the plan identity inputs
 * @param identityHash the plan identity: the key of the plan cache
 * @param ruleDeltas what each rule did, when the session records it; else empty
 * @param cacheDiagnostics the plan cache's counters when this bundle was returned
 * @param fromCache whether the bundle came from the plan cache
 * @param executable the physical plan; shared by every thread the plan cache hands the bundle
 *     to, so work on it beyond reading its row type goes through {@link #withPhysicalPlan}
 */
public record PlanBundle(
    String name,
    String unoptimizedPlan,
    String optimizedPlan,
    String physicalPlan,
    ByteString substraitBytes,
    PlanFingerprint fingerprint,
    String fingerprintHash,
    PlanIdentity identity,
    String identityHash,
    List<RuleDelta> ruleDeltas,
    CacheDiagnostics cacheDiagnostics,
    boolean fromCache,
    EnumerableRel executable) {

  public PlanBundle {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(substraitBytes, "substraitBytes");
    ruleDeltas = List.copyOf(ruleDeltas);
  }

  /**
   * Runs {@code work} on the physical plan while no other thread works on it. The plan cache
   * hands one bundle to every thread that plans the same query, and Calcite's state behind a plan
   * (its cluster's metadata query, which caches and detects cycles per call, and its type
   * factory, which names the record types generated code declares) is not thread-safe: two
   * threads that compiled or queried one plan at once failed with CyclicMetadataException,
   * ClassFormatError or "Unable to implement". Everything that touches {@link #executable()}
   * beyond its row type goes through here: execution compiles the plan inside it, and so must a
   * metadata query ({@code plan.getCluster().getMetadataQuery()}).
   *
   * @throws IllegalStateException when the bundle has no physical plan
   */
  public <T> T withPhysicalPlan(Function<EnumerableRel, T> work) {
    if (executable == null) {
      throw new IllegalStateException(name + " has no physical plan");
    }
    // The cluster is the lock: every node of the plan shares it, and with it the state above.
    synchronized (executable.getCluster()) {
      return work.apply(executable);
    }
  }

  /** The Substrait bytes, a copy. */
  public byte[] substrait() {
    return substraitBytes.toByteArray();
  }

  /** The same bundle as the plan cache hands it out: with its counters, fresh or from cache. */
  PlanBundle served(CacheDiagnostics diagnostics, boolean cached) {
    return new PlanBundle(name, unoptimizedPlan, optimizedPlan, physicalPlan, substraitBytes,
        fingerprint, fingerprintHash, identity, identityHash, ruleDeltas, diagnostics, cached,
        executable);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlanBundle b && identityHash.equals(b.identityHash)
        && name.equals(b.name) && substraitBytes.equals(b.substraitBytes)
        && unoptimizedPlan.equals(b.unoptimizedPlan) && optimizedPlan.equals(b.optimizedPlan)
        && physicalPlan.equals(b.physicalPlan) && ruleDeltas.equals(b.ruleDeltas);
  }

  @Override
  public int hashCode() {
    return identityHash.hashCode();
  }

  @Override
  public String toString() {
    return "PlanBundle[" + name + ", fingerprint " + fingerprintHash + ", identity "
        + identityHash + "]";
  }
}
