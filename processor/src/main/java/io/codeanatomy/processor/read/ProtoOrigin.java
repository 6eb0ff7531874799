package io.codeanatomy.processor.read;

import io.codeanatomy.processor.model.Origin;

/**
 * A declaration in a {@code .proto} file, located by the descriptor set's source info. javac has
 * no element for it, so diagnostics name the file, line and column in their text.
 *
 * @param file the {@code .proto} file, relative to its import root
 * @param line the 1-based line, or 0 when the descriptor set has no source info
 * @param column the 1-based column
 * @param what what is declared there ({@code field codeanatomy.relspec.v1.X.y})
 */
public record ProtoOrigin(String file, int line, int column, String what) implements Origin {

  @Override
  public Origin attribute(String name) {
    return this;
  }

  @Override
  public Origin element(int index) {
    return this;
  }

  /** {@code relspec/v1/plan.proto:12:3}, the prefix of a diagnostic's text. */
  public String location() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }

  @Override
  public String describe() {
    return location() + " (" + what + ")";
  }
}
