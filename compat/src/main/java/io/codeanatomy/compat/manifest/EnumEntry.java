package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An enum that settings or contracts use, with the {@code @Attribute} numbers of its values.
 * Immutable.
 *
 * @param javaType the enum class
 * @param values the value texts (constant names in lower case), in declaration order
 * @param attributes attribute name to (value text to number), in declaration order
 */
@JsonPropertyOrder({"javaType", "values", "attributes"})
public record EnumEntry(String javaType, List<String> values,
    Map<String, Map<String, Double>> attributes) {

  public EnumEntry {
    Entries.require("javaType", javaType);
    values = List.copyOf(values);
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    attributes.forEach((name, byValue) ->
        copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(byValue))));
    attributes = Collections.unmodifiableMap(copy);
  }
}
