package io.codeanatomy.processor.check;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_NAME;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.MISSING_ATTRIBUTE;

import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.Names;
import java.util.Map;

/** Checks the {@code @Attribute} numbers of an enum: every constant gives every attribute. */
final class EnumChecks {

  private EnumChecks() {}

  static void check(EnumModel model, Problems problems) {
    for (Map.Entry<String, Map<String, Double>> attribute : model.attributes().entrySet()) {
      String name = attribute.getKey();
      if (!Names.isLowerSnake(name)) {
        problems.report(INVALID_NAME, model.origins().get(
                attribute.getValue().keySet().iterator().next()).attribute("name"),
            "attribute name '" + name + "' must be lower-case snake case ([a-z][a-z0-9_]*): it "
                + "names the generated lookup");
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
