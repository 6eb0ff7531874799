package io.codeanatomy.examples.parity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds and runs the Rust tools: cargo, rustc, rustfmt. */
final class RustToolchain {

  private RustToolchain() {}

  /** What a tool printed (stdout and stderr interleaved) and how it exited. */
  record Run(int exit, String output) {}

  /** A tool on the PATH, or in {@code ~/.cargo/bin} where rustup installs it. */
  static Optional<Path> find(String tool) {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, tool));
      }
    }
    candidates.add(Path.of(System.getProperty("user.home"), ".cargo", "bin", tool));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** A tool that the test command needs; its absence fails with what to install. */
  static Path require(String tool) {
    return find(tool).orElseThrow(() -> new AssertionError(tool + " was not found on the PATH "
        + "nor in ~/.cargo/bin. The test command compiles and runs the generated Rust module, so "
        + "it needs a Rust toolchain: install it with rustup (https://rustup.rs), for example "
        + "'curl --proto =https -sSf https://sh.rustup.rs | sh -s -- -y', then run ./mvnw -B "
        + "verify again."));
  }

  static Run run(List<String> command, Path workDir, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }
}
