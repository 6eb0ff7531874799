package io.codeanatomy.compat;

import io.codeanatomy.compat.manifest.Entry;
import io.codeanatomy.compat.manifest.JsonCursor;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code contracts.lock.json}: the manifest entry of every released version of every schema,
 * policy and contract of a contract set, oldest first. It is checked in beside the contract set;
 * the processor compares each compile with it, and rewrites it only when asked to.
 *
 * <p>Read as strictly as a manifest ({@link ManifestJson}): every key the writer writes, with its
 * type, and nothing else ({@code earlierFingerprints} only where there are some); the entries of
 * a section are of its kind and named by their key, versions go up, and earlier fingerprints
 * belong to released versions. Rendering is byte-stable. Immutable and safe to share between
 * threads.
 *
 * @param contractSet the contract set's name
 * @param histories every item's released versions
 */
public record Lock(String contractSet, SortedMap<ItemKey, History> histories) {

  /** The lock format this reads and writes. */
  public static final String FORMAT = "codeanatomy-lock/1";

  private static final Pattern VERSION_KEY = Pattern.compile("[1-9][0-9]{0,9}");

  public Lock {
    Objects.requireNonNull(contractSet, "contractSet");
    histories = Collections.unmodifiableSortedMap(new TreeMap<>(histories));
    histories.forEach((key, history) -> history.versions().forEach(entry -> {
      if (!key.equals(ItemKey.of(entry))) {
        throw new IllegalArgumentException("the history of " + key + " holds a version of "
            + ItemKey.of(entry));
      }
    }));
  }

  /**
   * One item's released versions, oldest first; retired when the item was removed deliberately.
   * Immutable.
   *
   * @param versions the entry of each released version, versions strictly increasing
   * @param retired whether the item was retired
   * @param earlierFingerprints per version, the schema fingerprints it had before compatible
   *     changes replaced its entry (an added enum value, an optional provenance field): payloads
   *     written with them are still of that version
   */
  public record History(List<Entry> versions, boolean retired,
      SortedMap<Integer, List<String>> earlierFingerprints) {
    public History {
      if (versions.isEmpty()) {
        throw new IllegalArgumentException("a history has at least one version");
      }
      versions = List.copyOf(versions);
      for (int i = 1; i < versions.size(); i++) {
        if (versions.get(i).version() <= versions.get(i - 1).version()) {
          throw new IllegalArgumentException("versions are not in increasing order");
        }
      }
      SortedMap<Integer, List<String>> copy = new TreeMap<>();
      earlierFingerprints.forEach((v, list) -> copy.put(v, List.copyOf(list)));
      earlierFingerprints = Collections.unmodifiableSortedMap(copy);
    }

    public History(List<Entry> versions, boolean retired) {
      this(versions, retired, new TreeMap<>());
    }

    /** Every schema fingerprint {@code version} has had: the earlier ones, then its entry's. */
    public List<String> fingerprints(int version) {
      List<String> all = new ArrayList<>(earlierFingerprints.getOrDefault(version, List.of()));
      version(version).ifPresent(v -> all.add(v.schemaFingerprint()));
      return all;
    }

    public Entry latest() {
      return versions.get(versions.size() - 1);
    }

    public int latestVersion() {
      return latest().version();
    }

    public Optional<Entry> version(int version) {
      return versions.stream().filter(v -> v.version() == version).findFirst();
    }

    /** The released versions before the newest, oldest first. */
    public List<Entry> earlier() {
      return versions.subList(0, versions.size() - 1);
    }
  }

  /** An empty lock, for a contract set that has released nothing yet. */
  public static Lock empty(String contractSet) {
    return new Lock(contractSet, new TreeMap<>());
  }

  // ---------------------------------------------------------------------------------------------
  // reading

  /** Reads a lock file. */
  public static Lock read(Path file) {
    return read(JsonCursor.readFile(file), file.toString());
  }

