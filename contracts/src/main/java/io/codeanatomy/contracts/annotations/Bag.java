package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code List} field of a {@link Contract} as order-insensitive: before hashing, its
 * elements are sorted, so two lists with the same elements in any order hash alike. Strings sort
 * by their UTF-8 bytes and numbers by value (the "sorted array" of the legacy layouts); other
 * elements sort by {@link #key()} when given, then by their canonical bytes. Only valid on a
 * {@code List} ({@code CA042}); the key must be a string field of the element contract
 * ({@code CA047}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Bag {

  /**
   * For a bag of contracts, the payload name of a string field of the element that orders the
   * bag ({@code dataset}, so that delta inputs are "sorted by dataset name"); empty: canonical
   * bytes.
   */
  String key() default "";
}
