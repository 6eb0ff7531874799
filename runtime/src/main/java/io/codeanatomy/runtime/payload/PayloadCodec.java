package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * JSON payload I/O of one contract, whichever way it is declared: {@link ProtoPayloads} for
 * protobuf messages, {@link RecordPayloads} for records. {@link Payloads} finds the right one.
 *
 * @param <T> the contract's Java type
 */
public sealed interface PayloadCodec<T> permits ProtoPayloads, RecordPayloads {

  /** The contract: name, version, schema fingerprint, strictness. */
  ContractType<T> contractType();

  /** The payload in its envelope, pretty-printed with {@code \n} line ends. */
  default String toJson(T value) {
    return toJson(value, Map.of());
  }

  /** The payload with the unknown fields a forward-compatible payload carried, written back. */
  String toJson(T value, Map<String, JsonNode> unknownFields);

  /**
   * Reads a payload written for this contract, version and schema.
   *
   * @throws ContractVersionException for a payload of another contract, version or schema
   * @throws PayloadException naming the field, for anything else that is wrong
   */
  Decoded<T> fromJson(String json);
}
