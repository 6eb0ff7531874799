package io.codeanatomy.processor.emit.rust;

/**
 * Lines of Rust with four-space indentation. Hand-written because no Rust code generator exists
 * for the JVM; the emitters keep every construct in the shape rustfmt gives it, and a test runs
 * {@code rustfmt --check} over the output.
 */
final class RustOut {

  /** rustfmt's {@code max_width}. */
  static final int MAX_WIDTH = 100;
  /** rustfmt's {@code fn_call_width} and {@code array_width}: longer lists go one per line. */
  static final int CALL_WIDTH = 60;
  /** rustfmt's {@code struct_lit_width}: longer struct literals go one field per line. */
  static final int STRUCT_LITERAL_WIDTH = 18;
  /** rustfmt's {@code short_array_element_width_threshold}: lists of such items are packed. */
  static final int SHORT_ITEM_WIDTH = 10;

  private final StringBuilder text = new StringBuilder();
  private int depth;

  RustOut line(String line) {
    if (line.isEmpty()) {
      text.append('\n');
    } else {
      text.append("    ".repeat(depth)).append(line).append('\n');
    }
    return this;
  }

  RustOut blank() {
    return line("");
  }

  /** Writes {@code line} one level deeper than the current depth (a continuation line). */
  RustOut continuation(String line) {
    depth++;
    line(line);
    depth--;
    return this;
  }

  /** Writes {@code line} and indents what follows ({@code fn f() {}). */
  RustOut open(String line) {
    line(line);
    depth++;
    return this;
  }

  /** Dedents and writes {@code line} ({@code }}). */
  RustOut close(String line) {
    depth--;
    return line(line);
  }

  /** Doc comment lines ({@code ///}), already made safe by {@link RustSyntax#docLines}. */
  RustOut doc(java.util.List<String> lines) {
    for (String l : lines) {
      line(l.isEmpty() ? "///" : "/// " + l);
    }
    return this;
  }

  int width() {
    return depth * 4;
  }

  /**
   * A call or macro statement: on one line when it fits rustfmt's widths, else one argument per
   * line, as rustfmt writes it. {@code head} ends just before the parenthesis, {@code tail}
   * follows the closing one ({@code ;}, {@code ,}).
   */
  RustOut call(String head, java.util.List<String> args, String tail) {
    String joined = String.join(", ", args);
    String oneLine = head + "(" + joined + ")" + tail;
    if (width() + oneLine.length() <= MAX_WIDTH && joined.length() <= CALL_WIDTH) {
      return line(oneLine);
    }
    open(head + "(");
    for (String arg : args) {
      line(arg + ",");
    }
    return close(")" + tail);
  }

  /** Whether {@code line} fits on a line at the current depth. */
  boolean fits(String line) {
    return width() + line.length() <= MAX_WIDTH;
  }

  /** Whether {@code line} fits on a continuation line, one level deeper. */
  boolean fitsContinued(String line) {
    return width() + 4 + line.length() <= MAX_WIDTH;
  }

  /**
   * A struct field or binding {@code name: value,}: on one line when it fits, else the value on
   * the next line when it fits there. A value too long for either stays on one line, which is
   * also what rustfmt leaves.
   */
  RustOut field(String name, String value) {
    String line = name + ": " + value + ",";
    // rustfmt lets the trailing comma of a moved value stick out by one column.
    if (!fits(line) && fitsContinued(value)) {
      line(name + ":");
      return continuation(value + ",");
    }
    return line(line);
  }

  /**
   * A function signature: parameters on one line when it fits, else one per line.
   * {@code head} is {@code pub fn name}, {@code tail} is {@code -> T {}.
   */
  RustOut signature(String head, java.util.List<String> params, String tail) {
    String line = head + "(" + String.join(", ", params) + ")" + tail;
    if (fits(line) || params.isEmpty()) {
      return open(line);
    }
    open(head + "(");
    for (String param : params) {
      line(param + ",");
    }
    depth--;
    return open(")" + tail);
  }

  /**
   * {@code head[items]tail} for an array or {@code vec!} literal where {@code head} ends with
   * an assignment: on one line when short enough; short lists that do not fit move after the
   * {@code =}; long lists go one element per line.
   */
  RustOut assignedList(String head, java.util.List<String> items, String tail) {
    String joined = String.join(", ", items);
    String open = head.substring(head.lastIndexOf('=') + 2);
    if (items.isEmpty()) {
      return line(head + tail);
    }
    if (joined.length() <= CALL_WIDTH) {
      if (fits(head + joined + tail)) {
        return line(head + joined + tail);
      }
      if (fitsContinued(open + joined + tail)) {
        line(head.substring(0, head.lastIndexOf('=') + 1));
        return continuation(open + joined + tail);
      }
    }
    open(head);
    if (items.stream().allMatch(i -> i.length() <= SHORT_ITEM_WIDTH)) {
      // Short items are packed as many to a line as fit ("mixed" layout).
      StringBuilder packed = new StringBuilder();
      for (String item : items) {
        String next = packed.length() == 0 ? item + "," : packed + " " + item + ",";
        if (packed.length() > 0 && !fits(next)) {
          line(packed.toString());
          packed.setLength(0);
          next = item + ",";
        }
        packed.setLength(0);
        packed.append(next);
      }
      line(packed.toString());
    } else {
      items.forEach(i -> line(i + ","));
    }
    return close(tail);
  }

