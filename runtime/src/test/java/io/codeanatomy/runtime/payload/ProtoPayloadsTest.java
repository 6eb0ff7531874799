package io.codeanatomy.runtime.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.codeanatomy.contracts.proto.options.Payload;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.CacheDiagnosticsContract;
import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ExecutionPackageContract;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtoPayloadsTest {

  private static final String A = "a".repeat(64);
  private static final String B = "0123456789abcdef".repeat(4);

  private final ProtoPayloads<ExecutionPackage> packages = ProtoPayloads.of(ExecutionPackage.class);
  private final ProtoPayloads<CacheDiagnostics> diagnostics =
      ProtoPayloads.of(CacheDiagnostics.class);

  private static ExecutionPackage sample() {
    return ExecutionPackage.newBuilder()
        .setManifestHash(A)
        .putPlanBundleFingerprints("views.b", B)
        .putPlanBundleFingerprints("views.a", A)
        .setRulepackHash(B)
        .setPackageFingerprint("f")
        .setCreatedAtUnixMs(1_700_000_000_000L)
        .setCacheDiagnostics(CacheDiagnostics.newBuilder()
            .addCaches(CacheStats.newBuilder().setCache(CacheKind.METADATA).setHits(3)
                .setTtlSeconds(60))
            .addCaches(CacheStats.newBuilder().setCache(CacheKind.LIST_FILES).setEntries(9))
            .setEventTimeUnixMs(5))
        .build();
  }

  /** The JSON of {@link #sample()} with one edit applied to its text. */
  private String json(String from, String to) {
    String json = packages.toJson(sample());
    assertTrue(json.contains(from), json);
    return json.replace(from, to);
  }

  @Test
  void jsonRoundTripsLosslesslyAndKeepsTheHash() {
    String json = packages.toJson(sample());
    Decoded<ExecutionPackage> read = packages.fromJson(json);
    assertEquals(sample(), read.value());
    assertEquals(Map.of(), read.unknownFields());
    assertEquals(ExecutionPackageContract.hash(sample()), ExecutionPackageContract.hash(read.value()));
    assertEquals(json, packages.toJson(read.value()));
  }

  @Test
  void jsonCarriesTheEnvelopeAndEveryField() {
    String json = packages.toJson(ExecutionPackage.getDefaultInstance());
    assertTrue(json.startsWith("{\n  \"contract\": \"execution_package\",\n  \"version\": 1,\n"
        + "  \"schemaFingerprint\": \"" + ExecutionPackageContract.SCHEMA_FINGERPRINT + "\",\n"),
        json);
    // Defaults are written, not left out, so that a reader never has to guess.
    assertTrue(json.contains("\"manifest_hash\": \"\""), json);
    assertTrue(json.contains("\"plan_bundle_fingerprints\": { }"), json);
  }

  @Test
  void jsonDoesNotDependOnMapInsertionOrder() {
    ExecutionPackage other = sample().toBuilder().clearPlanBundleFingerprints()
        .putPlanBundleFingerprints("views.a", A)
        .putPlanBundleFingerprints("views.b", B)
        .build();
    assertEquals(packages.toJson(sample()), packages.toJson(other));
    assertArrayEquals(packages.toBinary(sample()), packages.toBinary(other));
  }

  @Test
  void binaryRoundTripsLosslessly() {
    byte[] bytes = packages.toBinary(sample());
    assertEquals(sample(), packages.fromBinary(bytes));
  }

  @Test
  void truncatedBinaryIsRefused() {
    byte[] bytes = packages.toBinary(sample());
    PayloadException e = assertThrows(PayloadException.class,
        () -> packages.fromBinary(Arrays.copyOf(bytes, bytes.length - 7)));
    assertTrue(e.getMessage().startsWith("cannot read execution_package: "), e.getMessage());
    assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    PayloadException garbage = assertThrows(PayloadException.class,
        () -> packages.fromBinary(new byte[] {1, 2, 3}));
    assertTrue(garbage.getMessage().contains("not a binary payload"), garbage.getMessage());
  }

  @Test
  void binaryOfAnotherContractIsRefusedNamingBoth() {
    byte[] plan = ProtoPayloads.of(PlanFingerprint.class).toBinary(
        PlanFingerprint.newBuilder().setSubstraitHash(A).build());
    ContractVersionException e = assertThrows(ContractVersionException.class,
        () -> packages.fromBinary(plan));
    assertTrue(e.expected().startsWith("execution_package version 1"), e.expected());
    assertTrue(e.actual().startsWith("plan_fingerprint version 1"), e.actual());
  }

  @Test
  void binaryOfAnotherVersionIsRefused() throws Exception {
    Payload envelope = Payload.parseFrom(packages.toBinary(sample()));
    byte[] newer = envelope.toBuilder().setVersion(2).build().toByteArray();
    ContractVersionException e = assertThrows(ContractVersionException.class,
        () -> packages.fromBinary(newer));
    assertTrue(e.getMessage().contains("this build reads execution_package version 1"),
        e.getMessage());
    assertTrue(e.getMessage().contains("the payload is execution_package version 2"),
        e.getMessage());
  }

  @Test
  void strictContractsRefuseUnknownBinaryFields() throws Exception {
    Payload envelope = Payload.parseFrom(packages.toBinary(sample()));
    ByteString withExtra = sample().toBuilder()
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build().toByteString();
    byte[] bytes = envelope.toBuilder().setBody(withExtra).build().toByteArray();
    PayloadException e = assertThrows(PayloadException.class, () -> packages.fromBinary(bytes));
    assertEquals("#99", e.field());
  }

  @Test
  void forwardCompatibleContractsKeepUnknownBinaryFields() throws Exception {
    CacheDiagnostics value = CacheDiagnostics.newBuilder().setEventTimeUnixMs(1).build();
    Payload envelope = Payload.parseFrom(diagnostics.toBinary(value));
    CacheDiagnostics newer = value.toBuilder()
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build();
    byte[] bytes = envelope.toBuilder().setBody(newer.toByteString()).build().toByteArray();
    CacheDiagnostics read = diagnostics.fromBinary(bytes);
    assertEquals(newer, read);
    // Kept, and written back unchanged.
    assertEquals(newer.toByteString(),
        Payload.parseFrom(diagnostics.toBinary(read)).getBody());
  }

  @Test
  void malformedJsonIsRefusedWithItsPosition() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> packages.fromJson("{\"contract\": \"execution_package\",\n  \"version\": }"));
    assertTrue(e.getMessage().startsWith("cannot read execution_package: malformed JSON at line 2"),
        e.getMessage());
  }

  @Test
  void wrongJsonTypesAreRefusedByField() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"manifest_hash\": \"" + A + "\"",
            "\"manifest_hash\": 5")));
    assertEquals("cannot read execution_package field manifest_hash: expected a string, got a "
        + "number 5", e.getMessage());
    PayloadException nested = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"hits\": \"3\"", "\"hits\": true")));
    assertEquals("cache_diagnostics.caches[0].hits", nested.field());
    PayloadException badEnum = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"METADATA\"", "\"METADATUM\"")));
    assertTrue(badEnum.getMessage().contains("expected one of CACHE_KIND_UNSPECIFIED, LIST_FILES"),
        badEnum.getMessage());
  }

  @Test
  void aHashOfTheWrongLengthIsRefused() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"rulepack_hash\": \"" + B + "\"",
            "\"rulepack_hash\": \"" + B.substring(2) + "\"")));
    assertEquals("rulepack_hash", e.field());
    assertTrue(e.getMessage().contains("64"), e.getMessage());
  }

  @Test
  void missingFieldsAreNotDefaulted() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"rulepack_hash\": \"" + B + "\",", "")));
    assertEquals("rulepack_hash", e.field());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void strictContractsRefuseUnknownJsonFields() {
    PayloadException e = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"manifest_hash\"", "\"shiny_new_field\": 1,\n"
            + "    \"manifest_hash\"")));
    assertEquals("shiny_new_field", e.field());
    assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
  }

  @Test
  void forwardCompatibleContractsKeepUnknownJsonFields() {
    String json = diagnostics.toJson(CacheDiagnostics.newBuilder().setEventTimeUnixMs(1).build());
    String newer = json.replace("\"event_time_unix_ms\"",
        "\"evictions_by_size\": {\"metadata\": 3},\n    \"event_time_unix_ms\"");
    Decoded<CacheDiagnostics> read = diagnostics.fromJson(newer);
    assertEquals(1, read.value().getEventTimeUnixMs());
    assertEquals("{\"metadata\":3}", read.unknownFields().get("evictions_by_size").toString());
    String written = diagnostics.toJson(read.value(), read.unknownFields());
    assertEquals(read.unknownFields(), diagnostics.fromJson(written).unknownFields());
    // The hash is of the known fields: an older reader and a newer writer agree on it.
    assertEquals(CacheDiagnosticsContract.hash(read.value()),
        CacheDiagnosticsContract.hash(diagnostics.fromJson(json).value()));
  }

  @Test
  void aPayloadOfAnotherContractIsRefused() {
    String plan = ProtoPayloads.of(PlanFingerprint.class).toJson(
        PlanFingerprint.newBuilder().setSubstraitHash(A).build());
    ContractVersionException e = assertThrows(ContractVersionException.class,
        () -> packages.fromJson(plan));
    assertEquals("execution_package", e.contract());
    assertTrue(e.actual().startsWith("plan_fingerprint version 1"), e.actual());
  }

  @Test
  void anUnknownVersionOrSchemaIsRefused() {
    ContractVersionException version = assertThrows(ContractVersionException.class,
        () -> packages.fromJson(json("\"version\": 1", "\"version\": 7")));
    assertTrue(version.actual().startsWith("execution_package version 7"), version.actual());
    String print = ExecutionPackageContract.SCHEMA_FINGERPRINT;
    ContractVersionException schema = assertThrows(ContractVersionException.class,
        () -> packages.fromJson(json(print, "f".repeat(64))));
    assertTrue(schema.actual().endsWith("(schema ffffffffffff)"), schema.actual());
  }

  @Test
  void aPayloadWrittenBeforeACompatibleChangeOfItsVersionIsStillRead() {
    // execution_package 1 had this fingerprint before CacheKind gained PLAN (an added enum value
    // of a nested contract: compatible, so the version stayed); the lock in the contracts jar
    // records it.
    String before = json(ExecutionPackageContract.SCHEMA_FINGERPRINT,
        "1f36ef36ffefa4caf82153bcdb109a8711d889ac53235a08d6fc3c0cf0b7495e");
    assertEquals(sample(), packages.fromJson(before).value());
    ContractVersionException unknown = assertThrows(ContractVersionException.class,
        () -> packages.fromJson(json(ExecutionPackageContract.SCHEMA_FINGERPRINT,
            "2f36ef36ffefa4caf82153bcdb109a8711d889ac53235a08d6fc3c0cf0b7495e")));
    assertTrue(unknown.actual().endsWith("(schema 2f36ef36ffef)"), unknown.actual());
  }

  @Test
  void theEnvelopeIsChecked() {
    PayloadException extra = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"version\": 1", "\"version\": 1, \"signed\": true")));
    assertTrue(extra.getMessage().contains("unknown keys [signed]"), extra.getMessage());
    PayloadException array = assertThrows(PayloadException.class,
        () -> packages.fromJson("[]"));
    assertTrue(array.getMessage().contains("got an array"), array.getMessage());
    PayloadException duplicate = assertThrows(PayloadException.class,
        () -> packages.fromJson(json("\"version\": 1", "\"version\": 1, \"version\": 1")));
    assertTrue(duplicate.getMessage().contains("malformed JSON"), duplicate.getMessage());
  }
}
