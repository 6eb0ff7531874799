package io.codeanatomy.processor.check;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.GENERATED_NAME_CLASH;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_NAME;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.MISSING_ATTRIBUTE;

import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.Names;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * Checks an enum: every constant gives every {@code @Attribute}, attribute names can name the
 * generated Java lookups, and no two constants become one Rust variant.
 */
final class EnumChecks {

  /** The methods of every generated Rust enum, which an attribute lookup would redefine. */
  private static final java.util.Set<String> RUST_ENUM_METHODS = java.util.Set.of("as_text",
      "from_text");

  private EnumChecks() {}

  static void check(EnumModel model, Problems problems) {
    Map<String, String> variants = new HashMap<>();
    for (String constant : model.constants()) {
      String variant = Names.rustVariantStem(constant);
      String first = variants.putIfAbsent(variant, constant);
      if (first != null) {
        problems.report(GENERATED_NAME_CLASH, model.origins().get(constant),
            "constants " + first + " and " + constant + " of " + model.type().qualifiedName()
                + " would both be the Rust variant " + variant + " (underscores dropped, each "
                + "word capitalized); rename one of them");
      }
    }
    for (Map.Entry<String, Map<String, Double>> attribute : model.attributes().entrySet()) {
      String name = attribute.getKey();
      if (!Names.isLowerSnake(name)) {
        problems.report(INVALID_NAME, model.origins().get(
                attribute.getValue().keySet().iterator().next()).attribute("name"),
            "attribute name '" + name + "' must be lower-case snake case ([a-z][a-z0-9_]*): it "
                + "names the generated lookup");
      } else if (RUST_ENUM_METHODS.contains(name)) {
        problems.report(GENERATED_NAME_CLASH, model.origins().get(
                attribute.getValue().keySet().iterator().next()).attribute("name"),
            "attribute name '" + name + "' would name the Rust lookup " + name + "(), which the "
                + "generated Rust enum already has; choose another name");
      } else if (SourceVersion.isKeyword(Names.camelCase(name, false))) {
        problems.report(INVALID_NAME, model.origins().get(
                attribute.getValue().keySet().iterator().next()).attribute("name"),
            "attribute name '" + name + "' would name the generated lookup "
                + Names.camelCase(name, false) + "(...), a Java keyword; choose another name");
      }
      for (String constant : model.constants()) {
        Double value = attribute.getValue().get(constant);
        if (value == null) {
          problems.report(MISSING_ATTRIBUTE, model.origins().get(constant),
              "constant " + constant + " of " + model.type().qualifiedName() + " has no @Attribute"
                  + " '" + name + "', which other constants give: every constant needs a value");
        } else if (value.isNaN() || value.isInfinite()) {
          problems.report(MISSING_ATTRIBUTE, model.origins().get(constant),
              "attribute '" + name + "' of " + constant + " is " + value + "; it must be finite");
        }
      }
    }
  }
}
