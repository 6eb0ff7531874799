package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.codeanatomy.processor.ContractProcessor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proto3 {@code optional} message field of a proto contract is validated as the nested
 * contract it holds when set. Its generated check called {@code ifPresent} on an unparenthesized
 * conditional ({@code value.hasX() ? Optional.of(..) : Optional.empty().ifPresent(..)}), which
 * did not compile. Found by the contract fuzz (examples/contract-fuzz).
 */
class ProtoOptionalFieldsTest {

  private static final String PROTO = """
      syntax = "proto3";
      package opt.v1;
      import "codeanatomy/contract/v1/options.proto";
      option java_package = "opt";
      option java_multiple_files = true;
      message Inner {
        option (codeanatomy.contract.v1.contract) = {name: "inner" version: 1};
        string digest = 1 [(codeanatomy.contract.v1.field).hash = HASH];
      }
      message Outer {
        option (codeanatomy.contract.v1.contract) = {name: "outer" version: 1};
        optional Inner inner = 1;
        optional string note = 2 [(codeanatomy.contract.v1.field).hash = HASH_OR_EMPTY];
      }
      """;

  @Test
  void anOptionalMessageIsValidatedWhenSet(@TempDir Path temp) throws Exception {
    ProtocRunner.Output out = new ProtocRunner(temp).run(temp, "opt/outer.proto", PROTO);
    Compilation compilation = Compiler.javac().withProcessors(new ContractProcessor())
        .withOptions(List.of("-Xlint:all", "-Werror", "-Acodeanatomy.contractSet=opt",
            "-Acodeanatomy.descriptorSets=" + out.descriptorSet()))
        .compile(out.java());
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    Object inner = loader.loadClass("opt.Inner").getMethod("newBuilder").invoke(null);
    inner.getClass().getMethod("setDigest", String.class).invoke(inner, "not a digest");
    Object outerBuilder = loader.loadClass("opt.Outer").getMethod("newBuilder").invoke(null);
    Object empty = outerBuilder.getClass().getMethod("build").invoke(outerBuilder);
    assertEquals(List.of(), ContractCompiler.callStatic(loader, "opt.OuterContract", "validate",
        empty));
    outerBuilder.getClass().getMethod("setInner", loader.loadClass("opt.Inner"))
        .invoke(outerBuilder, inner.getClass().getMethod("build").invoke(inner));
    Object set = outerBuilder.getClass().getMethod("build").invoke(outerBuilder);
    assertNotEquals(List.of(), ContractCompiler.callStatic(loader, "opt.OuterContract",
        "validate", set));
  }
}
