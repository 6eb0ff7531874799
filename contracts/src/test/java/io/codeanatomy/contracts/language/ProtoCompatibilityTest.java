package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.codeanatomy.processor.ContractProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility rule only protobuf contracts have, {@code CA104 PROTO_NUMBER_CHANGED}, end to
 * end: the test runs the very protoc the build downloaded on a {@code .proto}, compiles protoc's
 * Java with the processor and its descriptor set, and checks the lock at the {@code .proto} line.
 */
class ProtoCompatibilityTest {

  private static final String V1 = """
      syntax = "proto3";
      package t.v1;
      import "codeanatomy/contract/v1/options.proto";
      option java_package = "t";
      option java_multiple_files = true;
      message Item {
        option (codeanatomy.contract.v1.contract) = {name: "item" version: 1};
        string id = 1;
        int64 size = 2;
      }
      """;

  private static ProtocRunner protoc;

  @TempDir
  Path temp;

  @BeforeAll
  static void findProtoc(@TempDir Path shared) throws IOException {
    protoc = new ProtocRunner(shared);
  }

  /** Runs protoc on {@code proto} and compiles its Java with the processor and the lock. */
  private Compilation compile(String proto, boolean update, JavaFileObject... more)
      throws Exception {
    ProtocRunner.Output out = protoc.run(temp, "t/item.proto", proto);
    Path descriptorSet = out.descriptorSet();
    List<JavaFileObject> sources = new ArrayList<>(out.java());
    sources.addAll(List.of(more));
    return Compiler.javac().withProcessors(new ContractProcessor())
        .withOptions(List.of("-Acodeanatomy.contractSet=test",
            "-Acodeanatomy.descriptorSets=" + descriptorSet,
            "-Acodeanatomy.lock=" + temp.resolve("contracts.lock.json"),
            "-Acodeanatomy.lock.update=" + update))
        .compile(sources);
  }

  @Test
  void aChangedFieldNumberFailsAtTheProtoLine() throws Exception {
    assertThat(compile(V1, true)).succeeded();
    Compilation renumbered = compile(V1.replace("int64 size = 2;", "int64 size = 3;"), false);
    assertThat(renumbered).failed();
    assertThat(renumbered).hadErrorContaining("t/item.proto:9:3: [CA104 PROTO_NUMBER_CHANGED] "
        + "contract item, field size: its field number changed: binary payloads written before "
        + "read as another field (was 2, now 3); bump the version of the contract to 2");
    // The same change with a bump compiles.
    assertThat(compile(V1.replace("int64 size = 2;", "int64 size = 3;")
        .replace("version: 1", "version: 2"), false)).succeeded();
    // A field that enters no hash and may be absent breaks nothing.
    assertThat(compile(V1.replace("int64 size = 2;", "int64 size = 2;\n  optional string note = 3 "
        + "[(codeanatomy.contract.v1.field).provenance = true];"), false)).succeeded();
  }

  @Test
  void aProtoAndARecordSpellingOfOneContractAreRefused() throws Exception {
    // Both spellings in one compilation: the manifest would list the contract twice, the Rust
    // module would define it twice, and the two would hash differently. The error names both.
    JavaFileObject record = JavaFileObjects.forSourceString("r.Item", """
        package r;
        import io.codeanatomy.contracts.annotations.*;
        @Contract(name = "item", version = 1)
        public record Item(String id, long size) {}
        """);
    Compilation both = compile(V1, false, record);
    assertThat(both).failed();
    assertThat(both).hadErrorContaining("[CA050 DUPLICATE_CONTRACT] contract item is declared "
        + "twice: by message t.Item and by record r.Item");
  }

  @Test
  void aReusedFieldNumberIsReportedOnTheNewField() throws Exception {
    assertThat(compile(V1, true)).succeeded();
    Compilation reused = compile(V1.replace("int64 size = 2;", "string owner = 2;"), false);
    assertThat(reused).hadErrorContaining("t/item.proto:9:3: [CA104 PROTO_NUMBER_CHANGED] "
        + "contract item, field owner: field number 2 belonged to size");
    assertThat(reused).hadErrorContaining("[CA102 FIELD_REMOVED] contract item, field size");
  }
}
