package io.codeanatomy.contracts.core;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.codeanatomy.processor.ContractProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in {@code contracts/contracts.lock.json} guards the core contracts: a copy of the
 * module's sources compiles clean against it, and the same copy with one default changed fails
 * with {@code CA201} at that default, naming the profiles whose settings hash changed.
 */
class CoreLockTest {

  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  private static final String EXECUTION = "io/codeanatomy/contracts/core/settings/ExecutionSettings.java";

  @TempDir
  Path temp;

  /** Compiles the module's main sources, with {@code edits} applied, the way its pom does. */
  private Compilation compileCore(Map<String, String[]> edits) throws IOException {
    Path lock = temp.resolve("contracts.lock.json");
    Files.copy(MODULE.resolve("contracts.lock.json"), lock);
    Path sourceRoot = MODULE.resolve("src/main/java");
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String relative = sourceRoot.relativize(file).toString().replace('\\', '/');
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] edit = edits.get(relative);
        if (edit != null) {
          assertTrue(text.contains(edit[0]), relative + " contains " + edit[0]);
          text = text.replace(edit[0], edit[1]);
        }
        sources.add(JavaFileObjects.forSourceString(
            relative.replaceAll("\\.java$", "").replace('/', '.'), text));
      }
    }
    Path descriptors = MODULE.resolve("target/classes/META-INF/codeanatomy/descriptors/core.binpb");
    return Compiler.javac().withProcessors(new ContractProcessor())
        .withOptions(List.of("-Acodeanatomy.contractSet=core",
            "-Acodeanatomy.descriptorSets=" + descriptors, "-Acodeanatomy.lock=" + lock))
        .compile(sources);
  }

  @Test
  void theSourcesAgreeWithTheCheckedInLock() throws IOException {
    assertThat(compileCore(Map.of())).succeeded();
  }

  @Test
  void aChangedDefaultFailsWithTheProfilesWhoseHashChanged() throws IOException {
    Compilation changed = compileCore(Map.of(EXECUTION,
        new String[] {"@Setting(defaultValue = \"8192\"", "@Setting(defaultValue = \"4096\""}));
    assertThat(changed).failed();
    JavaFileObject file = changed.sourceFiles().stream()
        .filter(f -> f.getName().endsWith(EXECUTION)).findFirst().orElseThrow();
    // The profiles that set batch_size themselves keep their hash; the others change.
    assertThat(changed).hadErrorContaining("[CA201 DEFAULT_CHANGED] settings schema "
            + "io.codeanatomy.contracts.core.settings.ExecutionSettings, setting "
            + "datafusion.execution.batch_size: its default changed (was 8192, now 4096); the "
            + "settings hash of profiles codeanatomy/default, codeanatomy/dev, codeanatomy/prod, "
            + "codeanatomy/symtable changes with it; bump the version of the settings schema to 2")
        .inFile(file).onLine(14);
    assertThat(changed).hadErrorContaining("[CA206 PROFILE_CHANGED] policy codeanatomy, profile "
        + "default: its effective settings changed: datafusion.execution.batch_size 8192 -> 4096");
  }
}
