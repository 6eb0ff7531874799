package io.codeanatomy.runtime.payload;

import io.codeanatomy.compat.ItemKey;
import io.codeanatomy.compat.Kind;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.manifest.ContractEntry;
import io.codeanatomy.compat.manifest.FieldEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a reader accepts besides its own version and schema, as the lock on the contract's class
 * path records it: the schema fingerprints its own version had before compatible changes (an
 * added enum value, an optional provenance field), and the older versions it was asked to accept,
 * each with its fingerprints and fields. Payloads of an accepted older version are read into the
 * current type: fields that version lacks are absent, fields only it had are dropped.
 */
final class AcceptedVersions {

  /** Where the processor puts the lock in a contract set's jar. */
  static final String LOCK_RESOURCE = "META-INF/codeanatomy/contracts.lock.json";

  /**
   * One accepted version: its number, schema fingerprint, field names and (for a protobuf
   * contract) field numbers.
   */
  record Accepted(int version, List<String> schemaFingerprints, Set<String> fields,
      Set<Integer> protoNumbers) {

    String schemaFingerprint() {
      return schemaFingerprints.get(schemaFingerprints.size() - 1);
    }
  }

  private final Set<String> currentEarlier;
  private final Map<Integer, Accepted> versions;

  private AcceptedVersions(Set<String> currentEarlier, Map<Integer, Accepted> versions) {
    this.currentEarlier = Set.copyOf(currentEarlier);
    this.versions = versions;
  }

  /** What a reader of {@code type} accepts by default: its version's earlier fingerprints. */
  static AcceptedVersions of(ContractType<?> type) {
    Lock.History history = history(type);
    Set<String> earlier = history == null ? Set.of()
        : Set.copyOf(history.earlierFingerprints().getOrDefault(type.version(), List.of()));
    return new AcceptedVersions(earlier, new TreeMap<>());
  }

  /** Whether {@code fingerprint} is one the current version had before a compatible change. */
  boolean isEarlierCurrent(String fingerprint) {
    return currentEarlier.contains(fingerprint);
  }

  /**
   * These and {@code versions}, as the lock on the contract's class path released them.
   *
   * @throws IllegalArgumentException for a version that is not older than the current one, or
   *     that no lock on the class path records
   */
  AcceptedVersions with(ContractType<?> type, int... more) {
    Lock.History history = history(type);
    Map<Integer, Accepted> next = new TreeMap<>(versions);
    for (int version : more) {
      if (version >= type.version()) {
        throw new IllegalArgumentException(type.name() + " is at version " + type.version()
            + ": only older versions can be accepted, not " + version);
      }
      ContractEntry entry = history == null ? null
          : (ContractEntry) history.version(version).orElse(null);
      if (entry == null) {
        throw new IllegalArgumentException(type.name() + " version " + version + " was never "
            + "released: the lock on the class path has " + (history == null ? "no version of it"
                : "versions " + history.versions().stream()
                    .map(v -> String.valueOf(v.version()))
                    .collect(Collectors.joining(", "))));
      }
      Set<String> fields = new LinkedHashSet<>();
      Set<Integer> numbers = new LinkedHashSet<>();
      for (FieldEntry field : entry.fields()) {
        fields.add(field.name());
        field.protoFieldNumber().ifPresent(numbers::add);
      }
      next.put(version, new Accepted(version, history.fingerprints(version), fields, numbers));
    }
    return new AcceptedVersions(currentEarlier, next);
  }

  /** An accepted version by number. */
  Optional<Accepted> get(int version) {
    return Optional.ofNullable(versions.get(version));
  }

  /** The accepted version a payload's envelope names, if it is one. */
  Optional<Accepted> match(int version, String schemaFingerprint) {
    Accepted accepted = versions.get(version);
    return accepted != null && accepted.schemaFingerprints().contains(schemaFingerprint)
        ? Optional.of(accepted) : Optional.empty();
  }

  /** {@code " or version 1 (schema 0c85d1cea196)"}, for messages; empty without any. */
  String describe(String contract) {
    StringBuilder text = new StringBuilder();
    versions.values().forEach(a -> text.append(" or ")
        .append(ContractType.describe(contract, a.version(), a.schemaFingerprint())));
    return text.toString();
  }

  private static Lock.History history(ContractType<?> type) {
    ClassLoader loader = type.javaType().getClassLoader();
    List<Lock.History> found = new ArrayList<>();
    try {
      Enumeration<URL> locks = loader.getResources(LOCK_RESOURCE);
      while (locks.hasMoreElements()) {
        URL url = locks.nextElement();
        try (InputStream in = url.openStream()) {
          Lock lock = Lock.read(in, url.toString());
          Lock.History history = lock.histories().get(new ItemKey(Kind.CONTRACT, type.name()));
          if (history != null) {
            found.add(history);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the locks on the class path: "
          + e.getMessage(), e);
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** Whether a payload of {@code accepted} (empty: the current version) had field {@code name}. */
  static boolean hadField(Optional<Accepted> accepted, String name) {
    return accepted.isPresent() && accepted.get().fields().contains(name);
  }

  /** Whether a payload of {@code accepted} may lack field {@code name}: that version had none. */
  static boolean lacks(Optional<Accepted> accepted, String name) {
    return accepted.isPresent() && !accepted.get().fields().contains(name);
  }
}
