package io.codeanatomy.runtime.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.json.PrettyJson;
import io.codeanatomy.runtime.payload.StrictJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The column lineage of a run ({@code lineage.json}): for each view, each of its output columns
 * and the table columns ({@code TABLE.COLUMN}) it derives from, everything sorted. A plain JSON
 * object rather than a contract payload; read as strictly as one.
 */
public final class ColumnLineage {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ColumnLineage() {}

  /** A lineage that does not have the form the writer gives it. */
  public static final class LineageFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LineageFormatException(String message) {
      super(message);
    }
  }

  /**
   * The file's bytes: two-space indentation, {@code \n} line ends, keys sorted, each column's
   * sources sorted and without repeats.
   */
  public static byte[] toJson(Map<String, ? extends Map<String, ? extends List<String>>> lineage) {
    ObjectNode root = JSON.createObjectNode();
    new TreeMap<>(lineage).forEach((view, columns) -> {
      ObjectNode node = root.putObject(view);
      new TreeMap<>(columns).forEach((column, sources) -> {
        ArrayNode array = node.putArray(column);
        new TreeSet<>(sources).forEach(array::add);
      });
    });
    return PrettyJson.utf8(root);
  }

  /**
   * Reads a lineage file strictly: an object of views, each an object of columns, each an array
   * of distinct {@code TABLE.COLUMN} strings in order.
   *
   * @throws StrictJson.MalformedJsonException for bytes that are not strict JSON
   * @throws LineageFormatException naming the view and column whose value has another form
   */
  public static SortedMap<String, SortedMap<String, List<String>>> read(byte[] bytes) {
    JsonNode root = StrictJson.parse(bytes);
    if (!root.isObject()) {
      throw new LineageFormatException("expected an object of views, got " + kind(root));
    }
    SortedMap<String, SortedMap<String, List<String>>> lineage = new TreeMap<>();
    for (Map.Entry<String, JsonNode> view : root.properties()) {
      if (!view.getValue().isObject()) {
        throw new LineageFormatException("field " + view.getKey() + ": expected an object of "
            + "columns, got " + kind(view.getValue()));
      }
      SortedMap<String, List<String>> columns = new TreeMap<>();
      for (Map.Entry<String, JsonNode> column : view.getValue().properties()) {
        String field = view.getKey() + "." + column.getKey();
        if (!column.getValue().isArray()) {
          throw new LineageFormatException("field " + field + ": expected an array of "
              + "TABLE.COLUMN strings, got " + kind(column.getValue()));
        }
        List<String> sources = new ArrayList<>();
        for (JsonNode source : column.getValue()) {
          if (!source.isTextual() || source.textValue().indexOf('.') <= 0
              || source.textValue().endsWith(".")) {
            throw new LineageFormatException("field " + field + ": expected TABLE.COLUMN "
                + "strings, got " + kind(source) + " " + abbreviate(source.toString()));
          }
          if (!sources.isEmpty() && sources.get(sources.size() - 1)
              .compareTo(source.textValue()) >= 0) {
            throw new LineageFormatException("field " + field + ": sources are sorted and "
                + "distinct, but " + abbreviate(source.textValue()) + " follows "
                + abbreviate(sources.get(sources.size() - 1)));
          }
          sources.add(source.textValue());
        }
        columns.put(column.getKey(), List.copyOf(sources));
      }
      lineage.put(view.getKey(), Collections.unmodifiableSortedMap(columns));
    }
    return Collections.unmodifiableSortedMap(lineage);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "something else";
    };
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 60) + "... (" + text.length()
        + " characters)";
  }
}
