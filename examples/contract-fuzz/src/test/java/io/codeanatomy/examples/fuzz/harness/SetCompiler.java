package io.codeanatomy.examples.fuzz.harness;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.codeanatomy.processor.ContractProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Compiles contract sources in memory with the processor, as a user's build would: {@code .proto}
 * files through the protoc the build downloaded (its Java joins the compilation, its descriptor set
 * goes to the processor), then javac with {@code -Xlint:all -Werror} unless asked otherwise.
 */
public final class SetCompiler {

  /** What protoc did with the {@code .proto} files of a compilation. */
  public record Protoc(boolean ok, String output, List<JavaFileObject> java, Path descriptorSet) {}

  private final Path protoc;
  private final Path includes;
  private final Path work;
  private final java.util.concurrent.atomic.AtomicInteger runs =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param work a folder for protoc's inputs and outputs (one subfolder per run)
   */
  public SetCompiler(Path work) {
    this.work = work;
    this.protoc = findProtoc();
    this.includes = work.resolve("include");
    // protoc from Maven comes without the well-known types, protobuf-java carries them; the
    // contract options come from the contracts jar, as a user's build gets them.
    extract("/google/protobuf/descriptor.proto", com.google.protobuf.DescriptorProtos.class);
    extract("/codeanatomy/contract/v1/options.proto", SetCompiler.class);
  }

  private void extract(String resource, Class<?> anchor) {
    Path target = includes.resolve(resource.substring(1));
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findProtoc() {
    // The protobuf plugin copies the protoc it resolved for this platform into target/.
    Path plugin = Path.of(System.getProperty("basedir", "."), "target", "protobuf-maven-plugin");
    try (Stream<Path> files = Files.walk(plugin)) {
      return files.filter(p -> p.getFileName().toString().startsWith("protoc")
              && Files.isRegularFile(p) && Files.isExecutable(p))
          .findFirst().orElseThrow(() -> new IllegalStateException("no protoc under " + plugin
              + ": run the build (./mvnw -B verify), which downloads it"));
    } catch (IOException e) {
      throw new UncheckedIOException("no protoc under " + plugin, e);
    }
  }

  /** Runs protoc over {@code protos} (path relative to the proto root -> text). */
  public Protoc protoc(Map<String, String> protos) {
    try {
      Path run = work.resolve("protoc-" + runs.getAndIncrement());
      // A folder left by an earlier test run would add its Java files to this one's.
      deleteTree(run);
      Files.createDirectories(run);
      Path root = run.resolve("proto");
      List<String> command = new ArrayList<>(List.of(protoc.toString(), "-I" + root,
          "-I" + includes));
      Path java = Files.createDirectories(run.resolve("java"));
      Path descriptorSet = run.resolve("set.binpb");
      command.addAll(List.of("--java_out=" + java, "--descriptor_set_out=" + descriptorSet,
          "--include_imports", "--include_source_info", "--retain_options"));
      for (Map.Entry<String, String> proto : protos.entrySet()) {
        Path file = root.resolve(proto.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, proto.getValue(), StandardCharsets.UTF_8);
        command.add(proto.getKey());
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("protoc did not finish in 60 s");
      }
      if (process.exitValue() != 0) {
        return new Protoc(false, output, List.of(), descriptorSet);
      }
      List<JavaFileObject> sources = new ArrayList<>();
      try (Stream<Path> files = Files.walk(java)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          String name = java.relativize(file).toString().replace('/', '.')
              .replaceAll("\\.java$", "");
          sources.add(JavaFileObjects.forSourceString(name, Files.readString(file)));
        }
      }
      return new Protoc(true, output, sources, descriptorSet);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Compiles {@code sources} (and protoc's Java, whose descriptor set the processor reads) as
   * contract set {@code set}; with {@code strict}, {@code -Xlint:all -Werror}.
   */
  public Compilation compile(String set, List<JavaFileObject> sources, Optional<Protoc> proto,
      boolean strict) {
    return compile(set, sources, proto, strict, true);
  }

  /**
   * As {@link #compile(String, List, Optional, boolean)}; without {@code classes}, javac stops
   * after its checks (attribution and flow analysis) and writes no class file: all it takes to
   * know whether the sources and the generated code compile, in less time.
   */
  public Compilation compile(String set, List<JavaFileObject> sources, Optional<Protoc> proto,
      boolean strict, boolean classes) {
    List<String> options = new ArrayList<>();
    if (strict) {
      options.addAll(List.of("-Xlint:all", "-Werror"));
    }
    if (!classes) {
      // javac's (unlisted) option to end a compilation without errors after flow analysis.
      options.add("-XDshould-stop.ifNoError=FLOW");
    }
    options.add("-Acodeanatomy.contractSet=" + set);
    // Every set's Rust module uses one runtime file, so that a crate of many modules compiles
    // the runtime once.
    options.add("-Acodeanatomy.rustRuntime=shared");
    List<JavaFileObject> all = new ArrayList<>(sources);
    proto.ifPresent(p -> {
      options.add("-Acodeanatomy.descriptorSets=" + p.descriptorSet());
      all.addAll(p.java());
    });
    return Compiler.javac().withProcessors(new ContractProcessor()).withOptions(options)
        .compile(all);
  }

  /**
   * Runs only the processor over the sources and writes what it generates into {@code dir}, for a
   * failure report: compile-testing keeps no generated file of a compilation that failed.
   */
  public void writeGenerated(String set, List<JavaFileObject> sources, Optional<Protoc> proto,
      Path dir) {
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    try (javax.tools.StandardJavaFileManager files =
        javac.getStandardFileManager(null, java.util.Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(dir);
      List<String> options = new ArrayList<>(List.of("-proc:only", "-s", dir.toString(), "-d",
          dir.toString(), "-classpath", System.getProperty("java.class.path"),
          "-Acodeanatomy.contractSet=" + set));
      List<JavaFileObject> all = new ArrayList<>(sources);
      proto.ifPresent(p -> {
        options.add("-Acodeanatomy.descriptorSets=" + p.descriptorSet());
        all.addAll(p.java());
      });
      javax.tools.JavaCompiler.CompilationTask task = javac.getTask(
          new java.io.StringWriter(), files, null, options, null, all);
      task.setProcessors(List.of(new ContractProcessor()));
      task.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** A generated resource (the Rust module, the manifest) as text. */
  public static Optional<String> resource(Compilation compilation, String path) {
    return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path).map(file -> {
      try (InputStream in = file.openInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Loads the classes a compilation produced, over the test's own class path. */
  public static ClassLoader classLoader(Compilation compilation) {
    Map<String, JavaFileObject> classes = new java.util.HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        classes.put(file.toUri().getPath(), file);
      }
    }
    return new ClassLoader(SetCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        JavaFileObject file = classes.get("/CLASS_OUTPUT/" + name.replace('.', '/') + ".class");
        if (file == null) {
          throw new ClassNotFoundException(name);
        }
        try (InputStream in = file.openInputStream()) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    };
  }
}
