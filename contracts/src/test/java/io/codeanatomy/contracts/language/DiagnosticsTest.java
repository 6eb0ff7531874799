package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.codeanatomy.processor.diagnostics.DiagnosticCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One invalid contract per diagnostic: the compile fails with the diagnostic's id and message, at
 * the line marked {@code // error} (the annotation value when the source wrote one).
 */
class DiagnosticsTest {

  private static final String IMPORTS = """
      package test;
      import io.codeanatomy.contracts.annotations.*;
      import java.util.*;
      """;

  /** A case: the code, the source (its erroneous line marked), and a part of the message. */
  record Case(DiagnosticCode code, String source, String message) {
    @Override
    public String toString() {
      return code.tag();
    }

    int line() {
      List<String> lines = (IMPORTS + source).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("// error")) {
          return i + 1;
        }
      }
      throw new AssertionError("no // error marker in " + code);
    }
  }

  private static final Set<DiagnosticCode> COVERED = EnumSet.noneOf(DiagnosticCode.class);

  static Stream<Case> cases() {
    return Stream.of(
        new Case(DiagnosticCode.NOT_A_RECORD, """
            @SettingsSchema(namespace = "a", version = 1) // error
            class S {}
            """, "@SettingsSchema needs a record, but S is a class"),
        new Case(DiagnosticCode.MISSING_VERSION, """
            @SettingsSchema(namespace = "a") // error
            record S(@Setting(defaultValue = "1", doc = "d") int x) {}
            """, "missing version: add version = 1"),
        new Case(DiagnosticCode.NON_POSITIVE_VERSION, """
            @SettingsSchema(namespace = "a",
                version = 0) // error
            record S(@Setting(defaultValue = "1", doc = "d") int x) {}
            """, "version must be at least 1, got 0"),
        new Case(DiagnosticCode.INVALID_NAMESPACE, """
            @SettingsSchema(namespace = "Data.Fusion", // error
                version = 1)
            record S(@Setting(defaultValue = "1", doc = "d") int x) {}
            """, "namespace 'Data.Fusion' must be dot-separated segments"),
        new Case(DiagnosticCode.UNSUPPORTED_TYPE, """
            @Contract(name = "c", version = 1)
            record S(String a,
                Integer count) {} // error
            """, "component 'count' has type java.lang.Integer, which a contract cannot encode"),
        new Case(DiagnosticCode.INVALID_NAME, """
            @PlanningPolicy(name = "code-anatomy", // error
                version = 1)
            record P(S s) {}
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "1", doc = "d") int x) {}
            """, "policy name 'code-anatomy' must be lower-case snake case"),
        new Case(DiagnosticCode.CONFLICTING_ANNOTATIONS, """
            @SettingsSchema(namespace = "a", version = 1) // error
            @Contract(name = "c", version = 1)
            record S(@Setting(defaultValue = "1", doc = "d") int x) {}
            """, "S carries @SettingsSchema and @Contract"),
        new Case(DiagnosticCode.INACCESSIBLE_TYPE, """
            class Outer {
              @SettingsSchema(namespace = "a", version = 1) // error
              private record S(@Setting(defaultValue = "1", doc = "d") int x) {}
            }
            """, "record S is private"),
        new Case(DiagnosticCode.INVALID_KEY, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(key = "Max Size", // error
                defaultValue = "1", doc = "d") int x) {}
            """, "key 'a.Max Size' must be dot-separated segments"),
        new Case(DiagnosticCode.DUPLICATE_KEY, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(
                @Setting(key = "size", defaultValue = "1", doc = "d") int x,
                @Setting(key = "size", // error
                    defaultValue = "2", doc = "d") int y) {}
            """, "key a.size of component 'y' is already declared by component 'x'"),
        new Case(DiagnosticCode.NON_ASCII_KEY, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(key = "größe", // error
                defaultValue = "1", doc = "d") int x) {}
            """, "key 'a.größe' contains non-ASCII characters"),
        new Case(DiagnosticCode.UNSUPPORTED_TYPE, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "1", doc = "d")
                Map<String, String> x) {} // error
            """, "component 'x' has type java.util.Map<java.lang.String,java.lang.String>, which "
                + "cannot carry a setting"),
        new Case(DiagnosticCode.UNPARSABLE_DEFAULT, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "eight", // error
                doc = "d") int x) {}
            """, "default of a.x does not parse as int: expected an int, got 'eight'"),
        new Case(DiagnosticCode.DEFAULT_OUT_OF_RANGE, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(min = "1MiB",
                defaultValue = "1KiB", // error
                unit = Setting.Unit.BYTES, doc = "d") long x) {}
            """, "default 1024 of a.x must be at least 1048576"),
        new Case(DiagnosticCode.SETTING_OUTSIDE_SCHEMA, """
            record S(@Setting(defaultValue = "1", doc = "d") int x) {} // error
            """, "@Setting on 'x' of test.S, which is not a @SettingsSchema"),
        new Case(DiagnosticCode.MISSING_DEFAULT, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(doc = "d") int x) {} // error
            """, "setting a.x (int) needs a defaultValue"),
        new Case(DiagnosticCode.INVALID_BOUND, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "5", min = "10",
                max = "1", // error
                doc = "d") int x) {}
            """, "max 1 of a.x is less than min 10"),
        new Case(DiagnosticCode.MISSING_SETTING_ANNOTATION, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "1", doc = "d") int x,
                int y) {} // error
            """, "component 'y' of a @SettingsSchema needs @Setting"),
        new Case(DiagnosticCode.FEATURE_GATE_NOT_BOOLEAN, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "1",
                featureGate = true, // error
                doc = "d") int x) {}
            """, "feature gate a.x must be a boolean, but it is int"),
        new Case(DiagnosticCode.NOT_A_SETTINGS_SCHEMA, """
            @PlanningPolicy(name = "p", version = 1)
            record P(String s) {} // error
            """, "component 's' of a @PlanningPolicy has type java.lang.String, which is not a "
                + "@SettingsSchema record"),
        new Case(DiagnosticCode.UNIT_MISMATCH, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "1",
                unit = Setting.Unit.BYTES, // error
                doc = "d") int x) {}
            """, "unit = BYTES needs a long, OptionalLong or Optional<Long>"),
        new Case(DiagnosticCode.GENERATED_NAME_CLASH, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(
                @Setting(key = "max.size", defaultValue = "1", doc = "d") int x,
                @Setting(key = "max_size", // error
                    defaultValue = "1", doc = "d") int y) {}
            """, "keys a.max.size and a.max_size would both generate the constant MAX_SIZE"),
        new Case(DiagnosticCode.UNKNOWN_PROFILE_KEY, policy("""
            @Profile(name = "p", set = {"a.limt=3"}) // error
            """), "profile 'p' names key a.limt, which no settings schema of this policy declares; "
                + "did you mean a.limit?"),
        new Case(DiagnosticCode.UNPARSABLE_PROFILE_VALUE, policy("""
            @Profile(name = "p", set = {
                "a.limit=3",
                "a.mode=loud"}) // error
            """), "profile 'p' sets a.mode to a value that does not parse as enum (quiet|normal): "
                + "expected one of quiet, normal, got 'loud'"),
        new Case(DiagnosticCode.PROFILE_VALUE_OUT_OF_RANGE, policy("""
            @Profile(name = "p", set = {"a.limit=0"}) // error
            """), "profile 'p' sets a.limit to 0, but it must be at least 1"),
        new Case(DiagnosticCode.UNKNOWN_PARENT_PROFILE, policy("""
            @Profile(name = "base")
            @Profile(name = "p", extendsProfile = "bsae") // error
            """), "profile 'p' extends 'bsae', which this policy does not declare; declared "
                + "profiles: base, p (did you mean 'base'?)"),
        // Reported where the cycle closes: at the last declared member.
        new Case(DiagnosticCode.PROFILE_CYCLE, policy("""
            @Profile(name = "a", extendsProfile = "b")
            @Profile(name = "b", extendsProfile = "c")
            @Profile(name = "c", extendsProfile = "a") // error
            """), "profiles extend each other in a cycle: c -> a -> b -> c"),
        new Case(DiagnosticCode.DUPLICATE_PROFILE, policy("""
            @Profile(name = "p")
            @Profile(name = "p") // error
            """), "profile 'p' is declared twice in policy pol"),
        new Case(DiagnosticCode.MALFORMED_OVERRIDE, policy("""
            @Profile(name = "p", set = {"a.limit"}) // error
            """), "override 'a.limit' of profile 'p' must be full.key=value"),
        new Case(DiagnosticCode.DUPLICATE_OVERRIDE, policy("""
            @Profile(name = "p", set = {
                "a.limit=2",
                "a.limit=3"}) // error
            """), "profile 'p' sets a.limit more than once"),
        new Case(DiagnosticCode.PROFILE_OUTSIDE_POLICY, """
            @SettingsSchema(namespace = "a", version = 1)
            @Profile(name = "p") // error
            record S(@Setting(defaultValue = "1", doc = "d") int x) {}
            """, "@Profile on test.S, which is not a @PlanningPolicy"),
        new Case(DiagnosticCode.INVALID_PROFILE_NAME, policy("""
            @Profile(name = "Dev") // error
            """), "profile name 'Dev' must be lower-case ASCII letters"),
        new Case(DiagnosticCode.UNSET_REQUIRED_SETTING, policy("""
            @Profile(name = "p", unset = {"a.limit"}) // error
            """), "profile 'p' unsets a.limit, but it is int and must have a value"),
        new Case(DiagnosticCode.CONFLICTING_MARKERS, """
            @Contract(name = "c", version = 1)
            record S(@Provenance @Bag List<String> seen) {} // error
            """, "field seen is @Provenance, so it never enters a hash"),
        new Case(DiagnosticCode.BAG_NOT_A_LIST, """
            @Contract(name = "c", version = 1)
            record S(String a,
                @Bag Map<String, String> views) {} // error
            """, "@Bag makes a list order-insensitive, but field views is map<string, string>"),
        new Case(DiagnosticCode.ABSENT_AS_NOT_OPTIONAL, """
            @Contract(name = "c", version = 1)
            record S(@AbsentAs(AbsentAs.Form.NIL) String hash) {} // error
            """, "@AbsentAs says how an absent value is encoded, but field hash is string"),
        new Case(DiagnosticCode.RECURSIVE_CONTRACT, """
            @Contract(name = "c", version = 1)
            record S(String name,
                List<S> children) {} // error
            """, "component 'children' nests test.S, which contains it"),
        new Case(DiagnosticCode.DUPLICATE_FIELD, """
            @Contract(name = "c", version = 1)
            record S(String planHash,
                String plan_hash) {} // error
            """, "components 'planHash' and 'plan_hash' both have the field name plan_hash"),
        new Case(DiagnosticCode.BAG_KEY_INVALID, """
            @Contract(name = "c", version = 1)
            record S(String a,
                @Bag(key = "name") List<String> tags) {} // error
            """, "bag key of tags: a bag key orders a bag of contracts, but field tags is "
                + "list<string>"),
        new Case(DiagnosticCode.HASH_NOT_TEXT, """
            @Contract(name = "c", version = 1)
            record S(String a,
                @Hash long size) {} // error
            """, "@Hash marks SHA-256 hex digests, which are strings, but field size is long"),
        new Case(DiagnosticCode.MISSING_ATTRIBUTE, """
            @Contract(name = "c", version = 1)
            record S(Level level) {}
            enum Level {
              @Attribute(name = "weight", value = 1.0) LOW,
              HIGH // error
            }
            """, "constant HIGH of test.Level has no @Attribute 'weight'"),
        new Case(DiagnosticCode.MARKER_OUTSIDE_CONTRACT, """
            record S(@Provenance long createdAt) {} // error
            """, "@Provenance on 'createdAt' of test.S, which is not a @Contract"),
        new Case(DiagnosticCode.DUPLICATE_CONTRACT, """
            @Contract(name = "report", version = 1)
            record S(String a) {}
            @Contract(name = "report", // error
                version = 1)
            record T(String a, long b) {}
            """, "contract report is declared twice: by record test.S and by record test.T"),
        // The names the processor generates must not clash: with a declared type ...
        new Case(DiagnosticCode.GENERATED_NAME_CLASH, """
            @Contract(name = "s", version = 1) // error
            record S(String a) {}
            @Contract(name = "s_contract", version = 1)
            record SContract(String a) {}
            """, "contract test.S would generate test.SContract, which is the name of the "
                + "declared contract"),
        // ... and with the builder's own methods (and a mixin's: see below).
        new Case(DiagnosticCode.GENERATED_NAME_CLASH, """
            @SettingsSchema(namespace = "a", version = 1)
            record S(@Setting(defaultValue = "x", doc = "d") String unset) {} // error
            """, "component 'unset' would generate the setter unset(...), which the generated "
                + "builder already has"));
  }

  /** A small valid schema and policy, with the given profile annotations on the policy. */
  private static String policy(String profiles) {
    return "@PlanningPolicy(name = \"pol\", version = 1)\n" + profiles + """
        record P(S s) {}
        @SettingsSchema(namespace = "a", version = 1)
        record S(
            @Setting(defaultValue = "4", min = "1", doc = "d") int limit,
            @Setting(defaultValue = "quiet", doc = "d") Mode mode,
            @Setting(doc = "d") Optional<String> label) {}
        enum Mode { QUIET, NORMAL }
        """;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void invalidContractFailsAtTheLineWithTheId(Case c) {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + c.source());
    Compilation compilation = ContractCompiler.compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(c.code().tag() + " " + c.message())
        .inFile(file).onLine(c.line());
    // Nothing but our diagnostics: the processor reports, it does not crash.
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String message = error.getMessage(Locale.ROOT);
      assertTrue(message.startsWith("[CA0"), message);
    }
    COVERED.add(c.code());
  }

  @Test
  void aComponentNamedLikeAMixinMethodIsRefusedAtTheComponent() {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + """
        @Contract(name = "s", version = 1)
        record S(String a,
            String hash)
            implements SContract.Mixin {}
        """);
    Compilation compilation = ContractCompiler.compile(file);
    assertThat(compilation).failed();
    // The record's code is not generated, so javac also misses SContract; ours comes first.
    assertThat(compilation).hadErrorContaining("[CA022 GENERATED_NAME_CLASH] component 'hash' "
        + "clashes with the mixin's method hash()").inFile(file).onLine(6);
  }

  @Test
  void typesOfOneSimpleNameInTwoPackagesWouldClashInRust() {
    JavaFileObject first = ContractCompiler.source("a.Report", """
        package a;
        import io.codeanatomy.contracts.annotations.*;
        @Contract(name = "a_report", version = 1)
        public record Report(String text) {}
        """);
    JavaFileObject second = ContractCompiler.source("b.Report", """
        package b;
        import io.codeanatomy.contracts.annotations.*;
        @Contract(name = "b_report", version = 1)
        public record Report(String text) {}
        """);
    Compilation compilation = ContractCompiler.compile(first, second);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[CA022 GENERATED_NAME_CLASH] contract b.Report "
        + "and contract a.Report would both be the Rust type Report of test_contracts.rs")
        .inFile(second).onLine(3);
  }

  @Test
  void allProblemsOfACompilationAreReportedInOneRun() {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + """
        @SettingsSchema(namespace = "a", version = 1)
        record S(
            @Setting(defaultValue = "x", doc = "d") int a,
            @Setting(defaultValue = "1", min = "2", doc = "d") int b,
            int c) {}
        @SettingsSchema(namespace = "b")
        record T(@Setting(doc = "d") int d) {}
        """);
    Compilation compilation = ContractCompiler.compile(file);
    assertThat(compilation).failed();
    List<String> tags = compilation.errors().stream()
        .map(e -> e.getMessage(Locale.ROOT).substring(0, e.getMessage(Locale.ROOT).indexOf(']') + 1))
        .sorted().toList();
    assertEquals(List.of("[CA002 MISSING_VERSION]", "[CA013 UNPARSABLE_DEFAULT]",
        "[CA014 DEFAULT_OUT_OF_RANGE]", "[CA016 MISSING_DEFAULT]",
        "[CA018 MISSING_SETTING_ANNOTATION]"), tags);
  }

  @Test
  void anInvalidProcessorOptionIsReported() {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + """
        @SettingsSchema(namespace = "a", version = 1)
        record S(@Setting(defaultValue = "1", doc = "d") int x) {}
        """);
    Compilation compilation = ContractCompiler.compile(
        List.of("-Acodeanatomy.contractSet=Core Set"), file);
    assertThat(compilation).hadErrorContaining("[CA901 INVALID_OPTION] -Acodeanatomy.contractSet="
        + "Core Set is not a valid contract set name");
  }

  @Test
  void anUnknownProcessorOptionIsAWarningWithTheNearestOne() {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + """
        @SettingsSchema(namespace = "a", version = 1)
        record S(@Setting(defaultValue = "1", doc = "d") int x) {}
        """);
    Compilation compilation = Compiler.javac()
        .withProcessors(new io.codeanatomy.processor.ContractProcessor())
        .withOptions(List.of("-Acodeanatomy.contractSet=test", "-Acodeanatomy.statistic=true",
            "-Aother.tool=1"))
        .compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[CA904 UNKNOWN_OPTION] "
        + "-Acodeanatomy.statistic is not an option of codeanatomy-processor; did you mean "
        + "-Acodeanatomy.statistics?");
    // Options of other processors are theirs (and javac's) to check.
    assertTrue(compilation.warnings().stream().map(w -> w.getMessage(Locale.ROOT))
        .noneMatch(w -> w.contains("CA904") && w.contains("other.tool")));
  }

  @Test
  void anUnreadableDescriptorSetIsReported() {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + """
        @SettingsSchema(namespace = "a", version = 1)
        record S(@Setting(defaultValue = "1", doc = "d") int x) {}
        """);
    Compilation compilation = ContractCompiler.compile(
        List.of("-Acodeanatomy.descriptorSets=/nonexistent/relspec.binpb"), file);
    assertThat(compilation).hadErrorContaining("[CA902 UNREADABLE_DESCRIPTOR_SET] cannot read "
        + "the descriptor set /nonexistent/relspec.binpb");
  }

  @Test
  void anUnreadableLockIsReported(@TempDir Path temp) throws Exception {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + """
        @SettingsSchema(namespace = "a", version = 1)
        record S(@Setting(defaultValue = "1", doc = "d") int x) {}
        """);
    Path lock = temp.resolve("contracts.lock.json");
    Files.writeString(lock, "{\"format\": \"codeanatomy-lock/1\", \"contractSet\": ");
    Compilation compilation = ContractCompiler.compile(
        List.of("-Acodeanatomy.lock=" + lock), file);
    assertThat(compilation).hadErrorContaining("[CA903 UNREADABLE_LOCK] " + lock
        + " is not valid JSON (line 1, column");
    // Read strictly: a missing section is named, not read as empty.
    Files.writeString(lock, "{\"format\": \"codeanatomy-lock/1\", \"contractSet\": \"other\"}");
    assertThat(ContractCompiler.compile(List.of("-Acodeanatomy.lock=" + lock), file))
        .hadErrorContaining("[CA903 UNREADABLE_LOCK] " + lock + ": settingsSchemas: expected an "
            + "object, got nothing (the key is missing)");
    Files.writeString(lock, "{\"format\": \"codeanatomy-lock/1\", \"contractSet\": \"other\", "
        + "\"settingsSchemas\": {}, \"policies\": {}, \"contracts\": {}}");
    assertThat(ContractCompiler.compile(List.of("-Acodeanatomy.lock=" + lock), file))
        .hadErrorContaining("[CA903 UNREADABLE_LOCK] " + lock + ": the lock is of contract set "
            + "'other', but this is contract set 'test'");
  }

  @Test
  void phaseStatisticsAreANoteWhenAskedFor() {
    JavaFileObject file = ContractCompiler.source("test.S", IMPORTS + """
        @SettingsSchema(namespace = "a", version = 1)
        record S(@Setting(defaultValue = "1", doc = "d") int x) {}
        """);
    Compilation compilation = ContractCompiler.compile(
        List.of("-Acodeanatomy.statistics=true"), file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("codeanatomy statistics: read ");
    assertThat(compilation).hadNoteContaining(" emit java ");
    assertThat(compilation).hadNoteContaining(" emit rust ");
    assertThat(compilation).hadNoteContaining(" manifest ");
    Compilation quiet = ContractCompiler.compile(file);
    assertTrue(quiet.notes().stream().noneMatch(n -> n.getMessage(Locale.ROOT)
        .contains("codeanatomy statistics")));
  }

  @AfterAll
  static void everyDeclarationDiagnosticHasACase() {
    Set<DiagnosticCode> expected = EnumSet.allOf(DiagnosticCode.class);
    expected.remove(DiagnosticCode.INVALID_OPTION); // tested above, has no source line
    expected.remove(DiagnosticCode.UNREADABLE_DESCRIPTOR_SET); // likewise
    expected.remove(DiagnosticCode.UNREADABLE_LOCK); // likewise
    expected.remove(DiagnosticCode.UNKNOWN_OPTION); // likewise
    expected.remove(DiagnosticCode.INTERNAL_ERROR); // a processor bug by definition
    if (!COVERED.isEmpty()) { // only when the parameterized cases ran
      expected.removeAll(COVERED);
      assertEquals(Set.of(), expected, "diagnostics without a negative case");
    }
  }
}
