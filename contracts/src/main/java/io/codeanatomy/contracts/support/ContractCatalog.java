package io.codeanatomy.contracts.support;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The contracts of one contract set, as its generated catalog class lists them. The processor
 * writes one implementation per contract set ({@code <Set>ContractCatalog}) and registers it in
 * {@code META-INF/services}, so that readers find every contract on a class path through
 * {@link ServiceLoader} instead of deriving generated class names.
 */
public interface ContractCatalog {

  /** The contract set's name ({@code -Acodeanatomy.contractSet}). */
  String contractSet();

  /** The codec of every contract the set declares, in manifest order. */
  List<ContractCodec<?>> codecs();

  /** Every catalog on the class path of {@code loader}, in class-path order. */
  static List<ContractCatalog> onClassPath(ClassLoader loader) {
    return ServiceLoader.load(ContractCatalog.class, loader).stream()
        .map(ServiceLoader.Provider::get).toList();
  }

  /** The codec of the contract whose Java type is {@code type}, among this set's. */
  @SuppressWarnings("unchecked")
  default <T> Optional<ContractCodec<T>> codec(Class<T> type) {
    return codecs().stream().filter(c -> c.javaType() == type)
        .map(c -> (ContractCodec<T>) c).findFirst();
  }

  /** The codec of the contract named {@code name}, among this set's. */
  default Optional<ContractCodec<?>> codec(String name) {
    return codecs().stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