  /**
   * {@code lhs = head(args)tail}: on one line when it fits; else the right-hand side on the next
   * line when it fits there (rustfmt prefers the shape with fewer lines); else one argument per
   * line.
   */
  RustOut assignCall(String lhs, String head, java.util.List<String> args, String tail) {
    String joined = String.join(", ", args);
    String rhs = head + "(" + joined + ")" + tail;
    if (fits(lhs + " = " + rhs) && joined.length() <= CALL_WIDTH) {
      return line(lhs + " = " + rhs);
    }
    if (fitsContinued(rhs) && joined.length() <= CALL_WIDTH) {
      line(lhs + " =");
      return continuation(rhs);
    }
    return call(lhs + " = " + head, args, tail);
  }

  /**
   * A match arm whose body is a call, as rustfmt lays it out: on one line when it fits; else the
   * call alone in a block when it fits there; else its arguments one per line after the arrow.
   */
  RustOut armCall(String pattern, String head, java.util.List<String> args) {
    String joined = String.join(", ", args);
    String call = head + "(" + joined + ")";
    if (joined.length() <= CALL_WIDTH && fits(pattern + " => " + call + ",")) {
      return line(pattern + " => " + call + ",");
    }
    if (joined.length() <= CALL_WIDTH && fitsContinued(call)) {
      open(pattern + " => {");
      line(call);
      return close("}");
    }
    return call(pattern + " => " + head, args, ",");
  }

  /**
   * {@code head[(a, b), ...]tail} for an array of tuples: rustfmt writes a tuple whose items
   * exceed its call width one item per line.
   */
  RustOut assignedTuples(String head, java.util.List<java.util.List<String>> tuples,
      String tail) {
    java.util.List<String> items = new java.util.ArrayList<>();
    boolean wide = false;
    for (java.util.List<String> tuple : tuples) {
      String inner = String.join(", ", tuple);
      wide |= inner.length() > CALL_WIDTH || !fitsContinued("(" + inner + "),");
      items.add("(" + inner + ")");
    }
    if (!wide) {
      return assignedList(head, items, tail);
    }
    open(head);
    for (java.util.List<String> tuple : tuples) {
      String inner = String.join(", ", tuple);
      if (inner.length() <= CALL_WIDTH && fits("(" + inner + "),")) {
        line("(" + inner + "),");
      } else {
        open("(");
        tuple.forEach(item -> line(item + ","));
        close("),");
      }
    }
    return close(tail);
  }

  /**
   * A call whose arguments may be calls themselves ({@code head} may be empty: a tuple), laid out
   * as rustfmt lays out nested calls: on one line when it fits and its arguments are within the
   * call width, else one argument per line, each argument laid out the same way.
   */
  record Call(String head, java.util.List<Object> args) {

    Call {
      args = java.util.List.copyOf(args);
    }

    static Call of(String head, Object... args) {
      return new Call(head, java.util.List.of(args));
    }

    String flatArgs() {
      java.util.List<String> flat = new java.util.ArrayList<>();
      for (Object arg : args) {
        flat.add(arg instanceof Call call ? call.flat() : arg.toString());
      }
      return String.join(", ", flat);
    }

    String flat() {
      return head + "(" + flatArgs() + ")";
    }
  }

  /** {@code prefix} then {@code call} then {@code suffix}, as rustfmt lays them out. */
  RustOut call(String prefix, Call call, String suffix) {
    String args = call.flatArgs();
    if (args.length() <= CALL_WIDTH && fits(prefix + call.head() + "(" + args + ")" + suffix)) {
      return line(prefix + call.head() + "(" + args + ")" + suffix);
    }
    open(prefix + call.head() + "(");
    for (Object arg : call.args()) {
      if (arg instanceof Call nested) {
        call("", nested, ",");
      } else {
        line(arg + ",");
      }
    }
    return close(")" + suffix);
  }

  /** A match arm, on one line when it fits, else with its body in a block (rustfmt's shapes). */
  RustOut arm(String pattern, String body) {
    String line = pattern + " => " + body + ",";
    if (fits(line)) {
      return line(line);
    }
    open(pattern + " => {");
    line(body);
    return close("}");
  }

  /** A block of existing Rust text (already formatted at depth 0), indented to the current depth. */
  RustOut embed(String rust) {
    for (String l : rust.split("\n", -1)) {
      line(l);
    }
    return this;
  }

  @Override
  public String toString() {
    String out = text.toString();
    while (out.endsWith("\n\n")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
