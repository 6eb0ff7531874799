package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.SettingTextException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every generated settings builder does, read from its schema's {@link SettingsTable}:
 * setting and unsetting by key and text, replacing every value from a settings map, and a
 * {@link #build()} that reports every problem at once. The generated subclass adds one typed
 * setter per setting. A builder is not thread-safe; the records it builds are immutable.
 *
 * @param <T> the schema record
 * @param <B> the generated builder itself
 */
public abstract class SettingsBuilder<T extends Record, B extends SettingsBuilder<T, B>> {

  private final SettingsTable<T, B> table;
  private final Object[] values;
  /** Problems of keys and text given to {@link #set} and {@link #unset}, by key. */
  private final Map<String, Violation> textProblems = new LinkedHashMap<>();

  /** A builder holding the schema's declared defaults. */
  protected SettingsBuilder(SettingsTable<T, B> table) {
    this.table = Objects.requireNonNull(table, "table");
    this.values = table.defaultValues();
  }

  /** Sets the component at {@code position} (what a typed setter does). */
  protected final B put(int position, Object componentValue) {
    values[position] = componentValue;
    textProblems.remove(table.keys().get(position));
    return self();
  }

  /** Takes every value of {@code settings}; problems noted earlier are forgotten. */
  final void load(T settings) {
    Object[] components = table.valuesOf(settings);
    System.arraycopy(components, 0, values, 0, values.length);
    textProblems.clear();
  }

  /** {@link #load} for a record known to be of this schema's type. */
  @SuppressWarnings("unchecked")
  final void loadRecord(Record settings) {
    load((T) settings);
  }

  /**
   * Sets a setting from its text ({@code 64MiB}, {@code 2m}, {@code warn}), as a settings map or
   * a profile writes it. A problem with the key or the text is reported by {@link #build()},
   * together with every other problem.
   */
  public final B set(String key, String text) {
    textProblems.remove(key);
    int position = table.position(key);
    if (position < 0) {
      textProblems.put(key, Violations.unknownKeyViolation(key, table.keys()));
      return self();
    }
    try {
      values[position] = table.parse(position, text);
    } catch (SettingTextException e) {
      textProblems.put(key, new Violation(key, e.getMessage()));
    }
    return self();
  }

  /**
   * Leaves an optional setting unset. A required or unknown key is reported by {@link #build()}.
   */
  public final B unset(String key) {
    textProblems.remove(key);
    int position = table.position(key);
    if (position < 0) {
      textProblems.put(key, Violations.unknownKeyViolation(key, table.keys()));
    } else if (!table.descriptors().get(position).optional()) {
      textProblems.put(key, new Violation(key, "cannot be unset: it is required"));
    } else {
      values[position] = table.columns().get(position).unset();
    }
    return self();
  }

  /** Sets every entry of {@code settings} by text, in key order; other keys keep their values. */
  public final B setAll(Map<String, String> settings) {
    new TreeMap<>(settings).forEach(this::set);
    return self();
  }

  /**
   * Replaces every value with those of a complete settings map: a required key missing from the
   * map, and every key the schema does not declare, is reported by {@link #build()}; an optional
   * key missing from the map is unset.
   */
  public final B replaceWith(Map<String, String> settings) {
    for (SettingDescriptor descriptor : table.descriptors()) {
      String key = descriptor.key();
      if (settings.containsKey(key)) {
        set(key, settings.get(key));
      } else if (descriptor.optional()) {
        unset(key);
      } else {
        textProblems.put(key, new Violation(key, "missing: expected "
            + descriptor.typeDescription()));
      }
    }
    for (String key : new TreeSet<>(settings.keySet())) {
      if (!table.isKey(key)) {
        textProblems.put(key, Violations.unknownKeyViolation(key, table.keys()));
      }
    }
    return self();
  }

  /**
   * Builds the settings.
   *
   * @throws ContractViolationException with every problem: text that did not parse, unknown or
   *     missing keys, values out of range, missing values
   */
  public final T build() {
    Violations violations = new Violations(table.subject());
    violations.addAll(textProblems.values());
    T settings = table.construct(values.clone());
    table.validate(settings, violations);
    violations.throwIfAny();
    return settings;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
