package io.codeanatomy.examples.fuzz.gen;

import java.util.List;
import java.util.Random;

/**
 * Text that generated code must carry unchanged: comment ends, quotes, backslashes, would-be
 * escapes of Java and Rust (backslash-u sequences) and format strings, newlines and other
 * control characters, non-ASCII, emoji, bidirectional controls, and characters whose UTF-8 and
 * UTF-16 orders differ (map keys and bags sort by UTF-8 bytes).
 */
final class Texts {

  private Texts() {}

  /** Whole hostile strings. */
  static final List<String> HOSTILE = List.of(
      "ends a comment */ here",
      "/* opens one",
      "\"quoted\" and 'single'",
      "back\\slash \\\\ double",
      "\\u0041 is not an A",
      "\\u{41} \\x41 \\n \\t \\0",
      "line one\nline two",
      "carriage\rreturn and\r\nwindows",
      "tab\there",
      "nul \0 bell \u0007 escape \u001b del \u007f",
      "next line \u0085 line separator \u2028 paragraph \u2029",
      "$dollar ${x} $1 %s %n {} {0}",
      "@param x {@code y} <b>html</b> &amp; &#47;",
      "```rust\nfn doctest() {}\n```",
      "    indented like code",
      "[link](x) `tick` # heading | pipe",
      "日本語のテキスト",
      "Grüße, café, naïve, Ærø",
      "emoji \uD83D\uDE00 and \uD83C\uDDE9\uD83C\uDDEA flags",
      "\uFF61 halfwidth before \uD83D\uDE00 in UTF-16 only",
      "right-to-left \u202E override \u202C and \u2066isolate\u2069",
      "zero\u200Bwidth\uFEFFbom",
      "a=b=c, key=value; semi",
      "trailing space ",
      " leading space",
      "",
      " ",
      "-",
      "true",
      "null",
      "0",
      "'); DROP TABLE settings; --",
      "r#\"raw\"#",
      "#[attr] fn main() {}",
      "\\");

  /** Characters random strings are drawn from, hostile ones weighted in. */
  private static final String[] PIECES = {
      "a", "b", "z", "A", "Q", "0", "9", "_", "-", ".", " ", "*/", "/*", "\"", "'", "\\", "\\u0041",
      "\\u{41}", "\n", "\r", "\t", "\0", "$", "{", "}", "`", "#", "|", "=", ",", ";", "é", "ß",
      "日", "\uD83D\uDE00", "\uFF61", "\uE000", "\uFFFF", "\u0085", "\u2028", "\u202E", "\u200B",
      "\u007f", "<", ">", "&", "%s", "[", "]"};

  /** A hostile string: one of the fixed ones, or a random mix of hostile pieces. */
  static String any(Random random) {
    if (random.nextInt(3) == 0) {
      return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }
    int pieces = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  /** A hostile string without commas and never empty: a string-list element. */
  static String listElement(Random random) {
    String text = any(random).replace(",", ";");
    return text.isEmpty() ? "x" : text;
  }

  /** Documentation text: hostile, sometimes long, sometimes empty. */
  static String doc(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> any(random) + " " + any(random) + "\n" + any(random);
      default -> any(random);
    };
  }

  /** A string as a Java string literal (every character that needs it escaped). */
  static String javaLiteral(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            // Three octal digits, never a unicode escape (which javac reads before the literal).
            sb.append(String.format(java.util.Locale.ROOT, "\\%03o", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A string as a protobuf text-format string literal (for contract names and bag keys). */
  static String protoLiteral(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
