package io.codeanatomy.runtime.payload;

import io.codeanatomy.contracts.support.Violation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * What the generated {@code <Type>Contract} class says about a contract type: its name, version,
 * schema fingerprint, strictness and fields, and its hash and validation. Found by name, so any
 * contract of any contract set works without registration.
 *
 * @param <T> the record or protoc message class
 */
public final class ContractType<T> {

  private final Class<T> type;
  private final Class<?> codec;
  private final String name;
  private final int version;
  private final String schemaFingerprint;
  private final boolean forwardCompatible;
  private final List<String> fields;

  private ContractType(Class<T> type, Class<?> codec) throws ReflectiveOperationException {
    this.type = type;
    this.codec = codec;
    this.name = (String) codec.getField("CONTRACT_NAME").get(null);
    this.version = codec.getField("CONTRACT_VERSION").getInt(null);
    this.schemaFingerprint = (String) codec.getField("SCHEMA_FINGERPRINT").get(null);
    this.forwardCompatible = codec.getField("FORWARD_COMPATIBLE").getBoolean(null);
    @SuppressWarnings("unchecked")
    List<String> declared = (List<String>) codec.getField("FIELDS").get(null);
    this.fields = declared;
  }

  /**
   * The contract of {@code type}.
   *
   * @throws IllegalArgumentException when {@code type} is not a contract (no generated codec)
   */
  public static <T> ContractType<T> of(Class<T> type) {
    String flat = type.getName().substring(type.getPackageName().length() + 1).replace("$", "");
    String codecName = type.getPackageName() + "." + flat + "Contract";
    try {
      return new ContractType<>(type, Class.forName(codecName, true, type.getClassLoader()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(type.getName() + " is not a contract: the processor "
          + "generates " + codecName + " for @Contract records and contract messages", e);
    }
  }

  public Class<T> javaType() {
    return type;
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  public String schemaFingerprint() {
    return schemaFingerprint;
  }

  /** Whether readers keep unknown fields instead of refusing the payload. */
  public boolean forwardCompatible() {
    return forwardCompatible;
  }

  /** The field names, in declaration order (for a record, in component order). */
  public List<String> fields() {
    return fields;
  }

  /** {@code execution_package version 1 (schema 1a2b3c4d5e6f)}, as messages name a contract. */
  public String describe() {
    return describe(name, version, schemaFingerprint);
  }

  static String describe(String name, int version, String fingerprint) {
    String shortPrint = fingerprint == null || fingerprint.length() < 12
        ? String.valueOf(fingerprint) : fingerprint.substring(0, 12);
    return name + " version " + version + " (schema " + shortPrint + ")";
  }

  /** The value's hash. */
  public String hash(T value) {
    return (String) call("hash", value);
  }

  /** The canonical bytes that are hashed. */
  public byte[] canonicalBytes(T value) {
    return (byte[]) call("canonicalBytes", value);
  }

  /** Every declared constraint the value violates (missing values, malformed hashes). */
  @SuppressWarnings("unchecked")
  public List<Violation> validate(T value) {
    return (List<Violation>) call("validate", value);
  }

  private Object call(String method, T value) {
    try {
      Method m = codec.getMethod(method, type);
      return m.invoke(null, value);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(codec.getName() + " has no " + method, e);
    }
  }
}
