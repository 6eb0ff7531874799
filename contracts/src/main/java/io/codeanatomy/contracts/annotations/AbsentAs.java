package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How an absent optional field of a {@link Contract} is encoded for hashing: as nil (the default
 * for optional fields) or as the empty string, which is how the existing CodeAnatomy hashes
 * encode an absent hash. Only valid on an optional field ({@code CA043}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface AbsentAs {

  /** The encoding of an absent value. */
  Form value();

  /** The encoding of an absent value. */
  enum Form {
    /** The empty string {@code ""}. */
    EMPTY_STRING,
    /** MessagePack nil. */
    NIL
  }
}
