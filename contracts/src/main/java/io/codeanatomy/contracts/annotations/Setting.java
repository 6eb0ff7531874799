package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one setting of a {@link SettingsSchema}: its key, type (the component's Java type),
 * default, range, unit, scope and whether it affects planning.
 *
 * <p>Supported component types: {@code boolean}, {@code int}, {@code long}, {@code double},
 * {@code String}, an enum, {@code java.time.Duration}, {@code List<String>}, a byte size
 * ({@code long} with {@code unit = BYTES}), and the optional forms {@code Optional<T>} of those,
 * {@code OptionalInt}, {@code OptionalLong} and {@code OptionalDouble} (an absent value is "unset";
 * unset keys are left out of settings snapshots). Anything else is {@code CA012}.
 *
 * <p>Only valid on a component of a record annotated with {@link SettingsSchema} ({@code CA015}).
 * The target includes {@code FIELD} only so that javac keeps the annotation on the record's
 * private field, where the processor can point its diagnostics at the exact attribute; it is an
 * error on any other field.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Setting {

  /**
   * The key relative to the schema's namespace, for example {@code target_partitions} or
   * {@code parquet.pushdown_filters}. Empty (the default) derives it from the component name in
   * snake case ({@code targetPartitions -> target_partitions}). Checked: ASCII ({@code CA011}),
   * lower-case segments ({@code CA011}), unique across the schema and across every schema of a
   * policy ({@code CA010}).
   */
  String key() default "";

  /**
   * The default as setting text: {@code true}, {@code 8192}, {@code 64MiB}, {@code 2m},
   * {@code warn}, {@code a,b}. Parsed and range-checked at compile time ({@code CA013},
   * {@code CA014}). Required for every non-optional setting ({@code CA016}); on an optional
   * setting, omit it to leave the setting unset by default.
   */
  String defaultValue() default "";

  /**
   * What the setting does, for people: it becomes Javadoc, a Rust doc comment, the manifest's
   * {@code doc} and a row of {@code settings.md}. Any text is allowed; the generated code escapes
   * it.
   */
  String doc();

  /**
   * The smallest allowed value, as setting text of the setting's type ({@code 1}, {@code 1MiB},
   * {@code 1s}); empty means no bound. Only for numbers, byte sizes and durations ({@code CA017}).
   * Checked against the default and every profile value at compile time, and by {@code build()}.
   */
  String min() default "";

  /** The largest allowed value, like {@link #min()}. */
  String max() default "";

  /**
   * The unit of a numeric setting. {@link Unit#BYTES} makes a {@code long} (or {@code OptionalLong})
   * a byte size: it accepts {@code 64MiB} and renders as a decimal byte count.
   */
  Unit unit() default Unit.NONE;

  /**
   * Whether the setting changes how plans are made. Planning-affecting settings enter the
   * planning-environment snapshot and hash, and so every plan fingerprint; others do not.
   */
  boolean planningAffecting() default false;

  /** Where the engine applies the setting. */
  Scope scope() default Scope.SESSION;

  /**
   * Marks a boolean feature gate. The feature-gate parity hash covers exactly the settings marked
   * here: SHA-256 of {@code key=value} texts sorted by key and joined with {@code |}. Only valid on
   * a {@code boolean} ({@code CA019}).
   */
  boolean featureGate() default false;

  /** The unit of a numeric setting. */
  enum Unit {
    /** A plain number. */
    NONE,
    /** A byte count: accepts {@code KiB}/{@code MiB}/{@code GiB}/{@code TiB} suffixes. */
    BYTES
  }

  /** Where the engine applies a setting. */
  enum Scope {
    /** Per session ({@code SessionConfig}). */
    SESSION,
    /** Per runtime environment ({@code RuntimeEnv}: memory pool, disk, caches). */
    RUNTIME,
    /** Per table (table options). */
    TABLE
  }
}
