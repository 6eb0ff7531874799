package io.codeanatomy.processor.emit.java;

import com.palantir.javapoet.JavaFile;
import io.codeanatomy.processor.model.TypeRef;
import java.util.function.Supplier;

/**
 * One generated Java source: the class it declares and how to render its text. Rendering is left
 * to the caller, which runs it for many files at once; each rendering uses only its own state.
 *
 * @param className the qualified name of the top-level class
 * @param text renders the file's text
 */
public record JavaSource(String className, Supplier<String> text) {

  /** The source of the top-level class {@code type}, rendered by {@code text}. */
  static JavaSource of(TypeRef type, Supplier<String> text) {
    return new JavaSource(type.qualifiedName(), text);
  }

  /** A source JavaPoet renders. */
  static JavaSource of(JavaFile file) {
    String name = file.packageName().isEmpty() ? file.typeSpec().name()
        : file.packageName() + "." + file.typeSpec().name();
    return new JavaSource(name, file::toString);
  }
}
