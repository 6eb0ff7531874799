package io.codeanatomy.processor.emit.java;

import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.ValueType;

/**
 * Java spelled from the model: the types of setting values, wrapping a value into its optional,
 * string literals and Javadoc text that are safe whatever a contract's strings hold.
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
   * A string literal of any text (docs, defaults, profile values). U+0085, U+2028 and U+2029
   * are Unicode line breaks, at which a writer that splits text into lines (JavaPoet's does)
   * would cut the literal in two; they, like every other control character, are written as
   * unicode escapes, which javac turns back into the character inside
   * the literal (none of them ends a line for javac). Line feeds and carriage returns use their
   * own escapes: as unicode escapes they would end the line before the literal is read.
   */
  static String literal(String text) {
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
    return sb.append('"').toString();
  }

  /** The Java type of a setting value as the record component spells it, named by the writer. */
  static String type(JavaWriter writer, ValueType type) {
    return switch (type.form()) {
      case PRIMITIVE -> primitive(type);
      case REFERENCE -> reference(writer, type);
      case OPTIONAL -> writer.name("java.util", "Optional") + "<" + reference(writer, type) + ">";
      case OPTIONAL_INT -> writer.name("java.util", "OptionalInt");
      case OPTIONAL_LONG -> writer.name("java.util", "OptionalLong");
      case OPTIONAL_DOUBLE -> writer.name("java.util", "OptionalDouble");
    };
  }

  /**
   * The type of the value inside an optional (or the value itself): {@code long} for
   * {@code OptionalLong}, {@code String} for {@code Optional<String>}.
   */
  static String valueType(JavaWriter writer, ValueType type) {
    return switch (type.form()) {
      case PRIMITIVE, OPTIONAL_INT, OPTIONAL_LONG, OPTIONAL_DOUBLE -> primitive(type);
      case REFERENCE, OPTIONAL -> reference(writer, type);
    };
  }

  /** The type an optional setter's {@code {@link}} names: the optional without arguments. */
  static String rawType(JavaWriter writer, ValueType type) {
    return switch (type.form()) {
      case OPTIONAL -> writer.name("java.util", "Optional");
      default -> type(writer, type);
    };
  }

  private static String reference(JavaWriter writer, ValueType type) {
    return switch (type.kind()) {
      case BOOLEAN -> writer.name("java.lang", "Boolean");
      case INT -> writer.name("java.lang", "Integer");
      case LONG, BYTES -> writer.name("java.lang", "Long");
      case DOUBLE -> writer.name("java.lang", "Double");
      case STRING -> writer.name("java.lang", "String");
      case DURATION -> writer.name("java.time", "Duration");
      case STRING_LIST ->
          writer.name("java.util", "List") + "<" + writer.name("java.lang", "String") + ">";
      case ENUM -> writer.name(type.enumType().orElseThrow());
    };
  }

  /** A value expression wrapped into the component's optional form: {@code Optional.of(value)}. */
  static String wrap(JavaWriter writer, JavaForm form, String value) {
    return switch (form) {
      case PRIMITIVE, REFERENCE -> value;
      case OPTIONAL -> writer.name("java.util", "Optional") + ".of(" + value + ")";
      case OPTIONAL_INT -> writer.name("java.util", "OptionalInt") + ".of(" + value + ")";
      case OPTIONAL_LONG -> writer.name("java.util", "OptionalLong") + ".of(" + value + ")";
      case OPTIONAL_DOUBLE -> writer.name("java.util", "OptionalDouble") + ".of(" + value + ")";
    };
  }

  private static String primitive(ValueType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "boolean";
      case INT -> "int";
      case LONG, BYTES -> "long";
      case DOUBLE -> "double";
      default -> throw new IllegalArgumentException(type.kind() + " is not primitive");
    };
  }
}
