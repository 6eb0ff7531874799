package io.codeanatomy.contracts.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * Runs the protoc the build downloaded on a {@code .proto} text, as a user's build does: its Java
 * sources to compile with the processor, and the descriptor set the processor reads.
 */
final class ProtocRunner {

  /** protoc's output: the generated Java sources and the descriptor set. */
  record Output(List<JavaFileObject> java, Path descriptorSet) {}

  private final Path protoc;
  private final Path wellKnown;

  ProtocRunner(Path temp) throws IOException {
    // The protobuf plugin copies the protoc it resolved for this platform into target/.
    Path plugin = Path.of(System.getProperty("basedir", "."), "target", "protobuf-maven-plugin");
    try (Stream<Path> files = Files.walk(plugin)) {
      protoc = files.filter(p -> p.getFileName().toString().startsWith("protoc")
              && Files.isRegularFile(p) && Files.isExecutable(p))
          .findFirst().orElseThrow(() -> new IllegalStateException("no protoc under " + plugin
              + ": run the build (./mvnw -B verify), which downloads it"));
    }
    // protoc from Maven comes without the well-known types; protobuf-java carries them.
    wellKnown = temp.resolve("include");
    Path descriptor = wellKnown.resolve("google/protobuf/descriptor.proto");
    Files.createDirectories(descriptor.getParent());
    try (InputStream in = com.google.protobuf.DescriptorProtos.class
        .getResourceAsStream("/google/protobuf/descriptor.proto")) {
      Files.copy(in, descriptor);
    }
  }

  /** Runs protoc on {@code proto}, written as {@code path} under a new folder of {@code temp}. */
  Output run(Path temp, String path, String proto) throws Exception {
    Path work = Files.createTempDirectory(temp, "protoc");
    Path source = work.resolve("proto").resolve(path);
    Files.createDirectories(source.getParent());
    Files.writeString(source, proto, StandardCharsets.UTF_8);
    Path java = Files.createDirectories(work.resolve("java"));
    Path descriptorSet = work.resolve("set.binpb");
    Path optionsRoot = Path.of(System.getProperty("basedir", "."), "src", "main", "proto");
    Process process = new ProcessBuilder(protoc.toString(),
        "-I" + work.resolve("proto"), "-I" + optionsRoot, "-I" + wellKnown,
        "--java_out=" + java, "--descriptor_set_out=" + descriptorSet, "--include_imports",
        "--include_source_info", "--retain_options", path)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "protoc finished");
    assertEquals(0, process.exitValue(), "protoc: " + output);
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(java)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String name = java.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
        sources.add(JavaFileObjects.forSourceString(name, Files.readString(file)));
      }
    }
    return new Output(sources, descriptorSet);
  }
}
