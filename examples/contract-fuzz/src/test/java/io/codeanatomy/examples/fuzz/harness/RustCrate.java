package io.codeanatomy.examples.fuzz.harness;

import io.codeanatomy.examples.fuzz.gen.SetSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.ContractSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.EnumSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.MessageSpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.PolicySpec;
import io.codeanatomy.examples.fuzz.gen.SetSpec.SchemaSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Cargo crate for every generated set of a run: the shared runtime once, each set's module,
 * the vectors Java wrote, and a generated test per set that checks the module against them
 * (through {@code checks.rs}). Built once: when a module does not compile, its errors are
 * recorded against its set, the set is left out, and the crate is built again, so one run
 * reports every set whose Rust does not compile as well as every difference of the others.
 */
public final class RustCrate {

  /** A compiled set: its declarations, its Rust module, the Java vectors. */
  public record Member(SetSpec spec, String module, String vectors) {}

  /** What became of the Rust side: per set, the failures (empty: Rust agrees with Java). */
  public record Outcome(Map<String, List<String>> failures, long buildMillis, long testMillis,
      int rounds) {}

  private static final Set<String> NOT_RAW = Set.of("self", "Self", "super", "crate", "_");
  private static final Set<String> KEYWORDS = Set.of("as", "break", "const", "continue", "else",
      "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
      "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe",
      "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final",
      "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union");
  /** {@code src/g7_contracts.rs:12:5: error[E0428]: ...} with {@code --message-format short}. */
  private static final Pattern ERROR = Pattern.compile(
      "^(src|tests)/([A-Za-z0-9_./]+?)\\.rs:(\\d+):\\d+: error", Pattern.MULTILINE);

  private final Path dir;
  private final Path cargo;

  public RustCrate(Path dir) {
    this.dir = dir;
    this.cargo = RustTools.require("cargo");
  }

