package io.codeanatomy.runtime.payload;

import io.codeanatomy.contracts.support.ContractCatalog;
import io.codeanatomy.contracts.support.ContractCodec;
import io.codeanatomy.contracts.support.Violation;
import java.util.List;
import java.util.Objects;

/**
 * What a reader knows about a contract type: its generated {@link ContractCodec} (name, version,
 * schema fingerprint, strictness, fields, hash and validation). Found through the contract
 * catalogs on the type's class path ({@link ContractCatalog}), which the processor generates and
 * registers for every contract set: no generated class is loaded by a derived name. Immutable
 * and safe to share between threads.
 *
 * @param <T> the record or protoc message class
 */
public final class ContractType<T> {

  /** Each type's codec, looked up once per class (and class loader). */
  private static final ClassValue<ContractCodec<?>> CODECS = new ClassValue<>() {
    @Override
    protected ContractCodec<?> computeValue(Class<?> type) {
      ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader()
          : ClassLoader.getSystemClassLoader();
      for (ContractCatalog catalog : ContractCatalog.onClassPath(loader)) {
        for (ContractCodec<?> codec : catalog.codecs()) {
          if (codec.javaType() == type) {
            return codec;
          }
        }
      }
      return null;
    }
  };

  private final ContractCodec<T> codec;

  private ContractType(ContractCodec<T> codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  /**
   * The contract of {@code type}.
   *
   * @throws IllegalArgumentException when {@code type} is not a contract of any contract set on
   *     its class path
   */
  @SuppressWarnings("unchecked")
  public static <T> ContractType<T> of(Class<T> type) {
    ContractCodec<T> codec = (ContractCodec<T>) CODECS.get(type);
    if (codec == null) {
      throw new IllegalArgumentException(type.getName() + " is not a contract: no contract "
          + "catalog on its class path lists it (the processor generates one, "
          + "META-INF/services/" + ContractCatalog.class.getName() + ", for every contract set "
          + "that declares @Contract records or contract messages)");
    }
    return new ContractType<>(codec);
  }

  /** The contract of a generated codec ({@code XContract.CODEC}). */
  public static <T> ContractType<T> of(ContractCodec<T> codec) {
    return new ContractType<>(codec);
  }

  public ContractCodec<T> codec() {
    return codec;
  }

  public Class<T> javaType() {
    return codec.javaType();
  }

  public String name() {
    return codec.name();
  }

  public int version() {
    return codec.version();
  }

  public String schemaFingerprint() {
    return codec.schemaFingerprint();
  }

  /** Whether readers keep unknown fields instead of refusing the payload. */
  public boolean forwardCompatible() {
    return codec.forwardCompatible();
  }

  /** The field names, in declaration order (for a record, in component order). */
  public List<String> fields() {
    return codec.fields();
  }

  /** {@code execution_package version 1 (schema 1a2b3c4d5e6f)}, as messages name a contract. */
  public String describe() {
    return describe(name(), version(), schemaFingerprint());
  }

  static String describe(String name, int version, String fingerprint) {
    String shortPrint = fingerprint == null || fingerprint.length() < 12
        ? String.valueOf(fingerprint) : fingerprint.substring(0, 12);
    return name + " version " + version + " (schema " + shortPrint + ")";
  }

  /** The value's hash. */
  public String hash(T value) {
    return codec.hash(value);
  }

  /** The canonical bytes that are hashed. */
  public byte[] canonicalBytes(T value) {
    return codec.canonicalBytes(value);
  }

  /** Every declared constraint the value violates (missing values, malformed hashes). */
  public List<Violation> validate(T value) {
    return codec.validate(value);
  }
}
