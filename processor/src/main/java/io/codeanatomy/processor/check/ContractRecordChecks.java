package io.codeanatomy.processor.check;

import static io.codeanatomy.processor.diagnostics.DiagnosticCode.ABSENT_AS_NOT_OPTIONAL;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.BAG_KEY_INVALID;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.BAG_NOT_A_LIST;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.CONFLICTING_MARKERS;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.DUPLICATE_FIELD;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.HASH_NOT_TEXT;
import static io.codeanatomy.processor.diagnostics.DiagnosticCode.INVALID_NAME;

import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.Names;
import java.util.HashMap;
import java.util.Map;

/** Checks one {@code @Contract} record: its name, field names and field markers. */
final class ContractRecordChecks {

  private ContractRecordChecks() {}

  static void check(ContractSet set, ContractModel contract, Problems problems) {
    if (!Names.isLowerSnake(contract.name())) {
      problems.report(INVALID_NAME, contract.origin().attribute("name"),
          "contract name '" + contract.name() + "' must be lower-case snake case "
              + "([a-z][a-z0-9_]*)");
    }
    Map<String, ContractField> byName = new HashMap<>();
    for (ContractField field : contract.fields()) {
      ContractField other = byName.putIfAbsent(field.name(), field);
      if (other != null) {
        problems.report(DUPLICATE_FIELD, field.origin(),
            "components '" + other.component() + "' and '" + field.component()
                + "' both have the field name " + field.name() + " in payloads and hashes");
      }
      boolean absentDeclared = field.absent() != ContractField.Absent.UNSPECIFIED;
      if (field.provenance() && (field.bag() || absentDeclared)) {
        problems.report(CONFLICTING_MARKERS, field.origin(),
            "field " + field.name() + " is @Provenance, so it never enters a hash; @Bag and "
                + "@AbsentAs only change how a hashed field is encoded: remove them");
      }
      if (field.bag() && !(field.type() instanceof FieldType.ListType)) {
        problems.report(BAG_NOT_A_LIST, field.origin(),
            "@Bag makes a list order-insensitive, but field " + field.name() + " is "
                + field.type().describe());
      }
      if (absentDeclared && !(field.type() instanceof FieldType.OptionalType)) {
        problems.report(ABSENT_AS_NOT_OPTIONAL, field.origin(),
            "@AbsentAs says how an absent value is encoded, but field " + field.name()
                + " is " + field.type().describe() + ", which is never absent");
      }
      if (!field.bagKey().isEmpty()) {
        checkBagKey(set, field, problems);
      }
      if (field.hash() != ContractField.HashRule.NONE && !holdsText(field.type())) {
        problems.report(HASH_NOT_TEXT, field.origin(),
            "@Hash marks SHA-256 hex digests, which are strings, but field " + field.name()
                + " is " + field.type().describe());
      }
    }
  }

  private static void checkBagKey(ContractSet set, ContractField field, Problems problems) {
    String problem = null;
    if (field.type() instanceof FieldType.ListType list
        && list.element() instanceof FieldType.ContractRef ref) {
      ContractModel element = set.contract(ref.type()).orElse(null);
      ContractField key = element == null ? null : element.fields().stream()
          .filter(f -> f.name().equals(field.bagKey())).findFirst().orElse(null);
      if (element != null && key == null) {
        problem = element.name() + " has no field " + field.bagKey() + "; it has "
            + String.join(", ", element.fields().stream().map(ContractField::name).toList());
      } else if (key != null && !(key.type() instanceof FieldType.EnumType
          || (key.type() instanceof FieldType.Scalar s
              && s.kind() == FieldType.ScalarKind.STRING))) {
        problem = "the key field " + field.bagKey() + " is " + key.type().describe()
            + "; a bag key is a string or an enum";
      }
    } else {
      problem = "a bag key orders a bag of contracts, but field " + field.name() + " is "
          + field.type().describe();
    }
    if (problem != null) {
      problems.report(BAG_KEY_INVALID, field.origin(), "bag key of " + field.name() + ": "
          + problem);
    }
  }

  /** Strings, optional strings, lists of strings, maps to strings. */
  private static boolean holdsText(FieldType type) {
    FieldType inner = type;
    if (type instanceof FieldType.OptionalType o) {
      inner = o.element();
    } else if (type instanceof FieldType.ListType l) {
      inner = l.element();
    } else if (type instanceof FieldType.MapType m) {
      inner = m.value();
    }
    return inner instanceof FieldType.Scalar s && s.kind() == FieldType.ScalarKind.STRING;
  }
}