  /**
   * Writes the crate for {@code members} (with {@code runtime}, the shared runtime they were
   * generated with), builds it, runs its tests and returns every set's failures.
   */
  public Outcome check(String runtime, List<Member> members) {
    try {
      Files.createDirectories(dir.resolve("src"));
      Files.createDirectories(dir.resolve("tests/support"));
      Files.createDirectories(dir.resolve("vectors"));
      deleteChildren(dir.resolve("results"));
      Files.writeString(dir.resolve("Cargo.toml"), """
          # Written by the contract fuzz (examples/contract-fuzz): every generated set of a run.
          [package]
          name = "contract-fuzz-sets"
          version = "0.0.0"
          edition = "2021"
          publish = false

          [dependencies]

          [lib]
          path = "src/lib.rs"

          [profile.dev]
          debug = false
          incremental = false
          """);
      Files.writeString(dir.resolve("src/codeanatomy_runtime.rs"), runtime);
      Files.writeString(dir.resolve("tests/support/checks.rs"), resource("checks.rs"));
      Map<String, Member> remaining = new LinkedHashMap<>();
      for (Member member : members) {
        String set = member.spec().name();
        Files.writeString(dir.resolve("src/" + set + "_contracts.rs"), member.module());
        Files.writeString(dir.resolve("vectors/" + set + ".json"), member.vectors());
        remaining.put(set, member);
      }
      Map<String, List<String>> failures = new TreeMap<>();
      long buildStart = System.nanoTime();
      int rounds = 0;
      while (true) {
        rounds++;
        Map<String, int[]> testLines = writeSources(remaining);
        RustTools.Run build = RustTools.run(List.of(cargo.toString(), "test", "--offline",
            "--no-run", "--message-format", "short"), dir, Map.of());
        if (build.exit() == 0) {
          break;
        }
        Map<String, List<String>> broken = brokenSets(build.output(), testLines);
        if (broken.isEmpty() || rounds >= 8) {
          throw new AssertionError("the crate of generated sets does not build, and no set can "
              + "be blamed:\n" + tail(build.output(), 60));
        }
        broken.forEach((set, errors) -> {
          failures.put(set, errors);
          remaining.remove(set);
        });
      }
      long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;
      long testStart = System.nanoTime();
      RustTools.Run test = RustTools.run(List.of(cargo.toString(), "test", "--offline", "-q"),
          dir, Map.of());
      long testMillis = (System.nanoTime() - testStart) / 1_000_000;
      for (String set : remaining.keySet()) {
        Path result = dir.resolve("results/" + set + ".txt");
        if (!Files.exists(result)) {
          failures.put(set, List.of("its Rust test did not finish: " + tail(test.output(), 20)));
        } else {
          String text = Files.readString(result);
          if (!text.isEmpty()) {
            failures.put(set, List.of(text.split("\n")));
          }
        }
      }
      if (test.exit() != 0 && failures.isEmpty()) {
        throw new AssertionError("cargo test failed with no set failing:\n"
            + tail(test.output(), 40));
      }
      return new Outcome(failures, buildMillis, testMillis, rounds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the crate in " + dir, e);
    }
  }

  /** Writes lib.rs and the test file; returns each set's line range in the test file. */
  private Map<String, int[]> writeSources(Map<String, Member> members) throws IOException {
    StringBuilder lib = new StringBuilder("""
        //! Every generated set of a contract fuzz run, beside the one runtime they share.
        #![deny(warnings)]

        #[path = "codeanatomy_runtime.rs"]
        pub mod codeanatomy_runtime;
        """);
    for (String set : members.keySet()) {
      lib.append("#[path = \"").append(set).append("_contracts.rs\"]\npub mod ").append(set)
          .append("_contracts;\n");
    }
    Files.writeString(dir.resolve("src/lib.rs"), lib.toString());
    StringBuilder test = new StringBuilder("""
        //! Every generated set's Rust module against what its Java computed.
        #![deny(warnings)]

        #[path = "support/checks.rs"]
        mod checks;

        use std::collections::BTreeMap;
        """);
    Map<String, int[]> lines = new LinkedHashMap<>();
    for (Member member : members.values()) {
      int first = (int) test.chars().filter(c -> c == '\n').count() + 1;
      test.append(setTest(member.spec()));
      int last = (int) test.chars().filter(c -> c == '\n').count();
      lines.put(member.spec().name(), new int[] {first, last});
    }
    Files.writeString(dir.resolve("tests/sets.rs"), test.toString());
    return lines;
  }

  /** The test of one set: every schema, policy, contract and enum attribute. */
  private static String setTest(SetSpec set) {
    StringBuilder sb = new StringBuilder();
    String m = "contract_fuzz_sets::" + set.name() + "_contracts";
    sb.append("\n#[test]\nfn set_").append(set.name()).append("() {\n");
    sb.append("    checks::run(\"").append(set.name()).append("\", |root, f| {\n");
    for (SchemaSpec schema : set.schemas()) {
      String type = m + "::" + schema.type().flat();
      sb.append("        {\n")
          .append("            let v = checks::find(root, \"schemas\", \"namespace\", ")
          .append(rustString(schema.namespace())).append(");\n")
          .append("            let schema: ").append(type)
          .append(" = ::std::default::Default::default();\n")
          .append("            let mut defaults = BTreeMap::new();\n")
          .append("            schema.to_settings(&mut defaults);\n")
          .append("            let back = ").append(type).append("::from_settings(&defaults)\n")
          .append("                .map(|s| {\n")
          .append("                    let mut out = BTreeMap::new();\n")
          .append("                    s.to_settings(&mut out);\n")
          .append("                    out\n")
          .append("                })\n")
          .append("                .map_err(|e| e.to_string());\n")
          .append("            checks::schema(v, ").append(type).append("::VERSION, ")
          .append(type).append("::SCHEMA_FINGERPRINT, ").append(type)
          .append("::DESCRIPTORS, defaults, back, f);\n")
          .append("        }\n");
    }
    for (PolicySpec policy : set.policies()) {
      sb.append("        checks::policy::<").append(m).append("::").append(policy.type().flat())
          .append(">(checks::find(root, \"policies\", \"name\", ")
          .append(rustString(policy.name())).append("), f);\n");
    }
    for (ContractSpec contract : set.contracts()) {
      sb.append("        checks::contract::<").append(m).append("::")
          .append(contract.type().flat()).append(">(checks::find(root, \"contracts\", \"name\", ")
          .append(rustString(contract.name())).append("), f);\n");
    }
    for (MessageSpec message : set.messages()) {
      sb.append("        checks::contract::<").append(m).append("::")
          .append(message.javaType().flat())
          .append(">(checks::find(root, \"contracts\", \"name\", ")
          .append(rustString(message.name())).append("), f);\n");
    }
    for (EnumSpec e : set.enums()) {
      if (e.attributes().isEmpty()) {
        continue;
      }
      String flat = e.type().flat();
      sb.append("        for value in checks::items(checks::find(root, \"enums\", \"type\", \"")
          .append(flat).append("\"), \"values\") {\n")
          .append("            match ").append(m).append("::").append(flat)
          .append("::from_text(checks::text(value, \"text\")) {\n")
          .append("                Ok(x) => {\n");
      for (String attribute : e.attributes().keySet()) {
        sb.append("                    checks::attribute(\"").append(flat).append("\", value, \"")
            .append(attribute).append("\", x.").append(identifier(attribute)).append("(), f);\n");
      }
      sb.append("                }\n")
          .append("                Err(e) => f.push(format!(\"enum ").append(flat)
          .append(": {}\", e)),\n")
          .append("            }\n")
          .append("        }\n");
    }
    sb.append("    });\n}\n");
    return sb.toString();
  }

  /** The sets the build errors point into: their module, or their test's lines. */
  private static Map<String, List<String>> brokenSets(String output,
      Map<String, int[]> testLines) {
    Map<String, List<String>> broken = new LinkedHashMap<>();
    Matcher matcher = ERROR.matcher(output);
    while (matcher.find()) {
      int end = output.indexOf('\n', matcher.start());
      String line = output.substring(matcher.start(), end < 0 ? output.length() : end);
      Optional<String> set = Optional.empty();
      if (matcher.group(1).equals("src") && matcher.group(2).endsWith("_contracts")) {
        set = Optional.of(matcher.group(2).substring(0, matcher.group(2).length()
            - "_contracts".length()));
      } else if (matcher.group(1).equals("tests") && matcher.group(2).equals("sets")) {
        int number = Integer.parseInt(matcher.group(3));
        set = testLines.entrySet().stream()
            .filter(e -> number >= e.getValue()[0] && number <= e.getValue()[1])
            .map(Map.Entry::getKey).findFirst();
      }
      set.ifPresent(s -> broken.computeIfAbsent(s, k -> new ArrayList<>())
          .add("Rust does not compile: " + line));
    }
    return broken;
  }

  /** A Rust identifier for a lower snake name, as the generated module spells it. */
  private static String identifier(String name) {
    if (NOT_RAW.contains(name)) {
      return name + "_";
    }
    return KEYWORDS.contains(name) ? "r#" + name : name;
  }

  private static String rustString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = RustCrate.class.getResourceAsStream("/contract-fuzz/" + name)) {
      if (in == null) {
        throw new IllegalStateException("/contract-fuzz/" + name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void deleteChildren(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      try (var files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Finding and running cargo. */
  static final class RustTools {

    private RustTools() {}

    record Run(int exit, String output) {}

    static Path require(String tool) {
      List<Path> candidates = new ArrayList<>();
      for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, tool));
        }
      }
      candidates.add(Path.of(System.getProperty("user.home"), ".cargo", "bin", tool));
      return candidates.stream().filter(Files::isExecutable).findFirst()
          .orElseThrow(() -> new AssertionError(tool + " was not found on the PATH nor in "
              + "~/.cargo/bin. The contract fuzz builds the generated Rust modules, so the test "
              + "command needs a Rust toolchain: install it with rustup (https://rustup.rs)."));
    }

    static Run run(List<String> command, Path workDir, Map<String, String> env) {
      try {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(),
            StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new AssertionError(command + " did not finish");
        }
        return new Run(process.exitValue(), output);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run " + command, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while running " + command, e);
      }
    }
  }
}
