package io.codeanatomy.runtime.plan;

import io.codeanatomy.contracts.relspec.DeltaInput;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.PlanIdentity;
import io.codeanatomy.contracts.relspec.PlanIdentityContract;
import java.util.List;
import java.util.SortedMap;

/**
 * Plan identities (docs/domain.md, section 3): the fingerprint plus everything about the session that
 * planned it; the key of the plan cache. With {@link PlanFingerprints}, the only place that makes
 * either (docs/plan-identity.md says what enters which).
 */
final class PlanIdentities {

  /** The plan identity payload version docs/domain.md, section 3 defines. */
  static final int VERSION = PlanIdentityContract.CONTRACT_VERSION;

  private PlanIdentities() {}

  /**
   * The fingerprint inputs of a plan, before its Substrait hash is set.
   *
   * @param requiredUdfs the user-defined functions the plan calls
   * @param udfSnapshotHash the hash of their snapshot, empty when there are none: a plan's
   *     fingerprint changes with the functions it calls, never with others the session has
   */
  static PlanFingerprint fingerprintInputs(Environment environment, List<String> requiredUdfs,
      String udfSnapshotHash, List<DeltaInput> deltaInputs) {
    return PlanFingerprint.newBuilder()
        .setSettingsHash(environment.planningSettingsHash())
        .setPlanningEnvHash(environment.planningEnvironmentHash())
        .setRulepackHash(environment.rulepackHash())
        .setInformationSchemaHash(environment.informationSchemaHash())
        .setUdfSnapshotHash(udfSnapshotHash)
        .addAllRequiredUdfs(requiredUdfs)
        .addAllDeltaInputs(deltaInputs)
        .build();
  }

  /** The identity of a fingerprinted plan in a session. */
  static PlanIdentity identity(Environment environment, PlanFingerprint fingerprint,
      String fingerprintHash, List<String> plannerNames, SortedMap<String, String> settings,
      List<String> scanUnits) {
    return PlanIdentity.newBuilder()
        .setVersion(VERSION)
        .setPlanFingerprint(fingerprintHash)
        .setUdfSnapshotHash(fingerprint.getUdfSnapshotHash())
        .setFunctionRegistryHash(environment.functionRegistryHash())
        .addAllRequiredUdfs(fingerprint.getRequiredUdfsList())
        .addAllRequiredRewriteTags(fingerprint.getRequiredRewriteTagsList())
        .addAllDomainPlannerNames(plannerNames)
        .putAllDfSettingsEntries(settings)
        .setPlanningEnvHash(environment.planningEnvironmentHash())
        .setPlanningSurfacePolicyVersion(environment.planningSurfacePolicyVersion())
        .setPlanningSurfacePolicyHash(environment.planningSurfacePolicyHash())
        .setRulepackHash(environment.rulepackHash())
        .setInformationSchemaHash(environment.informationSchemaHash())
        .addAllDeltaInputs(fingerprint.getDeltaInputsList())
        .addAllScanUnits(scanUnits)
        .setProfileSettingsHash(environment.profileSettingsHash())
        .setProfileContextKey(environment.profileName())
        .build();
  }

  static String hash(PlanIdentity identity) {
    return PlanIdentityContract.hash(identity);
  }
}
