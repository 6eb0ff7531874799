package io.codeanatomy.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import io.codeanatomy.processor.emit.rust.RustEmitter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What build tools read about the processor: its Gradle category and its options. */
class ProcessorDeclarationTest {

  @Test
  void gradleKnowsTheProcessorIsAggregating() throws IOException {
    // Aggregating: the manifest, the Rust module, the docs and the contract catalog are each
    // made from every contract of the compilation, so one contract's change reaches them all.
    try (InputStream in = ContractProcessor.class.getClassLoader().getResourceAsStream(
        "META-INF/gradle/incremental.annotation.processors")) {
      assertNotNull(in, "the processor jar declares its Gradle incremental category");
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank()).toList();
      assertEquals(List.of(ContractProcessor.class.getName() + ",aggregating"), lines);
    }
  }

  @Test
  void everyOptionTheProcessorReadsIsSupported() {
    Set<String> supported = new ContractProcessor().getSupportedOptions();
    assertEquals(Set.of("codeanatomy.contractSet", "codeanatomy.descriptorSets",
        "codeanatomy.lock", "codeanatomy.lock.update", "codeanatomy.statistics",
        "codeanatomy.rustRuntime"), supported);
  }

  @Test
  void theRustRuntimeIsEmbeddedUnlessSharedIsAsked() {
    assertEquals(RustEmitter.Runtime.EMBEDDED,
        ProcessorOptions.parse(Map.of()).options().rustRuntime());
    ProcessorOptions.ProcessorOptionsOrProblem shared =
        ProcessorOptions.parse(Map.of("codeanatomy.rustRuntime", "shared"));
    assertEquals(RustEmitter.Runtime.SHARED, shared.options().rustRuntime());
    assertNull(shared.problem());
    ProcessorOptions.ProcessorOptionsOrProblem wrong =
        ProcessorOptions.parse(Map.of("codeanatomy.rustRuntime", "global"));
    assertEquals("-Acodeanatomy.rustRuntime=global is not embedded or shared", wrong.problem());
  }

  @Test
  void unknownOptionsOfThisProcessorAreNamedWithTheClosestOne() {
    List<String> warnings = ProcessorOptions.unknown(Set.of("codeanatomy.lock.updte",
        "codeanatomy.lock", "other.option"));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("[CA904 UNKNOWN_OPTION] -Acodeanatomy.lock.updte is not "
        + "an option of codeanatomy-processor; did you mean -Acodeanatomy.lock.update?"),
        warnings.get(0));
  }
}
