package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.Snapshot;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Reads a file that may be a manifest or a lock. The format field decides, not the file name, so
 * that CI can pass a manifest pulled out of a released jar under any name. Every failure is a
 * {@link CompatInputException} whose message starts with the file.
 */
final class Inputs {

  // As strict as compat's own reader: a duplicate key or trailing text is a broken file.
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Inputs() {}

  /**
   * A manifest or a lock, read.
   *
   * @param source the file, as given on the command line
   * @param format {@link Snapshot#MANIFEST_FORMAT} or {@link Lock#FORMAT}
   * @param lock the lock; for a manifest, the history of one version that releasing it would give
   * @param manifest the manifest's items; null for a lock
   */
  record Input(String source, String format, Lock lock, Snapshot manifest) {
    boolean isManifest() {
      return manifest != null;
    }

    String contractSet() {
      return lock.contractSet();
    }
  }

  static Input read(Path file) {
    String source = file.toString();
    String text = text(file);
    JsonNode root = parse(text, source);
    if (Lock.isLock(root)) {
      return new Input(source, Lock.FORMAT, Lock.parse(text, source), null);
    }
    String format = root.path("format").asText("");
    if (!Snapshot.MANIFEST_FORMAT.equals(format)) {
      throw new CompatInputException(source + " is neither a manifest nor a lock: format is '"
          + format + "', expected '" + Snapshot.MANIFEST_FORMAT + "' or '" + Lock.FORMAT + "'");
    }
    Snapshot manifest = Snapshot.ofManifest(root, source);
    return new Input(source, format, Lock.empty(manifest.contractSet()).release(manifest),
        manifest);
  }

  /** A lock, and nothing else: {@code check --lock} compares against released history. */
  static Lock readLock(Path file) {
    return Lock.parse(text(file), file.toString());
  }

  /** A manifest, and nothing else: what {@code check} compares with the lock. */
  static Snapshot readManifest(Path file) {
    String source = file.toString();
    return Snapshot.ofManifest(parse(text(file), source), source);
  }

  /** Both sides must belong to one contract set; comparing across sets would report nonsense. */
  static void requireSameSet(String oldSet, String oldSource, String newSet, String newSource) {
    if (!oldSet.equals(newSet)) {
      throw new CompatInputException(newSource + " is of contract set '" + newSet + "', but "
          + oldSource + " is of contract set '" + oldSet + "'");
    }
  }

  /**
   * Runs a comparison of {@code first} with {@code second}. Compat checks a file's structure when
   * it reads it, but parses values such as a duration bound only when it compares them; a bad
   * value then surfaces as a {@link CompatInputException} (or an {@link IllegalArgumentException}),
   * which is bad input, not a bug.
   * Which of the two files holds it is not known here, so the message names both.
   */
  static <T> T comparing(String first, String second, Supplier<T> comparison) {
    try {
      return comparison.get();
    } catch (IllegalArgumentException | CompatInputException e) {
      throw new CompatInputException("cannot compare " + first + " with " + second + ": "
          + e.getMessage(), e);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CompatInputException(file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new CompatInputException(file + " cannot be read: permission denied", e);
    } catch (CharacterCodingException e) {
      throw new CompatInputException(file + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new CompatInputException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static JsonNode parse(String text, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")";
      throw new CompatInputException(source + " is not valid JSON" + where + ": "
          + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CompatInputException(source + " is not a JSON object");
    }
    return root;
  }
}
