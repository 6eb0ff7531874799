package io.codeanatomy.processor.model;

import java.util.List;

/**
 * A Java type by name: its package and its simple names from the outermost class inwards.
 *
 * @param packageName the package, empty for the unnamed package
 * @param simpleNames the simple names, outermost first ({@code [Outer, Inner]})
 */
public record TypeRef(String packageName, List<String> simpleNames) {

  public TypeRef {
    simpleNames = List.copyOf(simpleNames);
    if (simpleNames.isEmpty()) {
      throw new IllegalArgumentException("a type needs a name");
    }
  }

  public static TypeRef of(String packageName, String... simpleNames) {
    return new TypeRef(packageName, List.of(simpleNames));
  }

  /** {@code pkg.Outer.Inner}. */
  public String qualifiedName() {
    String nested = String.join(".", simpleNames);
    return packageName.isEmpty() ? nested : packageName + "." + nested;
  }

  /** The simple names joined, {@code OuterInner}: the stem of generated class names. */
  public String flatName() {
    return String.join("", simpleNames);
  }

  /** A top-level type in the same package named after this one: {@code OuterInner + suffix}. */
  public TypeRef generated(String suffix) {
    return new TypeRef(packageName, List.of(flatName() + suffix));
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
