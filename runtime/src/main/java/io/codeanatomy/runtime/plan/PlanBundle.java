package io.codeanatomy.runtime.plan;

import com.google.protobuf.ByteString;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.runtime.rules.RuleDelta;
import java.util.List;
import java.util.Objects;
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
