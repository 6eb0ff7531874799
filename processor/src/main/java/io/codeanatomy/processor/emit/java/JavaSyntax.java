package io.codeanatomy.processor.emit.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.ValueType;

/**
 * Java spelled from the model: the types of setting values, wrapping a value into its optional,
 * and Javadoc text that is safe whatever a contract's doc string holds.
 */
final class JavaSyntax {

  private JavaSyntax() {}

  /**
   * Doc text made safe for a Javadoc comment: {@code *}{@code /} would end the comment, a
   * backslash could start a unicode escape that javac reads even inside comments, {@code @} at a
   * line start would start a tag, and {@code <}, {@code >}, {@code &} are HTML. Non-ASCII text is
   * kept as is (sources are UTF-8).
   */
  static String javadoc(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> sb.append("&#92;");
        case '@' -> sb.append("&#64;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '/' -> sb.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
        case '\r' -> {
          if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
            sb.append('\n');
          }
        }
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A string literal of any text (docs, defaults, profile values). JavaPoet's {@code $S} leaves
   * U+0085, U+2028 and U+2029 raw, and its writer breaks lines at every Unicode line break
   * ({@code \\R}), which would split the literal in two; here they, like every other control
   * character, are written as unicode escapes, which javac turns back into the character inside
   * the literal (none of them ends a line for javac). Line feeds and carriage returns use their
   * own escapes: as unicode escapes they would end the line before the literal is read.
   */
  static CodeBlock string(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return CodeBlock.of("$L", sb.append('"'));
  }

  /** The Java type of a setting value as the record component spells it. */
  static TypeName type(ValueType type) {
    return switch (type.form()) {
      case PRIMITIVE -> primitive(type);
      case REFERENCE -> reference(type);
      case OPTIONAL -> ParameterizedTypeName.get(JavaNames.OPTIONAL, reference(type));
      case OPTIONAL_INT -> JavaNames.OPTIONAL_INT;
      case OPTIONAL_LONG -> JavaNames.OPTIONAL_LONG;
      case OPTIONAL_DOUBLE -> JavaNames.OPTIONAL_DOUBLE;
    };
  }

  /**
   * The type of the value inside an optional (or the value itself): {@code long} for
   * {@code OptionalLong}, {@code String} for {@code Optional<String>}.
   */
  static TypeName valueType(ValueType type) {
    return switch (type.form()) {
      case PRIMITIVE, OPTIONAL_INT, OPTIONAL_LONG, OPTIONAL_DOUBLE -> primitive(type);
      case REFERENCE, OPTIONAL -> reference(type);
    };
  }

  private static TypeName primitive(ValueType type) {
    return switch (type.kind()) {
      case BOOLEAN -> TypeName.BOOLEAN;
      case INT -> TypeName.INT;
      case LONG, BYTES -> TypeName.LONG;
      case DOUBLE -> TypeName.DOUBLE;
      default -> throw new IllegalArgumentException(type.kind() + " is not primitive");
    };
  }

  private static TypeName reference(ValueType type) {
    return switch (type.kind()) {
      case BOOLEAN -> ClassName.get(Boolean.class);
      case INT -> ClassName.get(Integer.class);
      case LONG, BYTES -> ClassName.get(Long.class);
      case DOUBLE -> ClassName.get(Double.class);
      case STRING -> JavaNames.STRING;
      case DURATION -> JavaNames.DURATION;
      case STRING_LIST -> JavaNames.STRING_LIST;
      case ENUM -> JavaNames.of(type.enumType().orElseThrow());
    };
  }

  /** Wraps an inner value expression into the component's optional form. */
  static CodeBlock wrap(JavaForm form, CodeBlock value) {
    return switch (form) {
      case PRIMITIVE, REFERENCE -> value;
      case OPTIONAL -> CodeBlock.of("$T.of($L)", JavaNames.OPTIONAL, value);
      case OPTIONAL_INT -> CodeBlock.of("$T.of($L)", JavaNames.OPTIONAL_INT, value);
      case OPTIONAL_LONG -> CodeBlock.of("$T.of($L)", JavaNames.OPTIONAL_LONG, value);
      case OPTIONAL_DOUBLE -> CodeBlock.of("$T.of($L)", JavaNames.OPTIONAL_DOUBLE, value);
    };
  }
}