  /**
   * Reads a lock from a stream (a class-path resource), at most
   * {@link JsonCursor#MAX_DOCUMENT_BYTES}.
   *
   * @param source what the stream is, for messages
   */
  public static Lock read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = JsonCursor.readStream(in, source);
    } catch (IOException e) {
      throw new CompatInputException(source + " cannot be read: " + e.getMessage(), e);
    }
    return read(bytes, source);
  }

  /**
   * Reads a lock from UTF-8 bytes.
   *
   * @param source what the bytes are, for messages
   */
  public static Lock read(byte[] bytes, String source) {
    return read(JsonCursor.parse(bytes, source));
  }

  /**
   * Reads a lock from text.
   *
   * @param source what the text is, for messages
   */
  public static Lock parse(String text, String source) {
    return read(text.getBytes(StandardCharsets.UTF_8), source);
  }

  /** Reads a lock from a parsed document (after looking at its format, say). */
  public static Lock read(JsonCursor root) {
    ManifestJson.requireFormat(root, FORMAT, "lock");
    String contractSet = root.name("contractSet");
    SortedMap<ItemKey, History> histories = new TreeMap<>();
    for (Kind kind : Kind.values()) {
      JsonCursor section = root.object(kind.section());
      for (String name : section.keys()) {
        if (name.isEmpty()) {
          throw section.invalid(name, "an item name, not the empty string");
        }
        histories.put(new ItemKey(kind, name), history(section.object(name), kind, name));
      }
      section.finish();
    }
    root.finish();
    return new Lock(contractSet, histories);
  }

  private static History history(JsonCursor item, Kind kind, String name) {
    boolean retired = item.bool("retired");
    List<Entry> versions = new ArrayList<>();
    List<JsonCursor> entries = item.objects("versions");
    if (entries.isEmpty()) {
      throw item.invalid("versions", "at least one released version");
    }
    for (JsonCursor cursor : entries) {
      Entry entry = ManifestJson.entry(cursor, kind.entryType());
      if (!entry.identity().equals(name)) {
        throw cursor.invalid(kind.identity(), "the " + kind.identity() + " of the item it is "
            + "filed under, " + section(kind, name));
      }
      if (!versions.isEmpty() && entry.version() <= versions.get(versions.size() - 1).version()) {
        throw cursor.invalid("version", "a version above "
            + versions.get(versions.size() - 1).version() + " (versions are oldest first)");
      }
      versions.add(entry);
    }
    SortedMap<Integer, List<String>> earlier = new TreeMap<>();
    if (item.has("earlierFingerprints")) {
      JsonCursor prints = item.object("earlierFingerprints");
      if (prints.keys().isEmpty()) {
        throw item.invalid("earlierFingerprints", "an object with at least one version (an "
            + "empty one is left out)");
      }
      for (String key : prints.keys()) {
        if (!VERSION_KEY.matcher(key).matches() || versions.stream()
            .noneMatch(v -> String.valueOf(v.version()).equals(key))) {
          throw prints.invalid(key, "no such key (its keys are released versions of the item, "
              + "in decimal)");
        }
        List<String> list = prints.digests(key);
        if (list.isEmpty()) {
          throw prints.invalid(key, "at least one fingerprint");
        }
        earlier.put(Integer.valueOf(key), list);
      }
      prints.finish();
    }
    item.finish();
    return new History(versions, retired, earlier);
  }

  /** Where an item is filed, in words: {@code contracts "page_visit"}. */
  private static String section(Kind kind, String name) {
    return kind.section() + " \"" + name + "\"";
  }

  // ---------------------------------------------------------------------------------------------
  // releasing

  /** The newest version of every item that is not retired. */
  public Snapshot latest() {
    SortedMap<ItemKey, Entry> items = new TreeMap<>();
    histories.forEach((key, history) -> {
      if (!history.retired()) {
        items.put(key, history.latest());
      }
    });
    return new Snapshot(contractSet, items);
  }

  /** The lock after releasing a manifest: {@link #release(Snapshot)} of its items. */
  public Lock release(Manifest current) {
    return release(Snapshot.of(current));
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
      List<Entry> versions = new ArrayList<>(history.versions());
      SortedMap<Integer, List<String>> earlier = new TreeMap<>(history.earlierFingerprints());
      if (entry.version() == history.latestVersion()) {
        String before = history.latest().schemaFingerprint();
        if (!before.equals(entry.schemaFingerprint())) {
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

  // ---------------------------------------------------------------------------------------------
  // writing

  /**
   * The lock file's bytes: UTF-8, two-space indentation, {@code \n} line ends; sections in
   * {@link Kind} order, items sorted by name, each item's keys in a fixed order.
   */
  public byte[] render() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("contractSet", contractSet);
    for (Kind kind : Kind.values()) {
      Map<String, Object> section = new LinkedHashMap<>();
      histories.forEach((key, history) -> {
        if (key.kind() == kind) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("retired", history.retired());
          if (!history.earlierFingerprints().isEmpty()) {
            Map<String, List<String>> earlier = new LinkedHashMap<>();
            history.earlierFingerprints().forEach((version, prints) ->
                earlier.put(String.valueOf(version), prints));
            item.put("earlierFingerprints", earlier);
          }
          item.put("versions", history.versions());
          section.put(key.name(), item);
        }
      });
      root.put(kind.section(), section);
    }
    return ManifestJson.renderValue(root);
  }

  /**
   * Writes the lock: into a temporary file beside {@code file}, then moved over it, so that an
   * interrupted write leaves the previous lock or the new one, never a part.
   */
  public void write(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    try {
      Files.write(temporary, render());
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
