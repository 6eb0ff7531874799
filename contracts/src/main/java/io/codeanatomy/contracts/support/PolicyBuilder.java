package io.codeanatomy.contracts.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What every generated policy builder does, read from its policy's {@link PolicyTable}: one
 * settings builder per component, setting any key of any component by text, and a
 * {@link #build()} that reports the problems of every component at once. The generated subclass
 * adds, per component, a method that replaces it and one that edits it in place. A builder is not
 * thread-safe; the policies it builds are immutable.
 *
 * @param <P> the policy record
 * @param <B> the generated builder itself
 */
public abstract class PolicyBuilder<P extends Record, B extends PolicyBuilder<P, B>> {

  private final PolicyTable<P, B> table;
  private final SettingsBuilder<?, ?>[] components;
  /** Keys given to {@link #set} or {@link #unset} that no component declares. */
  private final Map<String, Violation> textProblems = new LinkedHashMap<>();

  /** A builder holding every declared default. */
  protected PolicyBuilder(PolicyTable<P, B> table) {
    this.table = Objects.requireNonNull(table, "table");
    this.components = new SettingsBuilder<?, ?>[table.componentCount()];
    for (int i = 0; i < components.length; i++) {
      components[i] = table.table(i).builder();
    }
  }

  /** The builder of the component at {@code position}, for the generated edit methods. */
  protected final SettingsBuilder<?, ?> component(int position) {
    return components[position];
  }

  /** Replaces every setting of the component at {@code position} with those of {@code settings}. */
  protected final B replace(int position, Record settings) {
    components[position].loadRecord(Objects.requireNonNull(settings, "settings"));
    return self();
  }

  final void load(P policy) {
    Object[] records = table.componentsOf(policy);
    for (int i = 0; i < records.length; i++) {
      components[i].loadRecord((Record) records[i]);
    }
    textProblems.clear();
  }

  /**
   * Sets any setting of any component from its text; problems are reported by {@link #build()}.
   */
  public final B set(String key, String text) {
    textProblems.remove(key);
    int component = table.componentOf(key);
    if (component < 0) {
      textProblems.put(key, Violations.unknownKeyViolation(key, table.keys()));
    } else {
      components[component].set(key, text);
    }
    return self();
  }

  /**
   * Leaves an optional setting of any component unset; problems are reported by {@link #build()}.
   */
  public final B unset(String key) {
    textProblems.remove(key);
    int component = table.componentOf(key);
    if (component < 0) {
      textProblems.put(key, Violations.unknownKeyViolation(key, table.keys()));
    } else {
      components[component].unset(key);
    }
    return self();
  }

  /** Sets every entry of {@code settings} by text, in key order. */
  public final B setAll(Map<String, String> settings) {
    new TreeMap<>(settings).forEach(this::set);
    return self();
  }

  /**
   * Replaces every value with those of a complete settings map (see the components'
   * {@code replaceWith}); keys no component declares are reported by {@link #build()}.
   */
  public final B replaceWith(Map<String, String> settings) {
    List<Map<String, String>> byComponent = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      byComponent.add(new TreeMap<>());
    }
    for (String key : new TreeSet<>(settings.keySet())) {
      int component = table.componentOf(key);
      if (component < 0) {
        textProblems.put(key, Violations.unknownKeyViolation(key, table.keys()));
      } else {
        byComponent.get(component).put(key, settings.get(key));
      }
    }
    for (int i = 0; i < components.length; i++) {
      components[i].replaceWith(byComponent.get(i));
    }
    return self();
  }

  /**
   * Builds the policy.
   *
   * @throws ContractViolationException with every problem of every component
   */
  public final P build() {
    Violations violations = new Violations(table.subject());
    violations.addAll(textProblems.values());
    Object[] records = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      records[i] = violations.collect(components[i]::build);
    }
    violations.throwIfAny();
    return table.construct(records);
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
