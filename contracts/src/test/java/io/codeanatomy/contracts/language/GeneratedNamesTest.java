package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names a user may give components and types never break generated code: the generated classes
 * have locals, parameters and members of their own, and a component named like one of them must
 * still compile warning-free and work. Each case was found by the contract fuzz
 * (examples/contract-fuzz).
 */
class GeneratedNamesTest {

  @Test
  void componentsNamedLikeTheBuildersLocalsBuildTheRecord() throws Exception {
    // build() declared locals `violations` and `value` and read the builder's fields by their
    // bare names: a component named `violations` was passed the local Violations instead.
    Compilation compilation = ContractCompiler.compile(ContractCompiler.source("n.Item", """
        package n;
        import io.codeanatomy.contracts.annotations.*;
        import java.util.List;
        @Contract(name = "item", version = 1)
        public record Item(long violations, String value, List<String> writer) {}
        """));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    Object builder = ContractCompiler.callStatic(loader, "n.ItemContract", "builder");
    Class<?> type = builder.getClass();
    type.getMethod("violations", long.class).invoke(builder, 7L);
    type.getMethod("value", String.class).invoke(builder, "v");
    type.getMethod("writer", List.class).invoke(builder, List.of("w"));
    Object item = type.getMethod("build").invoke(builder);
    Method violations = item.getClass().getMethod("violations");
    violations.setAccessible(true);
    assertEquals(7L, violations.invoke(item));
    assertEquals("v", item.getClass().getMethod("value").invoke(item));
  }

  @Test
  void aComponentNamedValidateBuildsTheRecord() throws Exception {
    // Its setter validate(...) hid the companion's static validate(record) that build() calls.
    Compilation compilation = ContractCompiler.compile(ContractCompiler.source("n.Check", """
        package n;
        import io.codeanatomy.contracts.annotations.*;
        @Contract(name = "check", version = 1)
        public record Check(boolean validate, String write, long hash) {}
        """));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    Object builder = ContractCompiler.callStatic(loader, "n.CheckContract", "builder");
    builder.getClass().getMethod("validate", boolean.class).invoke(builder, true);
    builder.getClass().getMethod("write", String.class).invoke(builder, "w");
    Object check = builder.getClass().getMethod("build").invoke(builder);
    assertEquals(true, check.getClass().getMethod("validate").invoke(check));
  }
}
