package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A named profile of a {@link PlanningPolicy}: a set of overrides on top of its parent profile
 * (or, without one, on top of the declared defaults). Repeatable.
 *
 * <pre>{@code
 * @Profile(name = "dev", extendsProfile = "default",
 *          set = {"datafusion.execution.planning_concurrency=2",
 *                 "datafusion.runtime.memory_limit=4GiB"})
 * }</pre>
 *
 * <p>Every profile resolves at compile time into its effective settings (every key, defaults
 * materialized) and their settings hash, which the manifest records.
 *
 * <p>Checked: only on a planning policy ({@code CA038}); the name is valid ({@code CA039}) and
 * unique ({@code CA035}); the parent exists ({@code CA033}) and parents form no cycle
 * ({@code CA034}); every override is {@code key=value} ({@code CA036}), names a known key
 * ({@code CA030}) once ({@code CA037}), and its value parses ({@code CA031}) and is in range
 * ({@code CA032}); every unset key is optional ({@code CA040}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Profiles.class)
public @interface Profile {

  /**
   * The profile name: lower-case ASCII letters, digits, {@code _} and {@code -}, starting with a
   * letter ({@code default}, {@code dev}, {@code size-small}).
   */
  String name();

  /** The parent profile whose effective settings this one starts from; empty for none. */
  String extendsProfile() default "";

  /**
   * Overrides as {@code full.key=value} setting text; the value is everything after the first
   * {@code =} (it may itself contain {@code =}).
   */
  String[] set() default {};

  /** Full keys of optional settings this profile leaves unset, whatever its parent says. */
  String[] unset() default {};

  /** What the profile is for, for people (docs and manifest). */
  String doc() default "";
}
