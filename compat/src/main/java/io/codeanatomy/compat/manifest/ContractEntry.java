package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * A hashed contract (an annotated record or a protobuf message) in a manifest. Immutable.
 *
 * @param kind always {@link #KIND}
 * @param name the contract name
 * @param version the declared version
 * @param javaType the record or protoc message class
 * @param spelling how it is declared
 * @param layout how it is laid out for hashing
 * @param forwardCompatible whether readers keep unknown fields instead of refusing the payload
 * @param schemaFingerprint SHA-256 of the contract's canonical description
 * @param fields the fields in declaration order
 */
@JsonPropertyOrder({"kind", "name", "version", "javaType", "spelling", "layout",
    "forwardCompatible", "schemaFingerprint", "fields"})
public record ContractEntry(String kind, String name, int version, String javaType,
    Spelling spelling, Layout layout, boolean forwardCompatible, String schemaFingerprint,
    List<FieldEntry> fields) implements Entry {

  public static final String KIND = "contract";

  public ContractEntry {
    Entries.requireKind(KIND, kind);
    Entries.require("name", name);
    Entries.require("javaType", javaType);
    Entries.require("spelling", spelling);
    Entries.require("layout", layout);
    Entries.require("schemaFingerprint", schemaFingerprint);
    fields = List.copyOf(fields);
  }

  @Override
  public String identity() {
    return name;
  }

  /** The field named {@code fieldName}, if declared. */
  public Optional<FieldEntry> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** How a contract is declared. */
  public enum Spelling {
    @JsonProperty("record") RECORD,
    @JsonProperty("proto") PROTO
  }

  /** How a contract is laid out for hashing (docs/canonical-encoding.md, section 3). */
  public enum Layout {
    @JsonProperty("sorted_map") SORTED_MAP,
    @JsonProperty("ordered_pairs") ORDERED_PAIRS
  }
}
