package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The {@link ContractCodec} of a generated contract class: its constants and two methods. */
record GeneratedCodec<T>(Class<T> javaType, String name, int version, String schemaFingerprint,
    String layout, boolean forwardCompatible, List<String> fields, List<String> hashedFields,
    BiConsumer<CanonicalWriter, T> writer, Function<T, List<Violation>> validator)
    implements ContractCodec<T> {

  GeneratedCodec {
    Objects.requireNonNull(javaType, "javaType");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schemaFingerprint, "schemaFingerprint");
    Objects.requireNonNull(layout, "layout");
  }

  @Override
  public void write(CanonicalWriter writer, T value) {
    this.writer.accept(writer, value);
  }

  @Override
  public List<Violation> validate(T value) {
    return validator.apply(value);
  }

  @Override
  public String toString() {
    return describe();
  }
}
