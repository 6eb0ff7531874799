package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.codeanatomy.contracts.canonical.NonCanonicalValueException;
import io.codeanatomy.contracts.support.ContractViolationException;
import java.lang.reflect.InvocationTargetException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated hash functions of {@code @Contract} records follow the layouts of
 * docs/canonical-encoding.md section 3: the legacy execution package vector (docs/domain.md), the envelope of
 * SORTED_MAP, bags, provenance, absent values, and errors that name the field.
 */
class ContractHashingTest {

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation compilation = ContractCompiler.compile(
        ContractCompiler.source("h.ExecutionPackage", """
            package h;
            import io.codeanatomy.contracts.annotations.*;
            import java.util.Map;
            @Contract(name = "execution_package", version = 1,
                layout = Contract.Layout.ORDERED_PAIRS)
            public record ExecutionPackage(
                String manifestHash, String policyArtifactHash, String capabilitySnapshotHash,
                Map<String, String> planBundleFingerprints, String sessionConfigHash,
                String planningEnvHash, String rulepackHash, String informationSchemaHash,
                String functionRegistryHash,
                @Provenance String packageFingerprint, @Provenance long createdAtUnixMs) {}
            """),
        ContractCompiler.source("h.Point", """
            package h;
            import io.codeanatomy.contracts.annotations.*;
            import java.util.List;
            import java.util.Optional;
            @Contract(name = "point", version = 2)
            public record Point(long y, String x, @Bag List<String> tags,
                @AbsentAs(AbsentAs.Form.EMPTY_STRING) Optional<String> parent,
                Optional<String> note, double ratio) {}
            """),
        ContractCompiler.source("h.Level", """
            package h;
            public enum Level { WARN, ERROR, OFF }
            """),
        ContractCompiler.source("h.Bags", """
            package h;
            import io.codeanatomy.contracts.annotations.*;
            import java.util.List;
            @Contract(name = "bags", version = 1)
            public record Bags(@Bag List<String> words, @Bag List<Level> levels,
                @Bag List<Long> numbers) {}
            """));
    assertThat(compilation).succeededWithoutWarnings();
    loader = ContractCompiler.classLoader(compilation);
  }

  private static Object construct(String type, Object... args) throws Exception {
    Class<?> record = loader.loadClass(type);
    return record.getDeclaredConstructors()[0].newInstance(args);
  }

  private static String hash(String type, Object value) {
    return (String) ContractCompiler.callStatic(loader, type + "Contract", "hash", value);
  }

  private static String hex(String type, Object value) {
    return HexFormat.of().formatHex(
        (byte[]) ContractCompiler.callStatic(loader, type + "Contract", "canonicalBytes", value));
  }

  @Test
  void theEmptyExecutionPackageHashesToTheDomainVector() throws Exception {
    Object empty = construct("h.ExecutionPackage", "", "", "", Map.of(), "", "", "", "", "",
        "ignored", 1_700_000_000_000L);
    assertEquals("bebedbd41367f862873ca48f2839a7aeda478cfcf8c59fc652817ae77b2b0263",
        hash("h.ExecutionPackage", empty));
    Object otherProvenance = construct("h.ExecutionPackage", "", "", "", Map.of(), "", "", "",
        "", "", "x", 42L);
    assertEquals(hash("h.ExecutionPackage", empty), hash("h.ExecutionPackage", otherProvenance));
  }

  @Test
  void aProtoContractAndAnEquivalentRecordHashAlike() throws Exception {
    String digest = "0123456789abcdef".repeat(4);
    Map<String, String> views = Map.of("views.b", digest, "views.a", digest.replace('0', 'f'));
    Object record = construct("h.ExecutionPackage", digest, "", digest, views, "", digest, "",
        digest, "", "provenance differs", 7L);
    io.codeanatomy.contracts.relspec.ExecutionPackage proto =
        io.codeanatomy.contracts.relspec.ExecutionPackage.newBuilder()
            .setManifestHash(digest)
            .setCapabilitySnapshotHash(digest)
            .putPlanBundleFingerprints("views.a", digest.replace('0', 'f'))
            .putPlanBundleFingerprints("views.b", digest)
            .setPlanningEnvHash(digest)
            .setInformationSchemaHash(digest)
            .setPackageFingerprint("something else")
            .setCreatedAtUnixMs(1)
            .build();
    assertEquals(hex("h.ExecutionPackage", record), HexFormat.of().formatHex(
        io.codeanatomy.contracts.relspec.ExecutionPackageContract.canonicalBytes(proto)));
    assertEquals(hash("h.ExecutionPackage", record),
        io.codeanatomy.contracts.relspec.ExecutionPackageContract.hash(proto));
    assertEquals("bebedbd41367f862873ca48f2839a7aeda478cfcf8c59fc652817ae77b2b0263",
        io.codeanatomy.contracts.relspec.ExecutionPackageContract.hash(
            io.codeanatomy.contracts.relspec.ExecutionPackage.getDefaultInstance()));
  }

  @Test
  void mapsInOrderedPairsAreSortedPairArrays() throws Exception {
    Object pkg = construct("h.ExecutionPackage", "", "", "",
        Map.of("views.b", "2", "views.a", "1"), "", "", "", "", "", "", 0L);
    String bytes = hex("h.ExecutionPackage", pkg);
    // ["plan_bundle_fingerprints", [["views.a", "1"], ["views.b", "2"]]]
    assertTrue(bytes.contains("92b8706c616e5f62756e646c655f66696e6765727072696e7473"
        + "9292a776696577732e61a131" + "92a776696577732e62a132"), bytes);
  }

  @Test
  void sortedMapContractsHashTheEnvelope() throws Exception {
    Object point = construct("h.Point", 1L, "a", List.of(), Optional.empty(), Optional.empty(),
        0.5);
    // {"contract": "point", "fields": {note: nil, parent: "", ratio: 0.5, tags: [], x: "a",
    //  y: 1}, "version": 2}: keys sorted by UTF-8, absent note nil, absent parent "".
    assertEquals("83a8636f6e7472616374a5706f696e74a66669656c647386a46e6f7465c0a6706172656e74a0"
            + "a5726174696fcb3fe0000000000000a47461677390a178a161a179"
            + "01a776657273696f6e02",
        hex("h.Point", point));
  }

  @Test
  void bagsAreOrderInsensitiveAndListsAreNot() throws Exception {
    Object ab = construct("h.Point", 1L, "a", List.of("b", "a"), Optional.empty(),
        Optional.empty(), 0.5);
    Object ba = construct("h.Point", 1L, "a", List.of("a", "b"), Optional.empty(),
        Optional.empty(), 0.5);
    assertEquals(hash("h.Point", ab), hash("h.Point", ba));
    Object absent = construct("h.Point", 1L, "a", List.of(), Optional.empty(), Optional.empty(),
        0.5);
    Object emptyParent = construct("h.Point", 1L, "a", List.of(), Optional.of(""),
        Optional.empty(), 0.5);
    // @AbsentAs(EMPTY_STRING): absent and "" are one value for the hash, as in the legacy layout.
    assertEquals(hash("h.Point", absent), hash("h.Point", emptyParent));
    Object emptyNote = construct("h.Point", 1L, "a", List.of(), Optional.empty(), Optional.of(""),
        0.5);
    assertNotEquals(hash("h.Point", absent), hash("h.Point", emptyNote));
  }

  @Test
  void bagsSortStringsAndEnumsByTextAndNumbersByValue() throws Exception {
    Class<?> level = loader.loadClass("h.Level");
    Object warn = level.getEnumConstants()[0];
    Object error = level.getEnumConstants()[1];
    Object off = level.getEnumConstants()[2];
    Object bags = construct("h.Bags", List.of("b", "aa"), List.of(warn, error, off),
        List.of(1L, -1L));
    // Sorted by encoding, "b" (a1 62) would come before "aa" (a2 61 61), "off" before "warn"
    // and 1 (01) before -1 (ff): the legacy sorted arrays sort the values themselves.
    assertEquals("83a8636f6e7472616374a462616773a66669656c647383"
            + "a66c6576656c73" + "93a56572726f72a36f6666a47761726e"
            + "a76e756d6265727392ff01"
            + "a5776f72647392a26161a162"
            + "a776657273696f6e01",
        hex("h.Bags", bags));
  }

  @Test
  void unencodableValuesNameTheirField() throws Exception {
    Object nan = construct("h.Point", 1L, "a", List.of(), Optional.empty(), Optional.empty(),
        Double.NaN);
    NonCanonicalValueException e = assertThrows(NonCanonicalValueException.class,
        () -> unwrap(() -> hash("h.Point", nan)));
    assertEquals("point.ratio", e.path());
    Object nullX = construct("h.Point", 1L, null, List.of(), Optional.empty(), Optional.empty(),
        0.5);
    ContractViolationException missing = assertThrows(ContractViolationException.class,
        () -> unwrap(() -> hash("h.Point", nullX)));
    assertEquals("point.x: must not be null", missing.violations().get(0).toString());
  }

  @Test
  void buildersReportEveryMissingField() throws Exception {
    Object builder = ContractCompiler.callStatic(loader, "h.PointContract", "builder");
    ContractViolationException e = assertThrows(ContractViolationException.class,
        () -> unwrap(() -> builder.getClass().getMethod("build").invoke(builder)));
    assertEquals("1 problem in contract point:\n  - x: must not be null", e.getMessage());
  }

  interface Call {
    Object run() throws Exception;
  }

  /** Runs a reflective call and rethrows what the generated code threw. */
  private static Object unwrap(Call call) throws Throwable {
    try {
      return call.run();
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } catch (AssertionError e) {
      if (e.getCause() instanceof InvocationTargetException ite) {
        throw ite.getCause();
      }
      throw e;
    }
  }
}
