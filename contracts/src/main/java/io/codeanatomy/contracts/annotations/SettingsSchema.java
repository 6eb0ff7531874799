package io.codeanatomy.contracts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as a settings schema: a group of engine settings under one key namespace.
 * Every record component must carry {@link Setting}.
 *
 * <pre>{@code
 * @SettingsSchema(namespace = "datafusion.execution", version = 1)
 * public record ExecutionSettings(
 *     @Setting(defaultValue = "8", min = "1", planningAffecting = true,
 *              doc = "Partitions used to execute a plan.")
 *     int targetPartitions) {}
 * }</pre>
 *
 * <p>The processor generates {@code <Record>Builder} (defaults filled in, {@code build()} reports
 * every violation at once), {@code <Record>Keys} (key constants, the key registry, rendering to and
 * parsing from a {@code key -> text} map) and {@code <Record>Mixin} (instance methods the record
 * may opt into with {@code implements}).
 *
 * <p>Checked: the annotated element is a record ({@code CA001}); every component has a
 * {@link Setting} ({@code CA018}); {@link #version()} is given ({@code CA002}) and positive
 * ({@code CA003}); {@link #namespace()} is lower-case ASCII ({@code CA004}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SettingsSchema {

  /**
   * The key namespace, for example {@code datafusion.execution}: every setting's full key is
   * {@code namespace + "." + key}. Dot-separated segments of lower-case ASCII letters, digits and
   * underscores, each starting with a letter (checked, {@code CA004}).
   */
  String namespace();

  /**
   * The schema version, at least 1. Required (the default 0 means "not given" and is reported as
   * {@code CA002}); bump it when a change alters what the schema means (a default, a key, a type).
   */
  int version() default 0;
}
