package io.codeanatomy.runtime.cli;

import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.manifest.JsonCursor;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Reads a file that may be a manifest or a lock. The format field decides, not the file name, so
 * that CI can pass a manifest pulled out of a released jar under any name. Reading is compat's
 * strict reader: every failure is a {@link CompatInputException} whose message starts with the
 * file and names the JSON key at fault.
 */
final class Inputs {

  private Inputs() {}

  /**
   * A manifest or a lock, read.
   *
   * @param source the file, as given on the command line
   * @param format {@link Manifest#FORMAT} or {@link Lock#FORMAT}
   * @param lock the lock; for a manifest, the history of one version that releasing it would give
   * @param manifest the manifest; null for a lock
   */
  record Input(String source, String format, Lock lock, Manifest manifest) {
    boolean isManifest() {
      return manifest != null;
    }

    String contractSet() {
      return lock.contractSet();
    }
  }

  static Input read(Path file) {
    String source = file.toString();
    JsonCursor root = JsonCursor.parse(JsonCursor.readFile(file), source);
    String format = root.peekString("format").orElse("");
    if (Lock.FORMAT.equals(format)) {
      return new Input(source, Lock.FORMAT, Lock.read(root), null);
    }
    if (!Manifest.FORMAT.equals(format)) {
      throw new CompatInputException(source + " is neither a manifest nor a lock: format is '"
          + format + "', expected '" + Manifest.FORMAT + "' or '" + Lock.FORMAT + "'");
    }
    Manifest manifest = ManifestJson.read(root);
    return new Input(source, format, Lock.empty(manifest.contractSet()).release(manifest),
        manifest);
  }

  /** A lock, and nothing else: {@code check --lock} compares against released history. */
  static Lock readLock(Path file) {
    return Lock.read(file);
  }

  /** A manifest, and nothing else: what {@code check} compares with the lock. */
  static Manifest readManifest(Path file) {
    return ManifestJson.read(file);
  }

  /** Both sides must belong to one contract set; comparing across sets would report nonsense. */
  static void requireSameSet(String oldSet, String oldSource, String newSet, String newSource) {
    if (!oldSet.equals(newSet)) {
      throw new CompatInputException(newSource + " is of contract set '" + newSet + "', but "
          + oldSource + " is of contract set '" + oldSet + "'");
    }
  }

  /**
   * Runs a comparison of {@code first} with {@code second}. The reader checks every value it can
   * alone (a bound's canonical text too); should the comparison still find a value it cannot use,
   * a {@link CompatInputException} (or an {@link IllegalArgumentException}), that is bad input,
   * not a bug. Which of the two files holds it is not known here, so the message names both.
   */
  static <T> T comparing(String first, String second, Supplier<T> comparison) {
    try {
      return comparison.get();
    } catch (IllegalArgumentException | CompatInputException e) {
      throw new CompatInputException("cannot compare " + first + " with " + second + ": "
          + e.getMessage(), e);
    }
  }
}
