package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.codeanatomy.contracts.support.ContractCatalog;
import io.codeanatomy.contracts.support.ContractCodec;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Finds the payload codec of a contract: by Java type, or by name through the manifests. */
public final class Payloads {

  private Payloads() {}

  /**
   * The codec of a contract's Java type: a protoc message or a {@code @Contract} record.
   *
   * @throws IllegalArgumentException when {@code type} is neither
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> PayloadCodec<T> of(Class<T> type) {
    if (Message.class.isAssignableFrom(type)) {
      return (PayloadCodec<T>) ProtoPayloads.of((Class) type);
    }
    if (type.isRecord()) {
      return (PayloadCodec<T>) RecordPayloads.of((Class) type);
    }
    throw new IllegalArgumentException(type.getName() + " is neither a protobuf message nor a "
        + "record, so it cannot be a contract");
  }

  /**
   * The codec of the contract named {@code name}, found in the contract catalogs on the class
   * path of {@code loader}.
   *
   * @throws PayloadException when no catalog lists the contract, naming those that exist
   */
  public static PayloadCodec<?> forContract(ClassLoader loader, String name) {
    List<ContractCatalog> catalogs = ContractCatalog.onClassPath(loader);
    Optional<ContractCodec<?>> codec = catalogs.stream()
        .flatMap(c -> c.codec(name).stream()).findFirst();
    if (codec.isEmpty()) {
      TreeSet<String> known = new TreeSet<>();
      catalogs.forEach(c -> c.codecs().forEach(k -> known.add(k.name())));
      throw new PayloadException(name, null, "no contract of that name on the class path; "
          + "known contracts: " + String.join(", ", known));
    }
    return of(codec.get().javaType());
  }

  /** Reads any payload whose contract is on the class path of {@code loader}. */
  public static Decoded<?> read(ClassLoader loader, String json) {
    return forContract(loader, contractOf(json)).fromJson(json);
  }

  /**
   * The contract name in a JSON payload's envelope, before anything else is checked.
   *
   * @throws PayloadException when the text is not an envelope with a contract name
   */
  public static String contractOf(String json) {
    JsonNode root = Envelope.parse("(unknown contract)", json);
    if (!root.isObject() || !root.path("contract").isTextual()) {
      throw new PayloadException("(unknown contract)", null, "expected an envelope "
          + "{contract, version, schemaFingerprint, payload}, got " + Envelope.kind(root));
    }
    return root.get("contract").textValue();
  }
}
