package io.codeanatomy.processor.emit.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.codeanatomy.contracts.canonical.SettingText;
import io.codeanatomy.processor.model.JavaForm;
import io.codeanatomy.processor.model.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Java spelled from the model: types of values, literals of canonical setting text, and Javadoc
 * text that is safe whatever a contract's doc string holds.
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

  /** A literal of the inner value for canonical setting text: {@code 8}, {@code 64L}, {@code "x"}. */
  static CodeBlock literal(ValueType type, String canonical) {
    return switch (type.kind()) {
      case BOOLEAN, INT -> CodeBlock.of("$L", canonical);
      case LONG, BYTES -> CodeBlock.of("$LL", canonical);
      case DOUBLE -> CodeBlock.of("$L", doubleLiteral(SettingText.parseDouble(canonical)));
      case STRING -> CodeBlock.of("$S", canonical);
      case ENUM -> CodeBlock.of("$T.$N", JavaNames.of(type.enumType().orElseThrow()),
          enumConstant(type, canonical));
      case DURATION -> durationLiteral(SettingText.parseDuration(canonical));
      case STRING_LIST -> listLiteral(SettingText.parseStringList(canonical));
    };
  }

  /** A literal of the whole component value, optionals wrapped; empty text means unset. */
  static CodeBlock componentLiteral(ValueType type, java.util.Optional<String> canonical) {
    if (canonical.isEmpty()) {
      return switch (type.form()) {
        case OPTIONAL -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL);
        case OPTIONAL_INT -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL_INT);
        case OPTIONAL_LONG -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL_LONG);
        case OPTIONAL_DOUBLE -> CodeBlock.of("$T.empty()", JavaNames.OPTIONAL_DOUBLE);
        default -> throw new IllegalArgumentException("a required value needs a literal");
      };
    }
    CodeBlock value = literal(type, canonical.get());
    return wrap(type.form(), value);
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

  static String enumConstant(ValueType type, String text) {
    for (String constant : type.enumConstants()) {
      if (constant.toLowerCase(Locale.ROOT).equals(text)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("no constant for " + text);
  }

  private static String doubleLiteral(double value) {
    // Double.toString always reads back as the same double, which is all a literal needs.
    return Double.toString(value) + "d";
  }

  private static CodeBlock durationLiteral(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds != 0 && seconds % 60 == 0) {
      return CodeBlock.of("$T.ofMinutes($L)", JavaNames.DURATION, seconds / 60);
    }
    return CodeBlock.of("$T.ofSeconds($L)", JavaNames.DURATION, seconds);
  }

  private static CodeBlock listLiteral(List<String> values) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", JavaNames.LIST);
    for (int i = 0; i < values.size(); i++) {
      b.add(i == 0 ? "$S" : ", $S", values.get(i));
    }
    return b.add(")").build();
  }

  /** The {@code SettingText} call that parses text into the inner value. */
  static CodeBlock parse(ValueType type, String textVariable) {
    return switch (type.kind()) {
      case BOOLEAN -> CodeBlock.of("$T.parseBoolean($N)", JavaNames.SETTING_TEXT, textVariable);
      case INT -> CodeBlock.of("$T.parseInt($N)", JavaNames.SETTING_TEXT, textVariable);
      case LONG -> CodeBlock.of("$T.parseLong($N)", JavaNames.SETTING_TEXT, textVariable);
      case DOUBLE -> CodeBlock.of("$T.parseDouble($N)", JavaNames.SETTING_TEXT, textVariable);
      case BYTES -> CodeBlock.of("$T.parseByteSize($N)", JavaNames.SETTING_TEXT, textVariable);
      case DURATION -> CodeBlock.of("$T.parseDuration($N)", JavaNames.SETTING_TEXT, textVariable);
      case STRING_LIST -> CodeBlock.of("$T.parseStringList($N)", JavaNames.SETTING_TEXT, textVariable);
      case ENUM -> CodeBlock.of("$T.parseEnum($T.class, $N)", JavaNames.SETTING_TEXT,
          JavaNames.of(type.enumType().orElseThrow()), textVariable);
      case STRING -> CodeBlock.of("$T.parseString($N)", JavaNames.SETTING_TEXT, textVariable);
    };
  }

  /** The {@code SettingText} call that renders the inner value {@code valueExpression} as text. */
  static CodeBlock format(ValueType type, CodeBlock valueExpression) {
    return switch (type.kind()) {
      case BOOLEAN -> CodeBlock.of("$T.formatBoolean($L)", JavaNames.SETTING_TEXT, valueExpression);
      case INT -> CodeBlock.of("$T.formatInt($L)", JavaNames.SETTING_TEXT, valueExpression);
      case LONG -> CodeBlock.of("$T.formatLong($L)", JavaNames.SETTING_TEXT, valueExpression);
      case DOUBLE -> CodeBlock.of("$T.formatDouble($L)", JavaNames.SETTING_TEXT, valueExpression);
      case BYTES -> CodeBlock.of("$T.formatByteSize($L)", JavaNames.SETTING_TEXT, valueExpression);
      case DURATION -> CodeBlock.of("$T.formatDuration($L)", JavaNames.SETTING_TEXT, valueExpression);
      case STRING_LIST -> CodeBlock.of("$T.formatStringList($L)", JavaNames.SETTING_TEXT,
          valueExpression);
      case ENUM -> CodeBlock.of("$T.formatEnum($L)", JavaNames.SETTING_TEXT, valueExpression);
      case STRING -> valueExpression;
    };
  }

  /** How to read the inner value of a present optional: {@code getAsLong()}, {@code get()}. */
  static String optionalGetter(JavaForm form) {
    return switch (form) {
      case OPTIONAL -> "get";
      case OPTIONAL_INT -> "getAsInt";
      case OPTIONAL_LONG -> "getAsLong";
      case OPTIONAL_DOUBLE -> "getAsDouble";
      default -> throw new IllegalArgumentException(form + " is not optional");
    };
  }
}
