package io.codeanatomy.processor.emit.rust;

import io.codeanatomy.contracts.canonical.SettingText;
import io.codeanatomy.processor.model.Names;
import io.codeanatomy.processor.model.ValueKind;
import io.codeanatomy.processor.model.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Rust spelled from the model: identifiers, types, literals, doc comments. */
final class RustSyntax {

  /** Strict and reserved keywords of Rust 2021: identifiers among them are written raw. */
  private static final Set<String> KEYWORDS = Set.of("as", "break", "const", "continue", "else",
      "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod",
      "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe",
      "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final",
      "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union");

  /** Keywords that cannot be raw identifiers; they get a trailing underscore. */
  private static final Set<String> NOT_RAW = Set.of("self", "Self", "super", "crate", "_");

  private RustSyntax() {}

  /** A snake-case field or function name from a Java name, keywords made raw. */
  static String fieldName(String javaName) {
    return identifier(Names.snakeCase(javaName.replace('$', '_')));
  }

  static String identifier(String name) {
    if (NOT_RAW.contains(name)) {
      return name + "_";
    }
    return KEYWORDS.contains(name) ? "r#" + name : name;
  }

  /** {@code INDENT -> Indent}, {@code PG_JSON -> PgJson}. */
  static String variantName(String javaConstant) {
    String name = Names.rustVariantStem(javaConstant);
    return NOT_RAW.contains(name) || KEYWORDS.contains(name) ? name + "_" : name;
  }

  /**
   * A Rust string literal: quotes, backslashes, control characters and the text-direction
   * controls escaped (rustc refuses those raw in a literal: its deny-by-default lint
   * {@code text_direction_codepoint_in_literal}); all other UTF-8 kept.
   */
  static String string(String text) {
    StringBuilder sb = new StringBuilder("\"");
    text.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff)
              || isDirectionControl(cp)) {
            sb.append(String.format(Locale.ROOT, "\\u{%x}", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.append('"').toString();
  }

  /**
   * Doc text as {@code ///} lines that rustdoc cannot misread: backticks escaped (a fence would
   * start a doctest), leading whitespace dropped (four spaces would start an indented code block,
   * also a doctest), trailing whitespace dropped, text-direction controls written as
   * {@code \\u{202e}} (rustc refuses them raw in a comment: the deny-by-default lint
   * {@code text_direction_codepoint_in_comment}). The exact text stays available in the key
   * registry's {@code doc} string.
   */
  static List<String> docLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
      String escaped = line.strip().replace("\\", "\\\\").replace("`", "\\`")
          .replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]");
      StringBuilder sb = new StringBuilder();
      escaped.codePoints().forEach(cp -> {
        if (isDirectionControl(cp)) {
          sb.append(String.format(Locale.ROOT, "\\\\u{%x}", cp));
        } else {
          sb.appendCodePoint(cp);
        }
      });
      lines.add(sb.toString());
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /**
   * The bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066 to
   * U+2069): the code points rustc's text-direction lints refuse in literals and comments.
   */
  static boolean isDirectionControl(int cp) {
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** The Rust type of a setting value. */
  static String type(ValueType type) {
    String inner = switch (type.kind()) {
      case BOOLEAN -> "bool";
      case INT -> "i32";
      case LONG, BYTES -> "i64";
      case DOUBLE -> "f64";
      case STRING -> "String";
      case ENUM -> enumName(type);
      case DURATION -> "Duration";
      case STRING_LIST -> "Vec<String>";
    };
    return type.optional() ? "Option<" + inner + ">" : inner;
  }

  static String enumName(ValueType type) {
    return type.enumType().orElseThrow().flatName();
  }

  /** A literal of the inner value for canonical setting text. */
  static String literal(ValueType type, String canonical) {
    return switch (type.kind()) {
      case BOOLEAN, INT, LONG, BYTES -> canonical;
      case DOUBLE -> canonical.contains(".") ? canonical : canonical + ".0";
      case STRING -> string(canonical) + ".to_string()";
      case ENUM -> enumName(type) + "::" + variantName(enumConstant(type, canonical));
      case DURATION -> "Duration::from_secs(" + SettingText.parseDuration(canonical).getSeconds() + ")";
      case STRING_LIST -> {
        List<String> values = SettingText.parseStringList(canonical);
        if (values.isEmpty()) {
          yield "Vec::new()";
        }
        List<String> items = new ArrayList<>();
        values.forEach(v -> items.add(string(v) + ".to_string()"));
        yield "vec![" + String.join(", ", items) + "]";
      }
    };
  }

  /** A literal of the whole field value, optionals wrapped; empty means unset. */
  static String fieldLiteral(ValueType type, java.util.Optional<String> canonical) {
    if (canonical.isEmpty()) {
      return "None";
    }
    String value = literal(type, canonical.get());
    return type.optional() ? "Some(" + value + ")" : value;
  }

  /** A bound as an {@code Option} of the type the checker's range method takes. */
  static String bound(ValueType type, java.util.Optional<String> canonical) {
    if (canonical.isEmpty()) {
      return "None";
    }
    String text = canonical.get();
    return "Some(" + switch (type.kind()) {
      case DOUBLE -> literal(type, text) + "_f64";
      case DURATION -> "Duration::from_secs(" + SettingText.parseDuration(text).getSeconds() + ")";
      default -> text;
    } + ")";
  }

  static String enumConstant(ValueType type, String text) {
    for (String constant : type.enumConstants()) {
      if (constant.toLowerCase(Locale.ROOT).equals(text)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("no constant for " + text);
  }

  /** The call that parses {@code text} into the inner value, with {@code ?}. */
  static String parse(ValueType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "text::parse_bool(text)?";
      case INT -> "text::parse_i32(text)?";
      case LONG -> "text::parse_i64(text)?";
      case DOUBLE -> "text::parse_f64(text)?";
      case BYTES -> "text::parse_byte_size(text)?";
      case DURATION -> "text::parse_duration(text)?";
      case STRING_LIST -> "text::parse_string_list(text)?";
      case STRING -> "text.to_string()";
      case ENUM -> enumName(type) + "::from_text(text)?";
    };
  }

  /**
   * The expression rendering the inner value {@code value} as text; {@code value} is the field
   * itself (by value for copies, by reference otherwise) or a binding from {@code if let}.
   */
  static String format(ValueType type, String value, boolean isReference) {
    String copied = isReference ? "*" + value : value;
    return switch (type.kind()) {
      case BOOLEAN -> "text::format_bool(" + copied + ")";
      case INT -> "text::format_int(i64::from(" + copied + "))";
      case LONG -> "text::format_int(" + copied + ")";
      case BYTES -> "text::format_byte_size(" + copied + ")";
      case DOUBLE -> "text::format_f64(" + copied + ")";
      case DURATION -> "text::format_duration(" + copied + ")";
      case STRING -> value + ".clone()";
      case ENUM -> value + ".as_text().to_string()";
      case STRING_LIST -> "text::format_string_list(" + (isReference ? value : "&" + value) + ")";
    };
  }

  /** Whether the Rust type of the inner value is {@code Copy}. */
  static boolean isCopy(ValueKind kind) {
    return kind != ValueKind.STRING && kind != ValueKind.STRING_LIST;
  }
}
