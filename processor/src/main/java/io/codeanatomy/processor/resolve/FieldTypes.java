package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Walks a field type and the types it holds (list elements, map values, optional values). */
public final class FieldTypes {

  private FieldTypes() {}

  /** The contracts a type nests, outermost first. */
  public static List<TypeRef> nestedContracts(FieldType type) {
    List<TypeRef> found = new ArrayList<>();
    visit(type, t -> {
      if (t instanceof FieldType.ContractRef ref) {
        found.add(ref.type());
      }
    });
    return found;
  }

  /** The enums a type holds, outermost first. */
  public static List<FieldType.EnumType> enums(FieldType type) {
    List<FieldType.EnumType> found = new ArrayList<>();
    visit(type, t -> {
      if (t instanceof FieldType.EnumType e) {
        found.add(e);
      }
    });
    return found;
  }

  /** Whether the type or a type it holds matches. */
  public static boolean any(FieldType type, Predicate<FieldType> test) {
    List<FieldType> found = new ArrayList<>();
    visit(type, t -> {
      if (test.test(t)) {
        found.add(t);
      }
    });
    return !found.isEmpty();
  }

  /** Calls {@code visitor} on the type and every type it holds. */
  public static void visit(FieldType type, Consumer<FieldType> visitor) {
    visitor.accept(type);
    if (type instanceof FieldType.ListType list) {
      visit(list.element(), visitor);
    } else if (type instanceof FieldType.MapType map) {
      visit(map.value(), visitor);
    } else if (type instanceof FieldType.OptionalType optional) {
      visit(optional.element(), visitor);
    }
  }
}
