package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanFingerprintContract;
import io.codeanatomy.contracts.support.ContractViolationException;
import io.codeanatomy.contracts.support.Violation;
import java.util.List;

/**
 * Plan fingerprints: the portable identity of a plan, over the SHA-256 of its Substrait bytes and
 * the hashes of everything that shaped it. With {@link PlanIdentities}, the project's only
 * fingerprint pathway (an architecture test keeps it so).
 */
public final class PlanFingerprints {

  private PlanFingerprints() {}

  /**
   * The fingerprint inputs of a plan: {@code inputs} with {@code substrait_hash} set from the
   * plan's Substrait bytes.
   *
   * @throws IllegalArgumentException when {@code substraitPlan} is empty: a plan without Substrait
   *     bytes has no portable identity
   * @throws ContractViolationException naming every other hash that is not a SHA-256 digest
   */
  public static PlanFingerprint of(byte[] substraitPlan, PlanFingerprint inputs) {
    if (substraitPlan == null || substraitPlan.length == 0) {
      throw new IllegalArgumentException("a plan fingerprint needs the plan's Substrait bytes, "
          + "but got " + (substraitPlan == null ? "none" : "0 bytes")
          + ": convert the plan to Substrait first");
    }
    PlanFingerprint fingerprint = inputs.toBuilder()
        .setSubstraitHash(Sha256.hex(substraitPlan)).build();
    List<Violation> violations = PlanFingerprintContract.validate(fingerprint);
    if (!violations.isEmpty()) {
      throw new ContractViolationException("plan fingerprint", violations);
    }
    return fingerprint;
  }

  /** The fingerprint: the hash of the inputs. */
  public static String hash(PlanFingerprint fingerprint) {
    return PlanFingerprintContract.hash(fingerprint);
  }

  /** The plan identity's hash, as the plan cache keys it (for verifying written artifacts). */
  public static String identityHash(io.codeanatomy.contracts.relspec.PlanIdentity identity) {
    return PlanIdentities.hash(identity);
  }
}
