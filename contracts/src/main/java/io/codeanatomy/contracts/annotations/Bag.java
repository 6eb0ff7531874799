package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code List} field of a {@link Contract} as order-insensitive: before hashing, its
 * elements are sorted by their canonical bytes, so two lists with the same elements in any order
 * hash alike. Only valid on a {@code List} ({@code CA042}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Bag {}
