package io.codeanatomy.contracts.language;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.codeanatomy.processor.ContractProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Compiles contract sources in memory with the processor, as a user's build would, with
 * {@code -Xlint:all -Werror} so that any warning in generated code fails the test.
 */
final class ContractCompiler {

  private ContractCompiler() {}

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  static Compilation compile(List<String> extraOptions, JavaFileObject... sources) {
    List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Werror",
        "-Acodeanatomy.contractSet=test"));
    options.addAll(extraOptions);
    return Compiler.javac()
        .withProcessors(new ContractProcessor())
        .withOptions(options)
        .compile(sources);
  }

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** A generated resource (manifest, settings.md) as text. */
  static Optional<String> resource(Compilation compilation, String path) {
    return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path).map(file -> {
      try (InputStream in = file.openInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** The source text of a generated Java file. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads the classes a compilation produced, over the test's own class path. */
  static ClassLoader classLoader(Compilation compilation) {
    return new ClassLoader(ContractCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = "/CLASS_OUTPUT/" + name.replace('.', '/') + ".class";
        for (JavaFileObject file : compilation.generatedFiles()) {
          if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().equals(path)) {
            try (InputStream in = file.openInputStream()) {
              byte[] bytes = in.readAllBytes();
              return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
              throw new ClassNotFoundException(name, e);
            }
          }
        }
        throw new ClassNotFoundException(name);
      }
    };
  }

  /** Calls a public static method of a compiled class. */
  static Object callStatic(ClassLoader loader, String className, String method, Object... args) {
    try {
      Class<?> type = loader.loadClass(className);
      for (java.lang.reflect.Method m : type.getMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == args.length) {
          return m.invoke(null, args);
        }
      }
      throw new AssertionError("no method " + className + "." + method);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads a public static field of a compiled class. */
  static Object staticField(ClassLoader loader, String className, String field) {
    try {
      return loader.loadClass(className).getField(field).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
