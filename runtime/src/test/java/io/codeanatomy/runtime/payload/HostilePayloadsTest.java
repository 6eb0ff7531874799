package io.codeanatomy.runtime.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.codeanatomy.contracts.proto.options.Payload;
import io.codeanatomy.contracts.relspec.CacheDiagnostics;
import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.CacheStats;
import io.codeanatomy.contracts.relspec.CalibrationBounds;
import io.codeanatomy.contracts.relspec.CalibrationMode;
import io.codeanatomy.contracts.relspec.CalibrationResult;
import io.codeanatomy.contracts.relspec.CalibrationThresholds;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.DeltaInput;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.PlanFingerprint;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.runtime.relspec.Calibration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Input a hostile writer could hand a reader: every one is refused with a PayloadException that
 * names the contract, the field where there is one, and the problem; never another exception.
 */
class HostilePayloadsTest {

  private static final String H = "ab".repeat(32);

  private final ProtoPayloads<ExecutionPackage> packages = ProtoPayloads.of(ExecutionPackage.class);
  private final ProtoPayloads<PlanFingerprint> fingerprints =
      ProtoPayloads.of(PlanFingerprint.class);
  private final RecordPayloads<CalibrationResult> calibrations =
      RecordPayloads.of(CalibrationResult.class);

  private static ExecutionPackage pkg() {
    return ExecutionPackage.newBuilder()
        .setManifestHash(H)
        .putPlanBundleFingerprints("call_graph", H)
        .setCreatedAtUnixMs(1_767_225_600_000L)
        .setCacheDiagnostics(CacheDiagnostics.newBuilder()
            .addCaches(CacheStats.newBuilder().setCache(CacheKind.PLAN).setHits(3)))
        .build();
  }

  private static CalibrationResult calibration() {
    return Calibration.calibrate(CalibrationMode.WARN, CalibrationThresholds.DEFAULTS,
        CalibrationBounds.DEFAULTS, 10, 4);
  }

  private static String edit(String json, String from, String to) {
    assertTrue(json.contains(from), from + " in " + json);
    return json.replaceFirst(java.util.regex.Pattern.quote(from),
        java.util.regex.Matcher.quoteReplacement(to));
  }

  /** Reading {@code input} fails with a PayloadException (not anything else) naming the field. */
  private static PayloadException refused(Function<String, ?> reader, String input,
      String field, String problem) {
    PayloadException e = assertThrows(PayloadException.class, () -> reader.apply(input));
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    return e;
  }

