package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What generated code knows about one contract (an annotated record or a protobuf message): its
 * name, version and schema fingerprint, its fields, its canonical bytes and hash, and its
 * validation. Every generated {@code XContract} class exposes its codec as {@code CODEC}, and
 * each contract set's generated {@link ContractCatalog} lists them, so that readers find a
 * contract's codec by type or name without loading generated classes by name. Codecs are
 * immutable and safe to share between threads.
 *
 * @param <T> the record or protoc message class
 */
public interface ContractCodec<T> {

  /** The record or message class. */
  Class<T> javaType();

  /** The contract name, {@code execution_package}. */
  String name();

  /** The declared version. */
  int version();

  /** SHA-256 of the contract's canonical description, as in the manifest. */
  String schemaFingerprint();

  /** How the value is laid out for hashing: {@code sorted_map} or {@code ordered_pairs}. */
  String layout();

  /** Whether readers keep fields they do not know (else they refuse the payload). */
  boolean forwardCompatible();

  /** Every field name, in declaration order. */
  List<String> fields();

  /** The fields that enter the hash, in declaration order. */
  List<String> hashedFields();

  /** Writes the hashed form of {@code value}: what {@link #canonicalBytes} returns. */
  void write(CanonicalWriter writer, T value);

  /** Every declared constraint {@code value} violates (missing values, malformed digests). */
  List<Violation> validate(T value);

  /** The canonical bytes whose SHA-256 is the contract's hash. */
  default byte[] canonicalBytes(T value) {
    CanonicalWriter writer = new CanonicalWriter();
    write(writer, value);
    return writer.toByteArray();
  }

  /** The contract's hash: SHA-256 of its canonical bytes, lowercase hex. */
  default String hash(T value) {
    CanonicalWriter writer = new CanonicalWriter();
    write(writer, value);
    return writer.sha256Hex();
  }

  /** {@code execution_package version 1 (schema 1a2b3c4d5e6f)}, as messages name a contract. */
  default String describe() {
    return name() + " version " + version() + " (schema " + schemaFingerprint().substring(0,
        Math.min(12, schemaFingerprint().length())) + ")";
  }

  /** The codec a generated contract class declares, from its constants and methods. */
  static <T> ContractCodec<T> of(Class<T> javaType, String name, int version,
      String schemaFingerprint, String layout, boolean forwardCompatible, List<String> fields,
      List<String> hashedFields, BiConsumer<CanonicalWriter, T> write,
      Function<T, List<Violation>> validate) {
    return new GeneratedCodec<>(javaType, name, version, schemaFingerprint, layout,
        forwardCompatible, List.copyOf(fields), List.copyOf(hashedFields),
        Objects.requireNonNull(write, "write"), Objects.requireNonNull(validate, "validate"));
  }
}
