package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.codeanatomy.compat.CompatibilityRule;
import io.codeanatomy.compat.ItemKey;
import io.codeanatomy.compat.Kind;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.manifest.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Every compatibility rule the processor enforces, three ways: version 1 is compiled and released
 * into a lock; then the breaking change without a bump fails at the changed line with the rule's
 * id, the same change with a bump compiles (where a bump allows it), and a change that breaks
 * nothing compiles without one.
 */
class CompatibilityRulesTest {

  /** Every declaration is nested in one class: top-level records beside it would be auxiliary. */
  private static final String IMPORTS = """
      package test;
      import io.codeanatomy.contracts.annotations.*;
      import java.util.*;
      class Decls {
      """;

  /** Two contracts; {@code c} has one field of each kind of interest, one per line. */
  private static final String CONTRACTS = """
      @Contract(name = "c", version = 1)
      record C(
          String name,
          long size,
          @Bag List<String> tags,
          Optional<String> note,
          @Hash String digest,
          @Provenance long at) {}
      @Contract(name = "d", version = 1)
      record D(String id) {}
      """;

  /** A settings schema with bounds, an enum and an optional setting. */
  private static final String SETTINGS = """
      @SettingsSchema(namespace = "a", version = 1)
      record S(
          @Setting(defaultValue = "4", min = "1", max = "100", doc = "d") int limit,
          @Setting(defaultValue = "quiet", doc = "d") Mode mode,
          @Setting(doc = "d") Optional<String> label) {}
      enum Mode { QUIET, NORMAL, LOUD }
      """;

  /** The schema composed into a policy with two profiles. */
  private static final String POLICY = SETTINGS + """
      @PlanningPolicy(name = "pol", version = 1)
      @Profile(name = "default", doc = "d")
      @Profile(name = "big", set = {"a.limit=50"}, doc = "d")
      record P(S s) {}
      """;

  private static final String CONTRACT_V1 = "@Contract(name = \"c\", version = 1)";
  private static final String CONTRACT_V2 = "@Contract(name = \"c\", version = 2)";
  private static final String SCHEMA_V1 = "@SettingsSchema(namespace = \"a\", version = 1)";
  private static final String SCHEMA_V2 = "@SettingsSchema(namespace = \"a\", version = 2)";
  private static final String POLICY_V1 = "@PlanningPolicy(name = \"pol\", version = 1)";
  private static final String POLICY_V2 = "@PlanningPolicy(name = \"pol\", version = 2)";

  private static final Set<CompatibilityRule> COVERED = EnumSet.noneOf(CompatibilityRule.class);

  @TempDir
  Path temp;

  /** A text edit: replace {@code from} (which must occur) with {@code to}. */
  record Edit(String from, String to) {
    String apply(String text) {
      if (!text.contains(from)) {
        throw new IllegalArgumentException("no '" + from + "' in\n" + text);
      }
      return text.replace(from, to);
    }
  }

