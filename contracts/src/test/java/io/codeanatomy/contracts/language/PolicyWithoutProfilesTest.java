package io.codeanatomy.contracts.language;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.codeanatomy.contracts.support.UnknownProfileException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A policy may declare no profile: its builder and defaults still work, and its profile lookups
 * refuse every name. (A switch expression without a case does not compile, so the generated
 * lookups must not be one.)
 */
class PolicyWithoutProfilesTest {

  @Test
  void compilesAndRefusesEveryProfileName() {
    Compilation compilation = ContractCompiler.compile(
        ContractCompiler.source("bare.S", """
            package bare;
            import io.codeanatomy.contracts.annotations.*;
            @SettingsSchema(namespace = "s", version = 1)
            public record S(@Setting(defaultValue = "x", doc = "d") String a) implements SContract.Mixin {}
            """),
        ContractCompiler.source("bare.P", """
            package bare;
            import io.codeanatomy.contracts.annotations.*;
            @PlanningPolicy(name = "bare", version = 1)
            public record P(S s) implements PContract.Mixin {}
            """));
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = ContractCompiler.classLoader(compilation);
    assertEquals(List.of(), ContractCompiler.callStatic(loader, "bare.PContract", "profileNames"));
    for (String method : List.of("profile", "expectedSettingsHash")) {
      Throwable thrown = assertThrows(AssertionError.class,
          () -> ContractCompiler.callStatic(loader, "bare.PContract", method, "default"));
      // callStatic wraps what the method threw; the class comes from the compilation's loader.
      while (thrown != null
          && !thrown.getClass().getName().equals(UnknownProfileException.class.getName())) {
        thrown = thrown.getCause();
      }
      assertNotNull(thrown, method + " throws UnknownProfileException");
      assertTrue(thrown.getMessage().contains("default"), thrown.getMessage());
    }
  }
}
