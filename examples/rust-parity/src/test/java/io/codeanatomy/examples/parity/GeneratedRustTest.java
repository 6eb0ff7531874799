package io.codeanatomy.examples.parity;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.codeanatomy.processor.ContractProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated Rust beyond the core and quickstart sets: the golden module (every setting type) and
 * a module of hostile contracts (doc and default text with comment ends, quotes, backslashes,
 * newlines, non-ASCII; fields named {@code type}, {@code match}, {@code ref}; an enum constant
 * {@code SELF}) compile under {@code -D warnings}, pass rustfmt, and keep their text.
 */
class GeneratedRustTest {

  static final Path BASE = Path.of(System.getProperty("basedir", "."));

  static final String HOSTILE = "ends a comment */ and \"quotes\", back\\slash \\u{41} \\n, "
      + "```rust\nfn doctest() {}\n```\n    indented code\n$dollar [link] <b>html</b>, "
      + "日本語 ü \uD83D\uDE00 | pipe";

  @Test
  void theGoldenModuleCompilesWithoutWarnings(@TempDir Path temp) throws Exception {
    Path golden = BASE.resolve(
        "../../contracts/src/test/resources/golden/expected/META-INF/codeanatomy/rust/test_contracts.rs");
    Files.copy(golden, temp.resolve("test_contracts.rs"));
    String harness = """
        #![deny(warnings)]
        #[path = "test_contracts.rs"]
        pub mod test_contracts;
        use test_contracts::*;

        #[test]
        fn every_profile_round_trips_and_hashes_as_expected() {
            for name in ServerPolicy::PROFILE_NAMES {
                let policy = ServerPolicy::profile(name).unwrap();
                let settings = policy.effective_settings();
                assert_eq!(ServerPolicy::from_settings(&settings).unwrap(), policy);
                assert_eq!(Some(policy.settings_hash().as_str()),
                    ServerPolicy::expected_settings_hash(name));
            }
            let edge = ServerPolicy::profile_edge_small();
            assert_eq!(edge.http.max_body_size, 524288);
            assert_eq!(edge.http.sample_rate, Some(0.01));
            assert_eq!(edge.http.workers, None);
            assert_eq!(edge.http.fallback_compression, Some(Compression::None));
        }

        #[test]
        fn violations_are_reported_together() {
            let mut policy = ServerPolicy::default();
            policy.http.port = 0;
            policy.http.load_factor = 2.5;
            policy.http.allowed_methods = vec!["GET,POST".to_string()];
            let text = policy.validate().unwrap_err().to_string();
            assert!(text.contains("server.http.port: must be at least 1, got 0"), "{}", text);
            assert!(text.contains("server.http.load_factor: must be at most 1, got 2.5"), "{}", text);
            assert!(text.contains("server.http.allowed_methods[0]: must not contain a comma"), "{}", text);
        }
        """;
    buildAndRun(temp, harness, Map.of());
    rustfmtCheck(temp.resolve("test_contracts.rs"));
  }