  /**
   * A rule's case: the released source, the breaking edits (the erroneous line marked
   * {@code // error}), the version bumps that allow them, and edits that break nothing.
   */
  record Case(CompatibilityRule rule, String base, List<Edit> breaking, List<Edit> bump,
      List<Edit> compatible, String message) {
    @Override
    public String toString() {
      return rule.tag();
    }

    String source(List<Edit> edits) {
      String text = base;
      for (Edit edit : edits) {
        text = edit.apply(text);
      }
      return IMPORTS + text + "}\n";
    }

    String breakingSource() {
      return source(breaking);
    }

    String bumpedSource() {
      List<Edit> all = new ArrayList<>(breaking);
      all.addAll(bump);
      return source(all).replace(" // error", "");
    }

    int line() {
      List<String> lines = breakingSource().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("// error")) {
          return i + 1;
        }
      }
      return -1;
    }
  }

  private static Edit edit(String from, String to) {
    return new Edit(from, to);
  }

  private static final Edit BUMP_CONTRACT = edit(CONTRACT_V1, CONTRACT_V2);
  private static final Edit BUMP_SCHEMA = edit(SCHEMA_V1, SCHEMA_V2);
  private static final Edit BUMP_POLICY = edit(POLICY_V1, POLICY_V2);
  private static final Edit ADD_OPTIONAL_PROVENANCE =
      edit("    @Provenance long at)", "    @Provenance long at,\n    @Provenance Optional<String> host)");
  private static final Edit REWORD_DOC = edit("doc = \"d\") int limit", "doc = \"the limit\") int limit");

  static Stream<Case> cases() {
    return Stream.of(
        new Case(CompatibilityRule.FIELD_REMOVED, CONTRACTS,
            List.of(edit("    long size,\n", ""), edit(CONTRACT_V1, CONTRACT_V1 + " // error")),
            List.of(BUMP_CONTRACT), List.of(ADD_OPTIONAL_PROVENANCE),
            "contract c, field size: removed: payloads written before carry it, and every hash of "
                + "the contract changes (was long, now nothing); bump the version of the contract "
                + "to 2, or revert the change"),
        new Case(CompatibilityRule.FIELD_REMOVED, SETTINGS,
            List.of(edit("Mode mode,\n    @Setting(doc = \"d\") Optional<String> label) {}",
                "Mode mode) {}"),
                edit(SCHEMA_V1, SCHEMA_V1 + " // error")),
            List.of(BUMP_SCHEMA), List.of(REWORD_DOC),
            "settings schema test.Decls.S, setting a.label: removed"),
        new Case(CompatibilityRule.TYPE_CHANGED, CONTRACTS,
            List.of(edit("    long size,", "    int size, // error")),
            List.of(BUMP_CONTRACT), List.of(ADD_OPTIONAL_PROVENANCE),
            "contract c, field size: its type changed: values written before may not read "
                + "(was long, now int)"),
        new Case(CompatibilityRule.ENUM_VALUE_REMOVED, SETTINGS,
            List.of(edit("LOUD }", "}"),
                edit("@Setting(defaultValue = \"quiet\", doc = \"d\") Mode mode,",
                    "@Setting(defaultValue = \"quiet\", doc = \"d\") Mode mode, // error")),
            List.of(BUMP_SCHEMA), List.of(edit("LOUD }", "LOUD, LOUDER }")),
            "settings schema test.Decls.S, setting a.mode: values it accepted are gone: settings "
                + "written before may not parse (was loud, now nothing)"),
        new Case(CompatibilityRule.REQUIRED_FIELD_ADDED, CONTRACTS,
            List.of(edit("    @Provenance long at) {}", "    @Provenance long at,\n"
                + "    @Provenance String host) {} // error")),
            List.of(BUMP_CONTRACT), List.of(ADD_OPTIONAL_PROVENANCE),
            "contract c, field host: added as a required field: payloads written before lack it"),
        new Case(CompatibilityRule.RANGE_NARROWED, SETTINGS,
            List.of(edit("max = \"100\", doc = \"d\") int limit,",
                "max = \"50\", doc = \"d\") int limit, // error")),
            List.of(BUMP_SCHEMA),
            List.of(edit("max = \"100\", doc = \"d\") int limit,", "max = \"200\", doc = \"d\") int limit,")),
            "settings schema test.Decls.S, setting a.limit: its max narrows the values it accepts "
                + "(was 100, now 50)"),
        new Case(CompatibilityRule.HASH_RULE_TIGHTENED, CONTRACTS,
            List.of(edit("    String name,", "    @Hash String name, // error")),
            List.of(BUMP_CONTRACT),
            List.of(edit("    @Hash String digest,", "    @Hash(allowEmpty = true) String digest,")),
            "contract c, field name: values written before may not be digests (was none, now hash)"),
        new Case(CompatibilityRule.DEFAULT_CHANGED, POLICY,
            List.of(edit("@Setting(defaultValue = \"4\", min = \"1\", max = \"100\", doc = \"d\") int limit,",
                "@Setting(defaultValue = \"5\", min = \"1\", max = \"100\", doc = \"d\") int limit, // error")),
            List.of(BUMP_SCHEMA, BUMP_POLICY), List.of(REWORD_DOC),
            "settings schema test.Decls.S, setting a.limit: its default changed (was 4, now 5); the "
                + "settings hash of profile pol/default changes with it; bump the version of the "
                + "settings schema to 2, or revert the change"),
        new Case(CompatibilityRule.HASHED_FIELD_ADDED, CONTRACTS,
            List.of(edit("    long size,", "    long size,\n    String owner, // error")),
            List.of(BUMP_CONTRACT), List.of(ADD_OPTIONAL_PROVENANCE),
            "contract c, field owner: added to the hash: every hash of the contract changes "
                + "(was nothing, now string)"),
        new Case(CompatibilityRule.LAYOUT_CHANGED, CONTRACTS,
            List.of(edit(CONTRACT_V1, "@Contract(name = \"c\", version = 1, "
                + "layout = Contract.Layout.ORDERED_PAIRS) // error")),
            List.of(edit("version = 1, layout", "version = 2, layout")),
            List.of(edit(CONTRACT_V1, "@Contract(name = \"c\", version = 1, forwardCompatible = true)")),
            "contract c: the hash layout changed: every hash of it changes (was sorted_map, now "
                + "ordered_pairs)"),
        new Case(CompatibilityRule.HASH_MARKER_CHANGED, CONTRACTS,
            List.of(edit("    @Bag List<String> tags,", "    List<String> tags, // error")),
            List.of(BUMP_CONTRACT), List.of(ADD_OPTIONAL_PROVENANCE),
            "contract c, field tags: its bag (whether its order counts) changed: every hash of the "
                + "contract changes (was true, now false)"),
        new Case(CompatibilityRule.PLANNING_FLAG_CHANGED, SETTINGS,
            List.of(edit("doc = \"d\") Mode mode,",
                "doc = \"d\", planningAffecting = true) Mode mode, // error")),
            List.of(BUMP_SCHEMA), List.of(REWORD_DOC),
            "settings schema test.Decls.S, setting a.mode: planningAffecting changed"),
        new Case(CompatibilityRule.PROFILE_CHANGED, POLICY,
            List.of(edit("@Profile(name = \"big\", set = {\"a.limit=50\"}, doc = \"d\")",
                "@Profile(name = \"big\", set = {\"a.limit=60\"}, doc = \"d\") // error")),
            List.of(BUMP_POLICY),
            List.of(edit("record P(S s) {}", "@Profile(name = \"small\", set = {\"a.limit=2\"})\n"
                + "record P(S s) {}")),
            "policy pol, profile big: its effective settings changed: a.limit 50 -> 60"),
        new Case(CompatibilityRule.NESTED_CONTRACT_CHANGED, CONTRACTS.replace(
                "    @Provenance long at) {}", "    @Provenance long at,\n    D owner) {}"),
            List.of(edit("record D(String id) {}", "record D(String id, String region) {}"),
                edit("@Contract(name = \"d\", version = 1)", "@Contract(name = \"d\", version = 2)"),
                edit("    D owner) {}", "    D owner) {} // error")),
            List.of(BUMP_CONTRACT),
            List.of(edit("record D(String id) {}",
                "record D(String id, @Provenance Optional<String> region) {}")),
            "contract c, field owner: the contract it nests changed version: every hash of this "
                + "contract changes (was d version 1, now d version 2)"),
        new Case(CompatibilityRule.ACCESSOR_RENAMED, SETTINGS,
            List.of(edit("doc = \"d\") int limit,",
                "doc = \"d\", key = \"limit\") int maxLimit, // error")),
            List.of(BUMP_SCHEMA), List.of(REWORD_DOC),
            "settings schema test.Decls.S, setting a.limit: its record component was renamed: the "
                + "accessor and builder method that user code calls change (was limit, now "
                + "maxLimit)"),
        new Case(CompatibilityRule.TYPE_RENAMED, CONTRACTS,
            List.of(edit("record C(", "record Renamed("),
                edit(CONTRACT_V1, CONTRACT_V1 + " // error")),
            List.of(BUMP_CONTRACT), List.of(ADD_OPTIONAL_PROVENANCE),
            "contract c: its Java type moved: code that uses it and its generated classes no "
                + "longer compiles (was test.Decls.C, now test.Decls.Renamed)"),
        new Case(CompatibilityRule.BUMP_WITHOUT_CHANGE, CONTRACTS,
            List.of(edit(CONTRACT_V1, CONTRACT_V2 + " // error")),
            List.of(), List.of(ADD_OPTIONAL_PROVENANCE),
            "contract c: the version went up, but nothing that a version covers changed (was 1, "
                + "now 2); keep version 1"));
  }

  private Path lock() {
    return temp.resolve("contracts.lock.json");
  }

  private Compilation compile(String source, boolean update) {
    JavaFileObject file = ContractCompiler.source("test.Decls", source);
    return ContractCompiler.compile(List.of("-Acodeanatomy.lock=" + lock(),
        "-Acodeanatomy.lock.update=" + update), file);
  }

  /** Compiles and releases version 1: the lock the case's changes are compared with. */
  private void release(String source) {
    assertThat(compile(source, true)).succeededWithoutWarnings();
    assertTrue(Files.exists(lock()), "the release wrote the lock");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void breakingWithoutABumpFailsAtTheLineWithTheId(Case c) {
    release(IMPORTS + c.base() + "}\n");
    JavaFileObject file = ContractCompiler.source("test.Decls", c.breakingSource());
    Compilation broken = ContractCompiler.compile(List.of("-Acodeanatomy.lock=" + lock()), file);
    assertThat(broken).failed();
    assertThat(broken).hadErrorContaining(c.rule().tag() + " " + c.message())
        .inFile(file).onLine(c.line());
    for (Diagnostic<? extends JavaFileObject> error : broken.errors()) {
      String message = error.getMessage(Locale.ROOT);
      assertTrue(message.startsWith("[CA"), message);
    }
    COVERED.add(c.rule());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theSameChangeWithABumpCompiles(Case c) {
    release(IMPORTS + c.base() + "}\n");
    Compilation bumped = compile(c.bumpedSource(), false);
    if (c.rule().bumpAllows()) {
      assertThat(bumped).succeededWithoutWarnings();
    } else {
      assertThat(bumped).hadErrorContaining(c.rule().tag());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aChangeThatBreaksNothingCompilesWithoutABump(Case c) {
    release(IMPORTS + c.base() + "}\n");
    assertThat(compile(c.source(c.compatible()), false)).succeededWithoutWarnings();
  }

  @Test
  void aRemovedContractFailsUntilTheLockRetiresIt() throws Exception {
    release(IMPORTS + CONTRACTS + "}\n");
    String withoutD = IMPORTS + CONTRACTS.replace(
        "@Contract(name = \"d\", version = 1)\nrecord D(String id) {}\n", "") + "}\n";
    Compilation removed = compile(withoutD, false);
    assertThat(removed).hadErrorContaining("[CA101 REMOVED] contract d: no longer declared "
        + "(was version 1, now nothing); declare it again, or retire it deliberately by "
        + "rewriting the lock (-Dcodeanatomy.lock.update=true)");
    COVERED.add(CompatibilityRule.REMOVED);
    // Adding a contract breaks nothing.
    assertThat(compile(IMPORTS + CONTRACTS + "@Contract(name = \"e\", version = 1)\n"
        + "record E(String id) {}\n}\n", false)).succeededWithoutWarnings();
    // Releasing retires it: the history stays, so that its versions are never reused.
    assertThat(compile(withoutD, true)).succeededWithoutWarnings();
    Lock lock = Lock.read(lock());
    assertTrue(lock.histories().get(new ItemKey(Kind.CONTRACT, "d")).retired());
    Compilation revived = compile(IMPORTS + CONTRACTS + "}\n", false);
    assertThat(revived).hadErrorContaining("[CA401 VERSION_DECREASED] contract d: it was "
        + "retired at version 1");
  }

  @Test
  void aVersionThatGoesDownFailsAtTheVersion() {
    release(IMPORTS + CONTRACTS.replace(CONTRACT_V1, CONTRACT_V2) + "}\n");
    JavaFileObject file = ContractCompiler.source("test.Decls", IMPORTS + CONTRACTS + "}\n");
    Compilation lower = ContractCompiler.compile(List.of("-Acodeanatomy.lock=" + lock()), file);
    assertThat(lower).hadErrorContaining("[CA401 VERSION_DECREASED] contract c: the version went "
        + "down (was 2, now 1); versions only go up: use 2, or 3 with a change")
        .inFile(file).onLine(5);
    COVERED.add(CompatibilityRule.VERSION_DECREASED);
  }

  @Test
  void releasingABumpAppendsToTheHistory() throws Exception {
    release(IMPORTS + CONTRACTS + "}\n");
    String v2 = IMPORTS + CONTRACTS.replace("    long size,", "    int size,")
        .replace(CONTRACT_V1, CONTRACT_V2) + "}\n";
    assertThat(compile(v2, true)).succeededWithoutWarnings();
    Lock.History history = Lock.read(lock()).histories().get(new ItemKey(Kind.CONTRACT, "c"));
    assertEquals(List.of(1, 2), history.versions().stream()
        .map(Entry::version).toList());
    // Released: the next compile compares with version 2, so going back breaks.
    assertThat(compile(IMPORTS + CONTRACTS + "}\n", false)).hadErrorContaining("[CA401");
    // A release is byte-stable: releasing the same sources again changes nothing.
    byte[] before = Files.readAllBytes(lock());
    assertThat(compile(v2, true)).succeededWithoutWarnings();
    assertEquals(new String(before, java.nio.charset.StandardCharsets.UTF_8),
        Files.readString(lock()));
  }

  @Test
  void aFieldRemovedAndDeclaredAgainWithAnotherTypeFailsNamingTheRelease() {
    release(IMPORTS + CONTRACTS + "}\n");
    String withoutSize = IMPORTS + CONTRACTS.replace("    long size,\n", "")
        .replace(CONTRACT_V1, CONTRACT_V2) + "}\n";
    assertThat(compile(withoutSize, true)).succeededWithoutWarnings();
    String v3 = "@Contract(name = \"c\", version = 3)";

    // Against version 2 alone this is a bumped addition; version 1 had size as a long.
    String source = IMPORTS + CONTRACTS.replace("    long size,", "    String size, // error")
        .replace(CONTRACT_V1, v3) + "}\n";
    JavaFileObject file = ContractCompiler.source("test.Decls", source);
    Compilation again = ContractCompiler.compile(List.of("-Acodeanatomy.lock=" + lock()), file);
    assertThat(again).failed();
    assertThat(again).hadErrorContaining("[CA103 TYPE_CHANGED] contract c, field size: declared "
        + "again with another type than released version 1 had: payloads of that version may "
        + "not read, or read as something else (was long, now string); a version bump does not "
        + "excuse this: declare it as released version 1 had it, or under a new name")
        .inFile(file).onLine(lineOf(source, "// error"));

    // Declared again as version 1 had it: compatible.
    assertThat(compile(IMPORTS + CONTRACTS.replace(CONTRACT_V1, v3) + "}\n", false))
        .succeededWithoutWarnings();
  }

  private static int lineOf(String source, String marker) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no " + marker);
  }

  @Test
  void everyChangeOfOneCompileIsReportedInOneRun() {
    release(IMPORTS + CONTRACTS + "}\n");
    String source = IMPORTS + CONTRACTS.replace("    long size,", "    int size,")
        .replace("    @Bag List<String> tags,", "    List<String> tags,")
        .replace("    String name,", "    String title,") + "}\n";
    Compilation compilation = compile(source, false);
    List<String> tags = compilation.errors().stream()
        .map(e -> e.getMessage(Locale.ROOT))
        .map(m -> m.substring(0, m.indexOf(']') + 1)).sorted().toList();
    assertEquals(List.of("[CA102 FIELD_REMOVED]", "[CA103 TYPE_CHANGED]",
        "[CA202 HASHED_FIELD_ADDED]", "[CA204 HASH_MARKER_CHANGED]"), tags);
  }

  @Test
  void withoutALockNothingIsChecked() {
    JavaFileObject file = ContractCompiler.source("test.Decls", IMPORTS + CONTRACTS + "}\n");
    Compilation compilation = ContractCompiler.compile(
        List.of("-Acodeanatomy.lock=" + lock()), file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("no lock at " + lock());
    assertFalse(Files.exists(lock()));
  }

  @AfterAll
  static void everyRuleTheProcessorEnforcesHasACase() {
    if (COVERED.isEmpty()) {
      return; // only when the cases ran
    }
    Set<CompatibilityRule> expected = EnumSet.allOf(CompatibilityRule.class);
    expected.remove(CompatibilityRule.HISTORY_REWRITTEN); // lock against lock: CodeAnatomyCliTest
    expected.remove(CompatibilityRule.PROTO_NUMBER_CHANGED); // protobuf: ProtoCompatibilityTest
    expected.removeAll(COVERED);
    assertEquals(Set.of(), expected, "rules without a case");
  }
}
