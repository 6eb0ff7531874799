package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A payload read from JSON: its value, and the fields it carried that this build does not know
 * (only a forward-compatible contract has any), kept so that they can be written back.
 *
 * @param value the contract value
 * @param unknownFields top-level fields of the payload this build does not declare, sorted by
 *     name
 */
public record Decoded<T>(T value, Map<String, JsonNode> unknownFields) {

  public Decoded {
    // Sorted, so that writing them back gives the same bytes in every JVM run.
    unknownFields = Collections.unmodifiableSortedMap(new TreeMap<>(unknownFields));
  }
}
