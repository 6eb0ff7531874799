package io.codeanatomy.processor.emit.java;

import io.codeanatomy.processor.model.ContractField;
import io.codeanatomy.processor.model.FieldType;
import java.util.List;
import java.util.Set;

/**
 * The names protoc's Java generator gives a field's accessors ({@code get<Name>()},
 * {@code get<Name>List()}, {@code has<Name>()}), which generated code of a proto contract calls.
 * They are not the field's JSON name: protoc also capitalizes a letter after a digit
 * ({@code a1b2 -> getA1B2()}), appends {@code _} to names whose accessors would be methods every
 * message has ({@code class -> getClass_()}), and appends the field number to fields whose
 * accessors would collide ({@code repeated foo} and {@code foo_count}: {@code getFoo1List()},
 * {@code getFooCount2()}). The rules are protoc's (compiler/java: {@code UnderscoresToCamelCase},
 * {@code IsForbidden}, {@code Context::InitializeFieldGeneratorInfoForFields}); they cannot be
 * asked of protobuf-java at compile time, so they are followed here.
 */
final class ProtocNames {

  /** protoc's forbidden names (in upper camel case): their accessors get a trailing {@code _}. */
  private static final Set<String> FORBIDDEN = Set.of("Class", "DefaultInstanceForType",
      "ParserForType", "SerializedSize", "AllFields", "DescriptorForType",
      "InitializationErrorString", "UnknownFields", "CachedSize");

  private ProtocNames() {}

  /**
   * The capitalized accessor name of {@code field} among the fields of its message:
   * {@code A1B2} for {@code getA1B2()}.
   */
  static String accessor(ContractField field, List<ContractField> fields) {
    String name = capitalized(field.name());
    for (ContractField other : fields) {
      if (other.protoNumber() == field.protoNumber()) {
        continue;
      }
      String otherName = capitalized(other.name());
      if (name.equals(otherName) || conflicting(field, name, other, otherName)
          || conflicting(other, otherName, field, name)) {
        return name + field.protoNumber();
      }
    }
    return name;
  }

  private static String capitalized(String fieldName) {
    String name = camelCase(fieldName, true);
    return FORBIDDEN.contains(name) ? name + "_" : name;
  }

  /** protoc's {@code UnderscoresToCamelCase}: ASCII only, a letter after a digit capitalized. */
  private static String camelCase(String input, boolean capitalizeNext) {
    StringBuilder sb = new StringBuilder(input.length());
    boolean upper = capitalizeNext;
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c >= 'a' && c <= 'z') {
        sb.append(upper ? (char) (c - 'a' + 'A') : c);
        upper = false;
      } else if (c >= 'A' && c <= 'Z') {
        sb.append(i == 0 && !upper ? (char) (c - 'A' + 'a') : c);
        upper = false;
      } else if (c >= '0' && c <= '9') {
        sb.append(c);
        upper = true;
      } else {
        upper = true;
      }
    }
    return sb.toString();
  }

  /**
   * Whether {@code a}'s accessors collide with {@code b}'s one way: a repeated field's
   * {@code getXCount()}/{@code getXList()} with a singular {@code x_count}/{@code x_list}, or an
   * open enum's {@code getXValue()} with {@code x_value}.
   */
  private static boolean conflicting(ContractField a, String aName, ContractField b,
      String bName) {
    if (repeated(a) && !repeated(b)
        && (bName.equals(aName + "Count") || bName.equals(aName + "List"))) {
      return true;
    }
    return isEnum(a) && bName.equals(aName + "Value");
  }

  private static boolean repeated(ContractField field) {
    return field.type() instanceof FieldType.ListType || field.type() instanceof FieldType.MapType;
  }

  private static boolean isEnum(ContractField field) {
    FieldType type = field.type();
    if (type instanceof FieldType.ListType list) {
      type = list.element();
    } else if (type instanceof FieldType.OptionalType optional) {
      type = optional.element();
    }
    return type instanceof FieldType.EnumType;
  }
}
