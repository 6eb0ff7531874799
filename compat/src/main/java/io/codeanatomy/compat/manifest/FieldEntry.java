package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Optional;

/**
 * One field of a contract. Immutable.
 *
 * @param name the field's name in payloads and hashes, snake case
 * @param component the record component (or protoc's lowerCamel field name)
 * @param type the type in words, nested contracts by name and fingerprint
 *     ({@code list<contract delta_input 1a2b...>})
 * @param hashed whether it enters the hash (false for {@code @Provenance})
 * @param bag whether its order does not count
 * @param bagKey the string field that orders a bag of contracts; empty for none
 * @param absentAs how an absent optional is hashed
 * @param hash whether it holds SHA-256 digests
 * @param required whether a payload must carry it
 * @param protoNumber the protobuf field number of a proto contract's field; null (and left out
 *     of the JSON) for a record's
 */
@JsonPropertyOrder({"name", "component", "type", "hashed", "bag", "bagKey", "absentAs", "hash",
    "required", "protoNumber"})
public record FieldEntry(String name, String component, String type, boolean hashed, boolean bag,
    String bagKey, AbsentAs absentAs, HashRule hash, boolean required,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer protoNumber) {

  public FieldEntry {
    Entries.require("name", name);
    Entries.require("component", component);
    Entries.require("type", type);
    Entries.require("bagKey", bagKey);
    Entries.require("absentAs", absentAs);
    Entries.require("hash", hash);
  }

  public Optional<Integer> protoFieldNumber() {
    return Optional.ofNullable(protoNumber);
  }

  /** How an absent optional value is hashed. */
  public enum AbsentAs {
    @JsonProperty("nil") NIL,
    @JsonProperty("empty_string") EMPTY_STRING
  }

  /** Whether a field holds SHA-256 hex digests. */
  public enum HashRule {
    @JsonProperty("none") NONE,
    @JsonProperty("hash_or_empty") HASH_OR_EMPTY,
    @JsonProperty("hash") HASH;

    /** Whether values valid under {@code other} may be invalid under this rule. */
    public boolean stricterThan(HashRule other) {
      return ordinal() > other.ordinal();
    }
  }
}
