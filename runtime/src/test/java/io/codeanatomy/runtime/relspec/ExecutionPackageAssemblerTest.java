package io.codeanatomy.runtime.relspec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ExecutionPackageContract;
import io.codeanatomy.contracts.support.ContractViolationException;
import io.codeanatomy.runtime.payload.ProtoPayloads;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionPackageAssemblerTest {

  private static final String A = "a".repeat(64);
  private static final String B = "0123456789abcdef".repeat(4);

  private static Clock at(long millis) {
    return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static ExecutionPackage components() {
    return ExecutionPackage.newBuilder()
        .setManifestHash(A)
        .setPolicyArtifactHash(B)
        .putPlanBundleFingerprints("views.orders", A)
        .putPlanBundleFingerprints("views.lineitem", B)
        .setSessionConfigHash(B)
        .build();
  }

  @Test
  void stampsTheClockAndDerivesTheFingerprintFromTheContent() {
    ExecutionPackage sealed = new ExecutionPackageAssembler(at(1_700_000_000_123L))
        .assemble(components());
    assertEquals(1_700_000_000_123L, sealed.getCreatedAtUnixMs());
    assertEquals(ExecutionPackageContract.hash(components()), sealed.getPackageFingerprint());
    ExecutionPackage later = new ExecutionPackageAssembler(at(1_800_000_000_000L))
        .assemble(components());
    // The creation time is provenance: a later package of the same content has the same identity.
    assertEquals(sealed.getPackageFingerprint(), later.getPackageFingerprint());
    assertNotEquals(sealed.getCreatedAtUnixMs(), later.getCreatedAtUnixMs());
  }

  @Test
  void anExplicitTimeReplaysAPackageByteForByte() {
    ExecutionPackage first = new ExecutionPackageAssembler(at(1)).assemble(components(), 42L);
    ExecutionPackage replay = new ExecutionPackageAssembler(Clock.systemUTC())
        .assemble(components().toBuilder().clearPlanBundleFingerprints()
            // the same views, inserted in the other order
            .putPlanBundleFingerprints("views.lineitem", B)
            .putPlanBundleFingerprints("views.orders", A)
            .build(), 42L);
    ProtoPayloads<ExecutionPackage> io = ProtoPayloads.of(ExecutionPackage.class);
    assertArrayEquals(io.toBinary(first), io.toBinary(replay));
    assertEquals(io.toJson(first), io.toJson(replay));
  }

  @Test
  void theEmptyPackageHasTheDomainFingerprint() {
    ExecutionPackage sealed = new ExecutionPackageAssembler(at(0))
        .assemble(ExecutionPackage.getDefaultInstance());
    assertEquals("bebedbd41367f862873ca48f2839a7aeda478cfcf8c59fc652817ae77b2b0263",
        sealed.getPackageFingerprint());
  }

  @Test
  void malformedComponentHashesAreRefusedByName() {
    ExecutionPackage bad = components().toBuilder()
        .setRulepackHash("ABC")
        .putPlanBundleFingerprints("views.empty", "")
        .build();
    ContractViolationException e = assertThrows(ContractViolationException.class,
        () -> new ExecutionPackageAssembler(at(0)).assemble(bad));
    String message = e.getMessage();
    assertTrue(message.contains("rulepack_hash"), message);
    // A plan fingerprint may not be empty: the map's values are HASH, not HASH_OR_EMPTY.
    assertTrue(message.contains("plan_bundle_fingerprints"), message);
    assertEquals(2, e.violations().size(), message);
  }

  @Test
  void verifyFindsTampering() {
    ExecutionPackage sealed = new ExecutionPackageAssembler(at(5)).assemble(components());
    assertEquals(List.of(), ExecutionPackageAssembler.verify(sealed));
    ExecutionPackage tampered = sealed.toBuilder().setRulepackHash(B).build();
    List<String> problems = ExecutionPackageAssembler.verify(tampered);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("package_fingerprint: recorded "
        + sealed.getPackageFingerprint()), problems.get(0));
    // Provenance may change without breaking the seal.
    assertEquals(List.of(), ExecutionPackageAssembler.verify(
        sealed.toBuilder().setCreatedAtUnixMs(99).build()));
  }
}
