package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.codeanatomy.processor.ContractProcessor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated code of a proto contract reads fields through protoc's getters, named as protoc
 * names them, which is not the field's JSON name: a letter after a digit is capitalized
 * ({@code a1b2 -> getA1B2List()}), names every message already has a method for get a trailing
 * {@code _} ({@code class -> getClass_()}), and fields whose accessors would collide get their
 * field number ({@code repeated foo} and {@code foo_count}). Found by the contract fuzz
 * (examples/contract-fuzz): each of these generated Java that did not compile.
 */
class ProtoAccessorNamesTest {

  private static final String PROTO = """
      syntax = "proto3";
      package names.v1;
      import "codeanatomy/contract/v1/options.proto";
      option java_package = "names";
      option java_multiple_files = true;
      enum Stage {
        STAGE_UNSPECIFIED = 0;
        STAGE_RUN = 1;
      }
      message Key {
        option (codeanatomy.contract.v1.contract) = {name: "key" version: 1};
        string x1y = 1;
      }
      message Odd {
        option (codeanatomy.contract.v1.contract) = {name: "odd" version: 1};
        repeated bytes a1b2 = 1;
        int64 http2_window = 2;
        string class = 3;
        bool unknown_fields = 4;
        repeated string foo = 5;
        int32 foo_count = 6;
        Stage stage = 7;
        int32 stage_value = 8;
        optional int64 v2x = 9;
        repeated Key keys = 10 [(codeanatomy.contract.v1.field).bag = true, (codeanatomy.contract.v1.field).bag_key = "x1y"];
      }
      """;

  @Test
  void protocsGetterNamesAreCalled(@TempDir Path temp) throws Exception {
    ProtocRunner protoc = new ProtocRunner(temp);
    ProtocRunner.Output out = protoc.run(temp, "names/odd.proto", PROTO);
    Compilation compilation = Compiler.javac().withProcessors(new ContractProcessor())
        .withOptions(List.of("-Xlint:all", "-Werror", "-Acodeanatomy.contractSet=names",
            "-Acodeanatomy.descriptorSets=" + out.descriptorSet()))
        .compile(out.java());
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    Class<?> odd = loader.loadClass("names.Odd");
    Object builder = odd.getMethod("newBuilder").invoke(null);
    Class<?> type = builder.getClass();
    type.getMethod("setClass_", String.class).invoke(builder, "c");
    type.getMethod("setFoo5", int.class, String.class);  // protoc's disambiguated name
    Object message = type.getMethod("build").invoke(builder);
    String hash = (String) ContractCompiler.callStatic(loader, "names.OddContract", "hash", message);
    assertEquals(64, hash.length());
  }
}
