package io.codeanatomy.processor.emit.java;

import io.codeanatomy.processor.model.TypeRef;
import java.util.List;
import java.util.Set;

/**
 * The members of one class written with {@link JavaWriter}: a blank line between two members,
 * and the member shapes the schema and policy emitters share (constants, one-line methods,
 * delegates to the class's table, the mixin interface).
 */
final class Members {

  private final JavaWriter w;
  private boolean first = true;

  Members(JavaWriter w) {
    this.w = w;
  }

  /** Starts a member: a blank line before every member but the first. */
  void next() {
    if (!first) {
      w.add("\n");
    }
    first = false;
  }

  /** {@code public static final TYPE NAME = value;} with a one-line Javadoc. */
  void constant(String type, String name, String value, String doc) {
    next();
    w.javadoc(doc + "\n");
    w.add("public static final " + type + " " + name + " = " + value + ";\n");
  }

  /** A constructor with no parameters, empty or of one statement. */
  void constructor(String modifiers, String className, String statement) {
    next();
    header(modifiers, null, className, null, null);
    if (statement != null) {
      w.add(statement + "\n");
    }
    end();
  }

  void privateConstructor(String className) {
    constructor("private ", className, null);
  }

  /** {@code public static R name(P parameter) { return expression; }}. */
  void delegate(String name, String returns, String parameterType, String parameter,
      String expression, String doc) {
    method("public static ", returns, name, parameterType, parameter, "return " + expression + ";",
        doc);
  }

  /**
   * A method of one statement and at most one parameter ({@code parameterType} null for none),
   * with its Javadoc unless {@code doc} is null.
   */
  void method(String modifiers, String returns, String name, String parameterType,
      String parameter, String statement, String doc) {
    next();
    if (doc != null) {
      w.javadoc(doc + "\n");
    }
    header(modifiers, returns, name, parameterType, parameter);
    w.add(statement + "\n");
    end();
  }

  /** Starts a member method without Javadoc; the body follows, then {@link #end}. */
  void signature(String modifiers, String returns, String name, String parameterType,
      String parameter) {
    next();
    header(modifiers, returns, name, parameterType, parameter);
  }

  /**
   * {@code modifiers returns name(parameterType parameter) {}, opening the body; a constructor
   * when {@code returns} is null. The parameter list may wrap after its parenthesis.
   */
  void header(String modifiers, String returns, String name, String parameterType,
      String parameter) {
    w.add(modifiers + (returns == null ? "" : returns + " ") + name + "(");
    w.zeroWidthWrap();
    if (parameterType != null) {
      w.add(parameterType + " " + parameter);
    }
    w.add(") {\n").indent();
  }

  /** Closes a method body. */
  void end() {
    w.unindent().add("}\n");
  }

  /**
   * A writer for {@code <Record>Contract}, the companion of {@code record}: the companion and
   * its nested {@code Builder} (and {@code Mixin}) take their simple names in the file.
   */
  static JavaWriter companionWriter(TypeRef record, boolean mixin) {
    String companion = companionName(record);
    return new JavaWriter(record.packageName(),
        mixin ? Set.of(companion, "Builder", "Mixin") : Set.of(companion, "Builder"));
  }

  static String companionName(TypeRef record) {
    return record.generated("Contract").simpleNames().get(0);
  }

  /**
   * Opens the {@code TABLE} constant of a schema or policy: explicit type arguments and an array
   * rather than a diamond and varargs, so that javac checks each argument once instead of
   * inferring the table's types through all of them. The array's elements and {@code });} follow.
   */
  void tableStart(String doc, String tableType, String record, String name, String companion,
      String valuesMethod, String arrayType) {
    next();
    w.javadoc(doc + "\n");
    w.add("public static final " + tableType + "<" + record + ", Builder> TABLE = new "
        + tableType + "<" + record + ", Builder>(" + name + ",");
    w.wrap().add(companion + "::" + valuesMethod + ",");
    w.wrap().add(companion + "::construct,");
    w.wrap().add("Builder::new,");
    w.wrap().add("new " + arrayType + "[] {");
  }

  /**
   * {@code private static Object[] name(R parameter) { return new Object[] {reads...}; }} and
   * {@code private static R construct(Object[] values) { return new R(arguments...); }}: the
   * record taken apart into its components' values and built back from them, for the table.
   */
  void components(String name, String record, String parameter, List<String> reads,
      String valuesParameter, List<String> arguments, boolean unchecked) {
    String objects = w.name("java.lang", "Object") + "[]";
    signature("private static ", objects, name, record, parameter);
    w.add("return new Object[] {");
    wrapped(w, reads);
    w.add("};\n");
    end();
    next();
    if (unchecked) {
      // The table holds each component value as what the record component declares.
      w.add("@" + w.name("java.lang", "SuppressWarnings") + "(\"unchecked\")\n");
    }
    header("private static ", record, "construct", objects, valuesParameter);
    w.add("return new " + record + "(");
    wrapped(w, arguments);
    w.add(");\n");
    end();
  }

  /** Items joined with commas, each comma a wrapping point. */
  static void wrapped(JavaWriter w, List<String> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        w.add(",").wrap();
      }
      w.add(items.get(i));
    }
  }

  /**
   * Opens {@code <Record>Contract.Mixin} and returns its members: instance methods a record
   * gets by declaring {@code implements <Record>Contract.Mixin}. Records cannot be extended and
   * a processor cannot add methods to a class it did not generate, so the record opts in; every
   * method delegates to the generated static API. The interface is sealed to the record, so its
   * casts hold. The caller closes it.
   */
  static Members mixin(JavaWriter w, String record, String companion) {
    w.javadoc("Instance methods for {@link " + record + "}; the record opts in with\n"
        + "{@code implements " + companion + ".Mixin}.\n");
    w.add("public sealed interface Mixin permits " + record + " {\n").indent();
    return new Members(w);
  }

  static String textMap(JavaWriter w) {
    String string = w.name("java.lang", "String");
    return w.name("java.util", "Map") + "<" + string + ", " + string + ">";
  }

  static String sortedTextMap(JavaWriter w) {
    String string = w.name("java.lang", "String");
    return w.name("java.util", "SortedMap") + "<" + string + ", " + string + ">";
  }
}
