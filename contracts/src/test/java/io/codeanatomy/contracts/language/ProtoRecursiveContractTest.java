package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.codeanatomy.processor.ContractProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proto contract messages that contain themselves, directly or through another message, are
 * refused as CA044 (as records are) at the field that closes the cycle. They overflowed the
 * processor's stack (CA999). Found by the processor fuzz (examples/contract-fuzz).
 */
class ProtoRecursiveContractTest {

  private static final String PROTO = """
      syntax = "proto3";
      package rec.v1;
      import "codeanatomy/contract/v1/options.proto";
      option java_package = "rec";
      option java_multiple_files = true;
      message Node {
        option (codeanatomy.contract.v1.contract) = {name: "node" version: 1};
        string name = 1;
        Edge edge = 2;
      }
      message Edge {
        option (codeanatomy.contract.v1.contract) = {name: "edge" version: 1};
        map<string, Node> targets = 1;
      }
      message Self {
        option (codeanatomy.contract.v1.contract) = {name: "self" version: 1};
        repeated Self children = 1;
      }
      """;

  @Test
  void aCycleOfMessagesIsRefusedAtTheField(@TempDir Path temp) throws Exception {
    ProtocRunner.Output out = new ProtocRunner(temp).run(temp, "rec/rec.proto", PROTO);
    Compilation compilation = Compiler.javac().withProcessors(new ContractProcessor())
        .withOptions(List.of("-Acodeanatomy.contractSet=rec",
            "-Acodeanatomy.descriptorSets=" + out.descriptorSet()))
        .compile(out.java());
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[CA044 RECURSIVE_CONTRACT]");
    assertThat(compilation).hadErrorContaining("rec.v1.Self -> rec.v1.Self");
    assertThat(compilation).hadErrorContaining("rec.v1.Node -> rec.v1.Edge -> rec.v1.Node");
    compilation.errors().forEach(d -> assertFalse(d.getMessage(Locale.ROOT).contains("CA999"),
        d.getMessage(Locale.ROOT)));
  }
}
