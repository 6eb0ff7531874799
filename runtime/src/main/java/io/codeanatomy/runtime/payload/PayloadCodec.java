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

  /**
   * A codec that also reads payloads of the given older versions of the contract, as the lock on
   * the contract's class path recorded them (the processor puts a contract set's lock in its
   * jar). Such a payload is read into the current type: fields the older version lacks are
   * absent (for a record, they must be optional), fields only it had are dropped.
   *
   * @throws IllegalArgumentException for a version that is not older, or was never released
   */
  PayloadCodec<T> accepting(int... olderVersions);

  /** The contract: name, version, schema fingerprint, strictness. */
  ContractType<T> contractType();

  /** The payload in its envelope, pretty-printed with {@code \n} line ends. */
  default String toJson(T value) {
    return toJson(value, Map.of());
  }

  /** The payload with the unknown fields a forward-compatible payload carried, written back. */
  String toJson(T value, Map<String, JsonNode> unknownFields);

  /**
   * Whether {@code utf8} is byte for byte what {@link #toJson(Object, Map)} writes for
   * {@code read}, the payload this codec read from it: for checking files a writer wrote, where
   * an edit the reader accepts (a number spelled otherwise, keys in another order, spaces) is
   * still an edit. Cheaper than writing: the value was checked when it was read.
   */
  boolean isAsWritten(Decoded<T> read, byte[] utf8);

  /**
   * Reads a payload written for this contract, version and schema, within {@link ReadLimits}.
   *
   * @throws ContractVersionException for a payload of another contract, version or schema
   * @throws PayloadException naming the field, for anything else that is wrong
   */
  Decoded<T> fromJson(String json);

  /**
   * Reads a payload from the bytes of a file, which must be UTF-8: a malformed sequence is an
   * error, never a replacement character.
   *
   * @throws ContractVersionException for a payload of another contract, version or schema
   * @throws PayloadException for bytes that are not UTF-8, and as {@link #fromJson(String)}
   */
  default Decoded<T> fromJson(byte[] utf8) {
    String text;
    try {
      text = StrictJson.utf8(utf8);
    } catch (StrictJson.MalformedJsonException e) {
      throw new PayloadException(contractType().name(), null, e.getMessage(), e);
    }
    return fromJson(text);
  }
}
