package io.codeanatomy.processor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An enum used by settings or contracts, with the {@code @Attribute} numbers of its constants.
 *
 * @param type the enum
 * @param constants the constant names, in declaration order
 * @param attributes attribute name to (constant name to value), in declaration order
 * @param local whether it is declared in this compilation (its attribute lookups are generated
 *     here)
 * @param origins where each constant is declared, by constant name
 */
public record EnumModel(TypeRef type, List<String> constants,
    Map<String, Map<String, Double>> attributes, boolean local, Map<String, Origin> origins) {

  public EnumModel {
    constants = List.copyOf(constants);
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    attributes.forEach((name, values) -> copy.put(name, java.util.Collections.unmodifiableMap(
        new LinkedHashMap<>(values))));
    attributes = java.util.Collections.unmodifiableMap(copy);
    origins = Map.copyOf(origins);
  }
}
