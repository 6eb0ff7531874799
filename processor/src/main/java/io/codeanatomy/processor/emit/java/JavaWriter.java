package io.codeanatomy.processor.emit.java;

import io.codeanatomy.processor.model.TypeRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one Java source file in a single pass, for the two classes the processor generates in
 * bulk: a settings schema's and a planning policy's {@code Contract} class. Everything else is
 * generated with JavaPoet.
 *
 * <p>Why by hand: JavaPoet renders a file twice (once to collect its imports), parses every
 * format string and splits every emitted string with a regular expression. With hundreds of
 * schemas that rendering was a quarter of the compile's Java samples, and the largest part of the
 * processor's own time (docs/benchmarks.md, section 1). This writer keeps what JavaPoet gave
 * those two classes, and gives the same text: imports chosen per simple name (a name the file
 * already uses, or one of its own nested types, makes a clashing type fully qualified),
 * {@code java.lang} imported only where a type of the package would hide it, 100-column
 * wrapping at the same wrapping points
 * ({@link #wrap()} is JavaPoet's {@code $W}), two-space indentation and the same Javadoc layout.
 * The golden files of the generated classes check that text.
 *
 * <p>Not thread-safe: one writer per file. Files are rendered in parallel, each with its own.
 */
final class JavaWriter {

  private static final int COLUMN_LIMIT = 100;
  private static final String INDENT = "  ";

  private final String packageName;
  /** Simple names the file declares (the class and its nested types): never imported. */
  private final Set<String> declared;
  /** Simple name to the top-level type that holds it in this file (imported or java.lang). */
  private final Map<String, TypeRef> imported = new HashMap<>();
  /** Simple names of top-level types of the file's own package that the file refers to. */
  private final Set<String> samePackage = new HashSet<>();
  /**
   * Simple names of {@code java.lang} types that a referenced type of the file's own package
   * also has: those need an import, since a package's own types hide {@code java.lang}'s.
   */
  private final Set<String> shadowed = new HashSet<>();

  private final StringBuilder out = new StringBuilder(16 * 1024);
  /** Text after a pending wrapping point: written after a space, or a line break if too long. */
  private final StringBuilder pending = new StringBuilder();
  private int indent;
  private int column;
  /** Indentation after a wrap at the pending wrapping point; -1 when none is pending. */
  private int wrapIndent = -1;
  /** Whether the pending wrapping point is a space when it does not wrap. */
  private boolean pendingSpace;
  private boolean lineStart = true;

  /**
   * @param packageName the package of the file, empty for the unnamed package
   * @param declared the simple names of the class written and of its nested types
   */
  JavaWriter(String packageName, Set<String> declared) {
    this.packageName = packageName;
    this.declared = Set.copyOf(declared);
  }

  // ---------------------------------------------------------------- type names

  /** How this file names {@code type}: its simple names where possible, qualified where not. */
  String name(TypeRef type) {
    return name(type.packageName(), type.simpleNames());
  }

  /** How this file names the type {@code packageName.simpleNames[0].simpleNames[1]...}. */
  String name(String packageName, String... simpleNames) {
    return name(packageName, List.of(simpleNames));
  }

  private String name(String typePackage, List<String> simpleNames) {
    String top = simpleNames.get(0);
    String nested = simpleNames.size() == 1 ? top : String.join(".", simpleNames);
    String qualified = typePackage.isEmpty() ? nested : typePackage + "." + nested;
    if (declared.contains(top)) {
      return qualified; // the file's own class or nested type holds the simple name
    }
    if (typePackage.equals(packageName)) {
      TypeRef holder = imported.get(top);
      if (holder != null) {
        if (holder.packageName().equals("java.lang")) {
          shadowed.add(top);
        }
        return qualified;
      }
      samePackage.add(top);
      return nested;
    }
    TypeRef holder = imported.get(top);
    if (holder == null && !samePackage.contains(top)) {
      holder = TypeRef.of(typePackage, top);
      imported.put(top, holder);
    }
    return holder != null && holder.packageName().equals(typePackage) ? nested : qualified;
  }

  // ---------------------------------------------------------------- code

  /**
   * Appends code. A line feed ends the line; each non-empty line starts at the current
   * indentation.
   */
  JavaWriter add(String code) {
    int start = 0;
    while (true) {
      int lineFeed = code.indexOf('\n', start);
      int end = lineFeed < 0 ? code.length() : lineFeed;
      if (end > start) {
        if (lineStart) {
          for (int i = 0; i < indent; i++) {
            append(INDENT);
          }
          lineStart = false;
        }
        append(code.substring(start, end));
      }
      if (lineFeed < 0) {
        return this;
      }
      append("\n");
      lineStart = true;
      start = lineFeed + 1;
    }
  }

  /**
   * A wrapping point: a space, or a line break with two more levels of indentation when the
   * code up to the next wrapping point or line break would pass column 100.
   */
  JavaWriter wrap() {
    if (wrapIndent >= 0) {
      flush(false);
    }
    column++; // the space, written when the pending text is flushed
    wrapIndent = indent + 2;
    pendingSpace = true;
    return this;
  }

  /**
   * A wrapping point without a space (JavaPoet's {@code $Z}, which it puts after the opening
   * parenthesis of every parameter list): a line break when the code up to the next wrapping
   * point or line break would pass column 100, nothing otherwise.
   */
  JavaWriter zeroWidthWrap() {
    if (column == 0) {
      return this;
    }
    if (wrapIndent >= 0) {
      flush(false);
    }
    wrapIndent = indent + 2;
    pendingSpace = false;
    return this;
  }

  JavaWriter indent() {
    indent++;
    return this;
  }

  JavaWriter unindent() {
    indent--;
    return this;
  }

  /**
   * A Javadoc comment at the current indentation: one {@code  * } line per line of
   * {@code text}, which must already be safe for a comment ({@link JavaSyntax#javadoc}); text is
   * split at every Unicode line break, blank lines are written as {@code  *}.
   */
  JavaWriter javadoc(String text) {
    add("/**\n");
    boolean afterLineBreak = true;
    int start = 0;
    int length = text.length();
    boolean first = true;
    while (start <= length) {
      int end = start;
      while (end < length && !isLineBreak(text.charAt(end))) {
        end++;
      }
      if (!first) {
        if (afterLineBreak) {
          indentation();
          append(" *");
        }
        append("\n");
        afterLineBreak = true;
      }
      first = false;
      if (end > start) {
        indentation();
        append(" * ");
        append(text.substring(start, end));
        afterLineBreak = false;
      }
      if (end == length) {
        break;
      }
      // \r\n is one line break, as in java.util.regex's \R
      start = end + (text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n'
          ? 2 : 1);
    }
    lineStart = afterLineBreak;
    return add(" */\n");
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085'
        || c == '\u2028' || c == '\u2029';
  }

  private void indentation() {
    for (int i = 0; i < indent; i++) {
      append(INDENT);
    }
  }

  // ---------------------------------------------------------------- the file

  /**
   * The whole file: the {@code //} comment, the package, the imports (sorted; from
   * {@code java.lang} only where a type of the package hides it) and the code appended.
   */
  String finish(String fileComment) {
    if (wrapIndent >= 0) {
      flush(false);
    }
    StringBuilder file = new StringBuilder(out.length() + 1024);
    file.append("// ").append(fileComment).append('\n');
    if (!packageName.isEmpty()) {
      file.append("package ").append(packageName).append(";\n\n");
    }
    Set<String> imports = new TreeSet<>();
    for (TypeRef type : imported.values()) {
      if (!type.packageName().equals("java.lang") || shadowed.contains(type.simpleNames().get(0))) {
        imports.add(type.qualifiedName());
      }
    }
    for (String type : imports) {
      file.append("import ").append(type).append(";\n");
    }
    if (!imports.isEmpty()) {
      file.append('\n');
    }
    return file.append(out).toString();
  }

  // ---------------------------------------------------------------- line wrapping

  /** Appends text with no line break inside except at its end, wrapping if a wrap is pending. */
  private void append(String text) {
    if (wrapIndent >= 0) {
      int lineFeed = text.indexOf('\n');
      if (lineFeed < 0 && column + text.length() <= COLUMN_LIMIT) {
        pending.append(text);
        column += text.length();
        return;
      }
      flush(lineFeed < 0 || column + lineFeed > COLUMN_LIMIT);
    }
    out.append(text);
    int lastLineFeed = text.lastIndexOf('\n');
    column = lastLineFeed >= 0 ? text.length() - lastLineFeed - 1 : column + text.length();
  }

  private void flush(boolean lineBreak) {
    if (lineBreak) {
      out.append('\n');
      for (int i = 0; i < wrapIndent; i++) {
        out.append(INDENT);
      }
      column = wrapIndent * INDENT.length() + pending.length();
    } else if (pendingSpace) {
      out.append(' ');
    }
    out.append(pending);
    pending.setLength(0);
    wrapIndent = -1;
  }
}
