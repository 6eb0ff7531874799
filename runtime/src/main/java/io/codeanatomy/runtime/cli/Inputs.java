package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.Snapshot;
import io.codeanatomy.runtime.payload.ReadLimits;
import io.codeanatomy.runtime.payload.StrictJson;
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
    String text = text(file);
    parse(text, file.toString()); // within the reading limits, before compat parses it again
    return Lock.parse(text, file.toString());
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
      // A device or a pipe could be read forever; a huge file would fill the heap.
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new CompatInputException(file + " is not a file" + (Files.isDirectory(file)
            ? " but a folder" : " (a device or a pipe)"));
      }
      if (Files.exists(file) && Files.size(file) > ReadLimits.MAX_DOCUMENT_BYTES) {
        throw new CompatInputException(file + " is over a reading limit: " + Files.size(file)
            + " bytes, more than the " + ReadLimits.MAX_DOCUMENT_BYTES + " a reader accepts");
      }
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

  /**
   * Parses with the runtime's strict reader and its limits (docs/relspec.md, "Limits"); compat's
   * own parser, which reads the text again, keeps Jackson's looser defaults, so that nothing it
   * would choke on reaches it.
   */
  private static JsonNode parse(String text, String source) {
    JsonNode root;
    try {
      root = StrictJson.parse(text);
    } catch (StrictJson.MalformedJsonException e) {
      throw new CompatInputException(source + (e.isLimit() ? " is over a reading limit"
          : " is not valid JSON") + (e.line() < 0 ? "" : " (line " + e.line() + ", column "
              + e.column() + ")") + ": " + e.problem(), e);
    }
    if (!root.isObject()) {
      throw new CompatInputException(source + " is not a JSON object");
    }
    return root;
  }
}
