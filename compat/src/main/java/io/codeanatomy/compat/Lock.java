package io.codeanatomy.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code contracts.lock.json}: the manifest entry of every released version of every schema,
 * policy and contract of a contract set, oldest first. It is checked in beside the contract set;
 * the processor compares each compile with it, and rewrites it only when asked to.
 *
 * @param contractSet the contract set's name
 * @param histories every item's released versions
 */
public record Lock(String contractSet, SortedMap<ItemKey, History> histories) {

  /** The lock format this reads and writes. */
  public static final String FORMAT = "codeanatomy-lock/1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public Lock {
    histories = Collections.unmodifiableSortedMap(new TreeMap<>(histories));
  }

  /**
   * One item's released versions, oldest first; retired when the item was removed deliberately.
   *
   * @param earlierFingerprints per version, the schema fingerprints it had before compatible
   *     changes replaced its entry (an added enum value, an optional provenance field): payloads
   *     written with them are still of that version
   */
  public record History(List<ObjectNode> versions, boolean retired,
      SortedMap<Integer, List<String>> earlierFingerprints) {
    public History {
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("a history has at least one version");
      }
      versions = List.copyOf(versions);
      SortedMap<Integer, List<String>> copy = new TreeMap<>();
      earlierFingerprints.forEach((v, list) -> copy.put(v, List.copyOf(list)));
      earlierFingerprints = Collections.unmodifiableSortedMap(copy);
    }

    public History(List<ObjectNode> versions, boolean retired) {
      this(versions, retired, new TreeMap<>());
    }

    /** Every schema fingerprint {@code version} has had: its entry's and the earlier ones. */
    public List<String> fingerprints(int version) {
      List<String> all = new ArrayList<>(earlierFingerprints.getOrDefault(version, List.of()));
      version(version).ifPresent(v -> all.add(v.path("schemaFingerprint").asText()));
      return all;
    }

    public ObjectNode latest() {
      return versions.get(versions.size() - 1);
    }

    public int latestVersion() {
      return latest().path("version").asInt();
    }

    public Optional<ObjectNode> version(int version) {
      return versions.stream().filter(v -> v.path("version").asInt() == version).findFirst();
    }
  }

  /** An empty lock, for a contract set that has released nothing yet. */
  public static Lock empty(String contractSet) {
    return new Lock(contractSet, new TreeMap<>());
  }

  public static Lock read(Path file) {
    return parse(JsonFiles.read(file), file.toString());
  }

  public static Lock parse(String text, String source) {
    return parse(JsonFiles.parse(text, source), source);
  }

  /** Whether a JSON tree is a lock (rather than a manifest). */
  public static boolean isLock(JsonNode root) {
    return FORMAT.equals(root.path("format").asText());
  }

  static Lock parse(JsonNode root, String source) {
    String format = root.path("format").asText("");
    if (!FORMAT.equals(format)) {
      throw new CompatInputException(source + " is not a lock: format is '" + format
          + "', expected '" + FORMAT + "'");
    }
    String set = Snapshot.text(root, "contractSet", source);
    SortedMap<ItemKey, History> histories = new TreeMap<>();
    for (Kind kind : Kind.values()) {
      JsonNode section = root.path(kind.section());
      if (section.isMissingNode()) {
        continue;
      }
      if (!section.isObject()) {
        throw new CompatInputException(source + ": " + kind.section() + " is not an object");
      }
      for (Map.Entry<String, JsonNode> e : section.properties()) {
        String where = source + ": " + kind.section() + "." + e.getKey();
        JsonNode versions = e.getValue().path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
          throw new CompatInputException(where + " has no versions");
        }
        List<ObjectNode> entries = new ArrayList<>();
        int previous = 0;
        for (JsonNode version : versions) {
          if (!version.isObject() || !version.path("version").isInt()) {
            throw new CompatInputException(where + ": a version entry has no integer version");
          }
          if (!e.getKey().equals(version.path(kind.identity()).asText())) {
            throw new CompatInputException(where + ": a version entry names "
                + version.path(kind.identity()));
          }
          if (version.path("version").asInt() <= previous) {
            throw new CompatInputException(where + ": versions are not in increasing order");
          }
          previous = version.path("version").asInt();
          entries.add((ObjectNode) version);
        }
        SortedMap<Integer, List<String>> earlier = new TreeMap<>();
        for (Map.Entry<String, JsonNode> f : e.getValue().path("earlierFingerprints")
            .properties()) {
          List<String> prints = new ArrayList<>();
          f.getValue().forEach(p -> prints.add(p.asText()));
          try {
            earlier.put(Integer.valueOf(f.getKey()), prints);
          } catch (NumberFormatException bad) {
            throw new CompatInputException(where + ": earlierFingerprints has a key that is no "
                + "version: " + f.getKey());
          }
        }
        histories.put(new ItemKey(kind, e.getKey()),
            new History(entries, e.getValue().path("retired").asBoolean(false), earlier));
      }
    }
    return new Lock(set, histories);
  }

  /** The newest version of every item that is not retired. */
  public Snapshot latest() {
    SortedMap<ItemKey, ObjectNode> items = new TreeMap<>();
    histories.forEach((key, history) -> {
      if (!history.retired()) {
        items.put(key, history.latest());
      }
    });
    return new Snapshot(contractSet, items);
  }

  /**
   * The lock after releasing {@code current}: a new version is appended to its history, a
   * compatible change of the newest version replaces it, a new item starts a history, and an item
   * that is no longer declared is retired (its history kept, so that its name and versions are
   * never reused unknowingly).
   */
  public Lock release(Snapshot current) {
    SortedMap<ItemKey, History> next = new TreeMap<>(histories);
    current.items().forEach((key, entry) -> {
      History history = histories.get(key);
      if (history == null) {
        next.put(key, new History(List.of(entry), false));
        return;
      }
      List<ObjectNode> versions = new ArrayList<>(history.versions());
      SortedMap<Integer, List<String>> earlier = new TreeMap<>(history.earlierFingerprints());
      if (entry.path("version").asInt() == history.latestVersion()) {
        String before = history.latest().path("schemaFingerprint").asText();
        if (!before.equals(entry.path("schemaFingerprint").asText())) {
          List<String> prints = new ArrayList<>(earlier.getOrDefault(history.latestVersion(),
              List.of()));
          prints.add(before);
          earlier.put(history.latestVersion(), prints);
        }
        versions.set(versions.size() - 1, entry);
      } else {
        versions.add(entry);
      }
      next.put(key, new History(versions, false, earlier));
    });
    histories.forEach((key, history) -> {
      if (!current.items().containsKey(key)) {
        next.put(key, new History(history.versions(), true, history.earlierFingerprints()));
      }
    });
    return new Lock(current.contractSet(), next);
  }

  /** The lock as a JSON tree, sections and items in a fixed order. */
  public ObjectNode toJson() {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.put("contractSet", contractSet);
    for (Kind kind : Kind.values()) {
      ObjectNode section = root.putObject(kind.section());
      histories.forEach((key, history) -> {
        if (key.kind() == kind) {
          ObjectNode item = section.putObject(key.name());
          item.put("retired", history.retired());
          if (!history.earlierFingerprints().isEmpty()) {
            ObjectNode earlier = item.putObject("earlierFingerprints");
            history.earlierFingerprints().forEach((version, prints) -> {
              ArrayNode list = earlier.putArray(String.valueOf(version));
              prints.forEach(list::add);
            });
          }
          ArrayNode versions = item.putArray("versions");
          history.versions().forEach(versions::add);
        }
      });
    }
    return root;
  }

  /** The lock file's bytes: UTF-8, two-space indentation, {@code \n} line ends. */
  public byte[] render() {
    return JsonFiles.render(toJson());
  }

  public void write(Path file) throws IOException {
    Files.write(file, render());
  }
}