  @Test
  void hostileContractsGiveRustThatCompilesAndKeepsTheText(@TempDir Path temp) throws Exception {
    String schema = """
        package hostile;
        import io.codeanatomy.contracts.annotations.*;
        @SettingsSchema(namespace = "h", version = 1)
        public record S(
            @Setting(defaultValue = %1$s, doc = %1$s) String text,
            @Setting(defaultValue = "1", doc = %1$s) int type,
            @Setting(defaultValue = "true", doc = "match") boolean match,
            @Setting(defaultValue = "self", doc = "an enum constant named SELF") Kind kind) {}
        """.formatted(literal(HOSTILE));
    String kind = "package hostile;\npublic enum Kind { SELF, TYPE, MATCH_ALL }\n";
    String policy = """
        package hostile;
        import io.codeanatomy.contracts.annotations.*;
        @PlanningPolicy(name = "p", version = 1)
        @Profile(name = "x", doc = %1$s, set = {%2$s, "h.kind=match_all"})
        public record P(S ref) {}
        """.formatted(literal(HOSTILE), literal("h.text=" + HOSTILE));
    Compilation compilation = Compiler.javac()
        .withProcessors(new ContractProcessor())
        .withOptions("-Acodeanatomy.contractSet=hostile")
        .compile(JavaFileObjects.forSourceString("hostile.S", schema),
            JavaFileObjects.forSourceString("hostile.Kind", kind),
            JavaFileObjects.forSourceString("hostile.P", policy));
    assertThat(compilation).succeeded();
    try (InputStream in = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
        "META-INF/codeanatomy/rust/hostile_contracts.rs").orElseThrow().openInputStream()) {
      Files.write(temp.resolve("hostile_contracts.rs"), in.readAllBytes());
    }
    Files.writeString(temp.resolve("expected.txt"), HOSTILE, StandardCharsets.UTF_8);
    String harness = """
        #![deny(warnings)]
        #[path = "hostile_contracts.rs"]
        pub mod hostile_contracts;
        use hostile_contracts::*;

        #[test]
        fn texts_survive_and_keywords_are_fields() {
            let dir = std::env::var("HOSTILE_DIR").unwrap();
            let expected = std::fs::read_to_string(format!("{}/expected.txt", dir)).unwrap();
            assert_eq!(S::DESCRIPTORS[0].doc, expected);
            assert_eq!(S::DESCRIPTORS[0].default_value, Some(expected.as_str()));
            let s = S::default();
            assert_eq!(s.text, expected);
            assert_eq!(s.r#type, 1);
            assert!(s.r#match);
            assert_eq!(s.kind, Kind::Self_);
            let p = P::profile("x").unwrap();
            assert_eq!(p.r#ref.kind, Kind::MatchAll);
            assert_eq!(p.effective_settings()["h.text"], expected);
            assert_eq!(Some(p.settings_hash().as_str()), P::expected_settings_hash("x"));
        }
        """;
    buildAndRun(temp, harness, Map.of("HOSTILE_DIR", temp.toString()));
    rustfmtCheck(temp.resolve("hostile_contracts.rs"));
  }

  /**
   * {@code -Acodeanatomy.rustRuntime=shared}: two contract sets generated that way share one
   * {@code codeanatomy_runtime.rs} (one {@code Writer}, one {@code PlanningPolicy} trait), compile
   * beside an embedded module of the same set, and hash exactly as it does; a shared module
   * refuses, at compile time, a runtime from another build.
   */
  @Test
  void sharedRuntimeModulesCompileTogetherAndHashAsEmbeddedOnes(@TempDir Path temp)
      throws Exception {
    // The crate: harness.rs, embedded/test_contracts.rs, shared/{runtime, two modules}.
    Path crate = temp;
    Path shared = Files.createDirectories(crate.resolve("shared"));
    Path embedded = Files.createDirectories(crate.resolve("embedded"));
    List<javax.tools.JavaFileObject> golden = goldenSources();
    copyRust(compile("test", "embedded", golden), "test_contracts.rs", embedded);
    Compilation sharedGolden = compile("test", "shared", golden);
    copyRust(sharedGolden, "test_contracts.rs", shared);
    copyRust(sharedGolden, "codeanatomy_runtime.rs", shared);
    Compilation other = compile("other", "shared", List.of(JavaFileObjects.forSourceString(
        "other.Ping", """
            package other;
            import io.codeanatomy.contracts.annotations.*;
            @Contract(name = "ping", version = 1)
            public record Ping(String host, long count) {}
            """)));
    copyRust(other, "other_contracts.rs", shared);
    assertEquals(read(sharedGolden, "codeanatomy_runtime.rs"),
        read(other, "codeanatomy_runtime.rs"), "every shared module's runtime is the same file");
    String harness = """
        #![deny(warnings)]
        pub mod embedded {
            #[path = "test_contracts.rs"]
            pub mod test_contracts;
        }
        pub mod shared {
            #[path = "codeanatomy_runtime.rs"]
            pub mod codeanatomy_runtime;
            #[path = "other_contracts.rs"]
            pub mod other_contracts;
            #[path = "test_contracts.rs"]
            pub mod test_contracts;
        }
        use shared::codeanatomy_runtime::canonical::Writer;
        use shared::codeanatomy_runtime::PlanningPolicy;

        // Compiles only because both shared modules use the runtime's own types.
        fn one_writer(_: &mut Writer) {}
        fn settings_hash<P: PlanningPolicy>(profile: &str) -> String {
            P::profile(profile).unwrap().settings_hash()
        }

        macro_rules! report {
            ($module:ident) => {{
                use crate::$module::test_contracts as m;
                let page = m::Page {
                    url: "https://example.org/café".to_string(),
                    status: 200,
                    title: None,
                    links: vec!["a".to_string(), "b".to_string()],
                };
                m::ServerReport {
                    host: "h".to_string(),
                    requests: -7,
                    error_rate: 0.25,
                    healthy: true,
                    digest: vec![0, 255],
                    compression: m::Compression::Zstd,
                    tags: vec!["z".to_string(), "a".to_string()],
                    codecs: vec![m::Compression::Gzip, m::Compression::None],
                    counters: [("x".to_string(), 1_i64)].into_iter().collect(),
                    note: Some("n".to_string()),
                    parent_hash: None,
                    last_seen_unix_ms: Some(9),
                    pages: vec![page.clone(), page],
                    histogram: [("h".to_string(), vec![1, 2])].into_iter().collect(),
                    created_at_unix_ms: 1,
                }
            }};
        }

        #[test]
        fn both_modes_hash_alike_and_share_one_runtime() {
            one_writer(&mut shared::test_contracts::canonical::Writer::new());
            one_writer(&mut shared::other_contracts::canonical::Writer::new());
            for name in embedded::test_contracts::ServerPolicy::PROFILE_NAMES {
                let policy = embedded::test_contracts::ServerPolicy::profile(name).unwrap();
                assert_eq!(
                    policy.settings_hash(),
                    settings_hash::<shared::test_contracts::ServerPolicy>(name)
                );
            }
            assert_eq!(report!(embedded).hash().unwrap(), report!(shared).hash().unwrap());
            let ping = shared::other_contracts::Ping { host: "h".to_string(), count: 3 };
            assert_eq!(ping.hash().unwrap().len(), 64);
        }
        """;
    buildAndRun(crate, harness, Map.of());
    for (String file : List.of("codeanatomy_runtime.rs", "other_contracts.rs",
        "test_contracts.rs")) {
      rustfmtCheck(shared.resolve(file));
    }
    // A runtime from another build (here: one byte of its id changed) does not compile.
    Path runtime = shared.resolve("codeanatomy_runtime.rs");
    String text = Files.readString(runtime, StandardCharsets.UTF_8);
    java.util.regex.Matcher id = java.util.regex.Pattern
        .compile("pub const RUNTIME_ID: &str = \"([0-9a-f])").matcher(text);
    org.junit.jupiter.api.Assertions.assertTrue(id.find(), "the runtime has an id");
    String changed = id.group(1).equals("0") ? "1" : "0";
    Files.writeString(runtime, text.substring(0, id.start(1)) + changed
        + text.substring(id.end(1)), StandardCharsets.UTF_8);
    String rustc = RustToolchain.require("rustc").toString();
    RustToolchain.Run build = RustToolchain.run(List.of(rustc, "--edition", "2021", "--test",
        "harness.rs", "-o", "harness2"), crate, Map.of());
    org.junit.jupiter.api.Assertions.assertNotEquals(0, build.exit(), build.output());
    org.junit.jupiter.api.Assertions.assertTrue(build.output().contains(
        "generated with another codeanatomy_runtime.rs; take both from one build"),
        build.output());
  }

  private static List<javax.tools.JavaFileObject> goldenSources() throws IOException {
    Path input = BASE.resolve("../../contracts/src/test/resources/golden/input/example");
    List<javax.tools.JavaFileObject> sources = new java.util.ArrayList<>();
    try (var files = Files.list(input)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString().replace(".java", "");
        sources.add(JavaFileObjects.forSourceString("example." + name,
            Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return sources;
  }

  private static Compilation compile(String set, String runtime,
      List<javax.tools.JavaFileObject> sources) {
    Compilation compilation = Compiler.javac()
        .withProcessors(new ContractProcessor())
        .withOptions("-Acodeanatomy.contractSet=" + set, "-Acodeanatomy.rustRuntime=" + runtime)
        .compile(sources);
    assertThat(compilation).succeeded();
    return compilation;
  }

  private static String read(Compilation compilation, String file) throws IOException {
    try (InputStream in = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
        "META-INF/codeanatomy/rust/" + file).orElseThrow(
            () -> new AssertionError(file + " was not generated")).openInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void copyRust(Compilation compilation, String file, Path dir)
      throws IOException {
    Files.writeString(dir.resolve(file), read(compilation, file), StandardCharsets.UTF_8);
  }

  /** Compiles {@code harness} as a Rust test binary with warnings denied, and runs it. */
  static void buildAndRun(Path dir, String harness, Map<String, String> env) throws Exception {
    Files.writeString(dir.resolve("harness.rs"), harness, StandardCharsets.UTF_8);
    String rustc = RustToolchain.require("rustc").toString();
    RustToolchain.Run build = RustToolchain.run(List.of(rustc, "--edition", "2021", "--test",
        "-D", "warnings", "harness.rs", "-o", "harness"), dir, Map.of());
    assertEquals(0, build.exit(), "the generated Rust does not compile:\n" + build.output());
    RustToolchain.Run run = RustToolchain.run(List.of(dir.resolve("harness").toString()), dir, env);
    assertEquals(0, run.exit(), "the Rust checks failed:\n" + run.output());
  }

  static void rustfmtCheck(Path file) throws IOException, InterruptedException {
    var rustfmt = RustToolchain.find("rustfmt");
    Assumptions.assumeTrue(rustfmt.isPresent(), "rustfmt is not installed");
    RustToolchain.Run run = RustToolchain.run(
        List.of(rustfmt.get().toString(), "--check", "--edition", "2021", file.toString()),
        file.getParent(), Map.of());
    assertEquals(0, run.exit(), file.getFileName() + " is not rustfmt-stable:\n" + run.output());
  }

  static String literal(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
