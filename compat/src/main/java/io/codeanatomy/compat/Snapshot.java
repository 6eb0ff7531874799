package io.codeanatomy.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The versioned items of one contract set at one moment: what a manifest declares, or the newest
 * version of everything in a lock.
 *
 * @param contractSet the contract set's name
 * @param items every schema, policy and contract by key, as its manifest entry
 */
public record Snapshot(String contractSet, SortedMap<ItemKey, ObjectNode> items) {

  /** The manifest format this reads. */
  public static final String MANIFEST_FORMAT = "codeanatomy-manifest/1";

  public Snapshot {
    items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
  }

  /** The snapshot of a manifest file. */
  public static Snapshot readManifest(Path file) {
    return ofManifest(JsonFiles.read(file), file.toString());
  }

  /**
   * The snapshot of a manifest tree.
   *
   * @param source where it came from, for messages
   */
  public static Snapshot ofManifest(JsonNode manifest, String source) {
    String format = manifest.path("format").asText("");
    if (!MANIFEST_FORMAT.equals(format)) {
      throw new CompatInputException(source + " is not a manifest: format is '" + format
          + "', expected '" + MANIFEST_FORMAT + "'");
    }
    String set = text(manifest, "contractSet", source);
    SortedMap<ItemKey, ObjectNode> items = new TreeMap<>();
    for (Kind kind : Kind.values()) {
      JsonNode section = manifest.path(kind.section());
      if (section.isMissingNode()) {
        continue;
      }
      if (!section.isArray()) {
        throw new CompatInputException(source + ": " + kind.section() + " is not an array");
      }
      for (JsonNode entry : section) {
        if (!entry.isObject() || !entry.path("version").isInt()) {
          throw new CompatInputException(source + ": an entry of " + kind.section()
              + " has no integer version");
        }
        String name = text(entry, kind.identity(), source);
        items.put(new ItemKey(kind, name), (ObjectNode) entry);
      }
    }
    return new Snapshot(set, items);
  }

  public Optional<ObjectNode> item(ItemKey key) {
    return Optional.ofNullable(items.get(key));
  }

  static String text(JsonNode node, String field, String source) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new CompatInputException(source + ": '" + field + "' is missing or not a string");
    }
    return value.asText();
  }
}
