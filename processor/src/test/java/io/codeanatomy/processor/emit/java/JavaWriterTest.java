package io.codeanatomy.processor.emit.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hand-written writer of the bulk classes: which names it imports and which it qualifies,
 * where it wraps, and how it lays out Javadoc. The golden files check whole classes; these check
 * the cases the golden contracts do not reach.
 */
class JavaWriterTest {

  private static final String HEADER = "// generated\npackage app;\n\n";

  @Test
  void importsLibraryTypesAndLeavesJavaLangAndOwnPackageUnimported() {
    JavaWriter w = new JavaWriter("app", Set.of("AppContract"));
    String code = String.join(" ", w.name("java.util", "List"), w.name("java.lang", "String"),
        w.name("app", "Settings"), w.name("lib", "Outer", "Inner"), w.name("java.util", "List"));
    w.add(code + "\n");
    assertEquals(HEADER + "import java.util.List;\nimport lib.Outer;\n\n"
        + "List String Settings Outer.Inner List\n", w.finish("generated"));
  }

  @Test
  void theFirstTypeToUseASimpleNameKeepsItAndLaterOnesAreQualified() {
    JavaWriter w = new JavaWriter("app", Set.of("AppContract"));
    String own = w.name("app", "Violation");
    String library = w.name("io.codeanatomy.contracts.support", "Violation");
    String other = w.name("other", "Violation");
    w.add(own + " " + library + " " + other + "\n");
    assertEquals(HEADER + "Violation io.codeanatomy.contracts.support.Violation "
        + "other.Violation\n", w.finish("generated"));
  }

  @Test
  void anOwnPackageTypeAfterAnImportOfTheSameNameIsQualified() {
    JavaWriter w = new JavaWriter("app", Set.of("AppContract"));
    String library = w.name("io.codeanatomy.contracts.support", "Violation");
    String own = w.name("app", "Violation");
    w.add(library + " " + own + "\n");
    assertEquals(HEADER + "import io.codeanatomy.contracts.support.Violation;\n\n"
        + "Violation app.Violation\n", w.finish("generated"));
  }

  @Test
  void javaLangIsImportedWhenATypeOfThePackageWouldHideIt() {
    JavaWriter w = new JavaWriter("app", Set.of("AppContract"));
    String string = w.name("java.lang", "String");
    String own = w.name("app", "String");
    w.add(string + " " + own + "\n");
    assertEquals(HEADER + "import java.lang.String;\n\nString app.String\n",
        w.finish("generated"));
  }

  @Test
  void namesTheFileDeclaresAreNeverTakenByAnotherType() {
    JavaWriter w = new JavaWriter("app", Set.of("BuilderContract", "Builder", "Mixin"));
    w.add(w.name("app", "Builder") + " " + w.name("lib", "Mixin", "Part") + "\n");
    assertEquals(HEADER + "app.Builder lib.Mixin.Part\n", w.finish("generated"));
  }

  @Test
  void wrapsAtTheLastWrappingPointBeforeColumnOneHundredWithTwoMoreLevelsOfIndentation() {
    JavaWriter w = new JavaWriter("app", Set.of());
    w.indent().add("call(");
    Members.wrapped(w, List.of("a".repeat(40), "b".repeat(40), "c".repeat(40)));
    w.add(");\n");
    assertEquals(HEADER + "  call(" + "a".repeat(40) + ", " + "b".repeat(40) + ",\n      "
        + "c".repeat(40) + ");\n", w.finish("generated"));
  }

  @Test
  void aParameterListWrapsAfterItsParenthesisOnlyWhenTheLineIsTooLong() {
    JavaWriter w = new JavaWriter("app", Set.of());
    Members members = new Members(w);
    members.signature("public static ", "R", "m", "P", "p");
    members.end();
    members.signature("public static ", "R", "m".repeat(90), "P", "parameter");
    members.end();
    assertEquals(HEADER + "public static R m(P p) {\n}\n\npublic static R " + "m".repeat(90)
        + "(\n    P parameter) {\n}\n", w.finish("generated"));
  }

  @Test
  void javadocStartsALineAtEveryUnicodeLineBreakAndMarksBlankLines() {
    JavaWriter w = new JavaWriter("", Set.of());
    w.indent().javadoc("one\r\ntwo\u2028three\n\nfour\u0085\n");
    assertEquals("// generated\n  /**\n   * one\n   * two\n   * three\n   *\n   * four\n   *\n"
        + "   */\n", w.finish("generated"));
  }
}
