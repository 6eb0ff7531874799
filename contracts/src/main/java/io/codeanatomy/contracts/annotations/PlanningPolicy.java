package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as a planning policy: a composition of settings schemas (each component's type
 * is a {@link SettingsSchema} record) with named {@link Profile profiles}.
 *
 * <p>The processor generates {@code <Record>Builder}, {@code <Record>Profiles} (the profile
 * catalog: one constant per profile, {@code profile(name)}, {@code profileNames()}, the expected
 * settings hash of each profile), {@code <Record>Settings} (the key registry of every component,
 * {@code effectiveSettings}, {@code planningEnvironmentSettings}, {@code settingsHash},
 * {@code featureGateParityHash}, parsing from a {@code key -> text} map) and
 * {@code <Record>Mixin}. It also writes every profile's expected settings hash into the manifest.
 *
 * <p>Checked: a record ({@code CA001}); every component is a settings schema ({@code CA020});
 * no key appears in two components ({@code CA010}); name ({@code CA005}) and version
 * ({@code CA002}, {@code CA003}) are valid; every profile (see {@link Profile}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PlanningPolicy {

  /**
   * The policy name, lower-case snake case ({@code codeanatomy}); it names the policy in the
   * manifest and in payloads ({@code CA005}).
   */
  String name();

  /** The policy version, at least 1; required ({@code CA002}, {@code CA003}). */
  int version() default 0;
}
