package io.codeanatomy.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * How a protobuf contract's field is laid out on the wire and in protobuf's JSON, beyond its
 * contract type: what the Rust decoders and encoders need to read and write exactly what
 * protobuf-java does. A record's fields have none.
 *
 * @param type the protobuf type of the value: of the field, of a list's elements, of a map's
 *     values
 * @param jsonName the field's JSON name ({@code createdAtUnixMs}), which JSON readers accept
 *     besides the {@code .proto} name
 * @param packed whether a repeated scalar is written packed (proto3's default; {@code [packed =
 *     false]} turns it off)
 * @param enumName for an enum value, the enum's name in the {@code .proto}
 * @param enumNumbers for an enum value, the number of each constant, in declaration order
 */
public record ProtoWire(ProtoType type, String jsonName, boolean packed, String enumName,
    List<Integer> enumNumbers) {

  public ProtoWire {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(jsonName, "jsonName");
    Objects.requireNonNull(enumName, "enumName");
    enumNumbers = List.copyOf(enumNumbers);
  }

  /** The protobuf types a contract field can have (docs/contract-language.md). */
  public enum ProtoType {
    DOUBLE, FLOAT, INT64, SINT64, SFIXED64, INT32, SINT32, SFIXED32, BOOL, STRING, BYTES, ENUM,
    MESSAGE
  }
}
