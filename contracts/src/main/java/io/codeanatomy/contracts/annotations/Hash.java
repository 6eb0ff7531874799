package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a {@link Contract} that holds SHA-256 digests: every value must be exactly 64
 * lowercase hex characters (or, with {@link #allowEmpty()}, the empty string meaning "absent").
 * Valid on {@code String}, {@code Optional<String>}, {@code List<String>} (every element) and
 * {@code Map<String, String>} (every value) ({@code CA048}). Builders and payload readers check
 * it; the hash itself never depends on it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Hash {

  /** Whether the empty string is allowed, standing for an absent hash. */
  boolean allowEmpty() default false;
}
