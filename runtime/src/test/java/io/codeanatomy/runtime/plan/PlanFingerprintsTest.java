package io.codeanatomy.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.canonical.Sha256;
import io.codeanatomy.contracts.relspec.DeltaInput;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.support.ContractViolationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlanFingerprintsTest {

  private static final byte[] PLAN = "substrait plan bytes".getBytes(StandardCharsets.UTF_8);
  private static final String H = "c".repeat(64);

  private static PlanFingerprint.Builder inputs() {
    return PlanFingerprint.newBuilder()
        .setSettingsHash(H)
        .addRequiredUdfs("stable_hash64")
        .addRequiredUdfs("span_overlaps")
        .addDeltaInputs(DeltaInput.newBuilder().setDataset("orders").setVersion(3))
        .addDeltaInputs(DeltaInput.newBuilder().setDataset("lineitem").setVersion(7));
  }

  @Test
  void theSubstraitHashIsTheSha256OfThePlan() {
    PlanFingerprint fingerprint = PlanFingerprints.of(PLAN, inputs().build());
    assertEquals(Sha256.hex(PLAN), fingerprint.getSubstraitHash());
    assertEquals(64, PlanFingerprints.hash(fingerprint).length());
  }

  @Test
  void emptySubstraitBytesHaveNoIdentity() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> PlanFingerprints.of(new byte[0], inputs().build()));
    assertTrue(empty.getMessage().contains("0 bytes"), empty.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> PlanFingerprints.of(null, inputs().build()));
    assertTrue(none.getMessage().contains("none"), none.getMessage());
  }

  @Test
  void bagsInAnyOrderGiveOneFingerprint() {
    PlanFingerprint reordered = inputs().clearRequiredUdfs().clearDeltaInputs()
        .addRequiredUdfs("span_overlaps")
        .addRequiredUdfs("stable_hash64")
        .addDeltaInputs(DeltaInput.newBuilder().setDataset("lineitem").setVersion(7))
        .addDeltaInputs(DeltaInput.newBuilder().setDataset("orders").setVersion(3))
        .build();
    assertEquals(PlanFingerprints.hash(PlanFingerprints.of(PLAN, inputs().build())),
        PlanFingerprints.hash(PlanFingerprints.of(PLAN, reordered)));
  }

  @Test
  void anotherPlanOrAnotherInputIsAnotherFingerprint() {
    String base = PlanFingerprints.hash(PlanFingerprints.of(PLAN, inputs().build()));
    assertNotEquals(base, PlanFingerprints.hash(PlanFingerprints.of(new byte[] {1},
        inputs().build())));
    assertNotEquals(base, PlanFingerprints.hash(PlanFingerprints.of(PLAN,
        inputs().setDeltaStorePolicyHash(H).build())));
  }

  @Test
  void malformedInputHashesAreRefusedByName() {
    ContractViolationException e = assertThrows(ContractViolationException.class,
        () -> PlanFingerprints.of(PLAN, inputs().setSettingsHash(H.substring(1)).build()));
    assertTrue(e.getMessage().contains("settings_hash"), e.getMessage());
    // Present but empty: delta_store_policy_hash is absent (nil) or a digest, never "".
    ContractViolationException empty = assertThrows(ContractViolationException.class,
        () -> PlanFingerprints.of(PLAN, inputs().setDeltaStorePolicyHash("").build()));
    assertTrue(empty.getMessage().contains("delta_store_policy_hash"), empty.getMessage());
  }
}
