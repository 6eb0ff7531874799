package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as a hashed contract: a payload whose SHA-256 over its canonical encoding is
 * its identity (execution packages, plan fingerprints, snapshots).
 *
 * <p>The processor generates {@code <Record>Builder} and {@code <Record>Contract} (name, version,
 * schema fingerprint, canonical bytes and hash) and a Rust struct with the same encoder.
 *
 * <p>Hashes are always over the fully materialized record, fields marked {@link Provenance}
 * excluded. Checked: a record ({@code CA001}); name ({@code CA005}) and version ({@code CA002},
 * {@code CA003}); every component type is encodable ({@code CA012}); markers fit their field
 * ({@code CA041}..{@code CA043}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Contract {

  /** The contract name, lower-case snake case ({@code execution_package}; {@code CA005}). */
  String name();

  /** The contract version, at least 1; required ({@code CA002}, {@code CA003}). */
  int version() default 0;

  /** How the record is laid out for hashing. */
  Layout layout() default Layout.SORTED_MAP;

  /**
   * Whether readers keep fields they do not know (forward compatible) instead of rejecting the
   * payload (strict, the default).
   */
  boolean forwardCompatible() default false;

  /** How a contract record is laid out for hashing. */
  enum Layout {
    /**
     * The envelope map {@code {contract, version, fields}} with {@code fields} a map of field name
     * to value, keys sorted: two versions never share a hash by accident.
     */
    SORTED_MAP,
    /**
     * An array of {@code [name, value]} pairs in declaration order and nothing else: the layout
     * that reproduces the existing CodeAnatomy hashes. The version lives in the payload header.
     */
    ORDERED_PAIRS
  }
}