  @Test
  void jsonNestedTenThousandDeepIsRefusedNamingTheLimit() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String inPayload = edit(packages.toJson(pkg()), "\"manifest_hash\": \"" + H + "\"",
        "\"manifest_hash\": " + deep);
    for (String input : new String[] {deep, inPayload}) {
      PayloadException e = refused(packages::fromJson, input, null, "over a reading limit");
      assertTrue(e.getMessage().startsWith("cannot read execution_package: over a reading limit"),
          e.getMessage());
      refused(calibrations::fromJson, input, null, "nesting depth");
      refused(Payloads::contractOf, input, null, "nesting depth");
    }
  }

  @Test
  void aFiftyMegabyteStringIsRefusedNamingTheLimit() {
    String huge = "x".repeat(50_000_000);
    String json = edit(packages.toJson(pkg()), "\"manifest_hash\": \"" + H + "\"",
        "\"manifest_hash\": \"" + huge + "\"");
    refused(packages::fromJson, json, null, "over a reading limit");
    String record = edit(calibrations.toJson(calibration()), "\"mode\": \"warn\"",
        "\"mode\": \"" + huge + "\"");
    refused(calibrations::fromJson, record, null, "over a reading limit");
  }

  @Test
  void aWriterRefusesWhatItsReadersWouldRefuse() {
    String long9m = "w".repeat(ReadLimits.MAX_STRING_LENGTH + 1);
    CompiledExecutionPolicy policy = new CompiledExecutionPolicy(ValidationMode.WARN, long9m,
        Map.of(), "", "", "", "", "");
    PayloadException e = assertThrows(PayloadException.class,
        () -> RecordPayloads.of(CompiledExecutionPolicy.class).toJson(policy));
    assertTrue(e.getMessage().contains("cannot write a payload that its readers refuse"),
        e.getMessage());
    PayloadException proto = assertThrows(PayloadException.class, () -> packages.toJson(
        pkg().toBuilder().putPlanBundleFingerprints(long9m, H).build()));
    assertTrue(proto.getMessage().contains("cannot write a payload that its readers refuse"),
        proto.getMessage());
    // A proto value with a malformed hash was written unchecked before; now it is refused.
    PayloadException invalid = assertThrows(PayloadException.class,
        () -> fingerprints.toJson(PlanFingerprint.newBuilder().setSubstraitHash("00").build()));
    assertEquals("substrait_hash", invalid.field());
    assertThrows(PayloadException.class,
        () -> fingerprints.toBinary(PlanFingerprint.newBuilder().setSubstraitHash("00").build()));
  }

  @Test
  void aNumberBeyondTheRangeOfADoubleIsRefusedAsTheWriterRefusesInfinity() {
    String json = calibrations.toJson(calibration());
    String infinite = edit(json, "\"cost_ratio\": 2.5", "\"cost_ratio\": 1e400");
    refused(calibrations::fromJson, infinite, "cost_ratio", "finite");
    refused(calibrations::fromJson, edit(json, "\"cost_ratio\": 2.5", "\"cost_ratio\": -1e400"),
        "cost_ratio", "finite");
  }

  @Test
  void aMissingListOrMapIsAnErrorAsTheDocsSayNotAnEmptyOne() {
    String json = packages.toJson(pkg());
    String noMap = edit(json, "\"plan_bundle_fingerprints\": {\n      \"call_graph\": \"" + H
        + "\"\n    },", "");
    refused(packages::fromJson, noMap, "plan_bundle_fingerprints", "missing");
    String noCaches = edit(json, "\"caches\": [", "\"caches_gone\": [");
    // cache_diagnostics is forward compatible only at its own top level: nested, it is strict.
    refused(packages::fromJson, noCaches, "cache_diagnostics.caches_gone", "unknown field");
    String fingerprint = fingerprints.toJson(PlanFingerprint.newBuilder().setSubstraitHash(H)
        .addDeltaInputs(DeltaInput.newBuilder().setDataset("FILES").setVersion(1)).build());
    String noList = fingerprint.replaceAll("(?s)\"delta_inputs\": \\[.*?\\]\n", "")
        .replace("\"required_rewrite_tags\": [ ],", "\"required_rewrite_tags\": [ ]");
    refused(fingerprints::fromJson, noList, "delta_inputs", "missing");
    String record = calibrations.toJson(calibration());
    refused(calibrations::fromJson, edit(record, ",\n    \"clamped\": [ ]", ""), "clamped",
        "missing");
  }

  @Test
  void anInt64BeyondItsRangeNamesTheField() {
    String json = packages.toJson(pkg());
    String created = "\"created_at_unix_ms\": \"1767225600000\"";
    refused(packages::fromJson, edit(json, created, "\"created_at_unix_ms\": \"9999999999999999999\""),
        "created_at_unix_ms", "out of its range");
    refused(packages::fromJson, edit(json, created, "\"created_at_unix_ms\": 9223372036854775808"),
        "created_at_unix_ms", "out of its range");
    refused(packages::fromJson, edit(json, created, "\"created_at_unix_ms\": \"12e3\""),
        "created_at_unix_ms", "expected an int64");
    refused(packages::fromJson, edit(json, "\"hits\": \"3\"", "\"hits\": \"-9223372036854775809\""),
        "cache_diagnostics.caches[0].hits", "out of its range");
  }

  @Test
  void invalidUtf8IsRefusedInJsonBytesAndInBinaryStrings() {
    byte[] json = packages.toJson(pkg()).getBytes(StandardCharsets.UTF_8);
    byte[] broken = json.clone();
    int at = new String(json, StandardCharsets.UTF_8).indexOf("call_graph");
    broken[at] = (byte) 0xC3; // a two-byte lead followed by an ASCII byte: malformed
    PayloadException e = assertThrows(PayloadException.class, () -> packages.fromJson(broken));
    assertTrue(e.getMessage().contains("not UTF-8: a malformed byte sequence at byte " + at),
        e.getMessage());
    // The lenient decoder would have read it as U+FFFD and the payload as another one.
    assertEquals(pkg(), packages.fromJson(json).value());

    byte[] binary = packages.toBinary(pkg());
    int name = indexOf(binary, "call_graph".getBytes(StandardCharsets.UTF_8));
    binary[name] = (byte) 0xFF;
    PayloadException bin = assertThrows(PayloadException.class, () -> packages.fromBinary(binary));
    assertTrue(bin.getMessage().contains("invalid UTF-8"), bin.getMessage());
  }

  @Test
  void anUnpairedSurrogateIsRefusedNamingTheField() {
    String json = packages.toJson(pkg());
    refused(packages::fromJson, edit(json, "\"call_graph\"", "\"call\\ud800graph\""),
        "plan_bundle_fingerprints", "an unpaired surrogate \\ud800 at character 4 of a key");
    String record = calibrations.toJson(calibration());
    refused(calibrations::fromJson, edit(record, "\"clamped\": [ ]", "\"clamped\": [\"\\udc00\"]"),
        "clamped[0]", "unpaired surrogate");
  }

  @Test
  void anEnumNumberThisBuildDoesNotKnowIsRefusedNotHashedLater() throws Exception {
    String json = packages.toJson(pkg());
    refused(packages::fromJson, edit(json, "\"cache\": \"PLAN\"", "\"cache\": 99"),
        "cache_diagnostics.caches[0].cache", "expected one of");
    // The same number in binary: protobuf keeps it as an unrecognized value, which cannot hash.
    ExecutionPackage unknown = pkg().toBuilder().setCacheDiagnostics(CacheDiagnostics.newBuilder()
        .addCaches(CacheStats.newBuilder().setCacheValue(99))).build();
    byte[] body = ProtoPayloads.deterministicBytes(unknown);
    byte[] binary = ProtoPayloads.deterministicBytes(Payload.parseFrom(packages.toBinary(pkg()))
        .toBuilder().setBody(ByteString.copyFrom(body)).build());
    PayloadException e = assertThrows(PayloadException.class, () -> packages.fromBinary(binary));
    assertEquals("cache_diagnostics.caches[0].cache", e.field());
    assertTrue(e.getMessage().contains("enum number 99"), e.getMessage());
    // Nor is such a value written: its JSON would carry a number no reader takes.
    assertThrows(PayloadException.class, () -> packages.toJson(unknown));
  }

  @Test
  void binaryNestedBeyondTheDepthLimitAndTrailingBytesAreRefused() throws Exception {
    // Field 11 (cache_diagnostics) opened 10,000 times: a length-delimited message in itself.
    byte[] nested = new byte[0];
    for (int i = 0; i < 10_000; i++) {
      byte[] outer = new byte[nested.length + 6];
      com.google.protobuf.CodedOutputStream out =
          com.google.protobuf.CodedOutputStream.newInstance(outer);
      out.writeByteArray(10, nested);
      nested = java.util.Arrays.copyOf(outer, outer.length - out.spaceLeft());
    }
    byte[] body = nested;
    byte[] binary = ProtoPayloads.deterministicBytes(Payload.parseFrom(packages.toBinary(pkg()))
        .toBuilder().setBody(ByteString.copyFrom(body)).build());
    PayloadException deep = assertThrows(PayloadException.class,
        () -> packages.fromBinary(binary));
    assertTrue(deep.getMessage().contains("truncated or corrupt"), deep.getMessage());
    // An end-group tag stops a stream parser early; the bytes after it are not ignored.
    byte[] written = packages.toBinary(pkg());
    byte[] trailing = java.util.Arrays.copyOf(written, written.length + 3);
    trailing[written.length] = 0x0C; // end group, field 1
    trailing[written.length + 1] = 0x08;
    trailing[written.length + 2] = 0x01;
    PayloadException tail = assertThrows(PayloadException.class,
        () -> packages.fromBinary(trailing));
    assertTrue(tail.getMessage().contains("not a binary payload"), tail.getMessage());
    assertArrayEquals(written, packages.toBinary(packages.fromBinary(written)));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
