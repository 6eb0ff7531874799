package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.SettingTextException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The table of a settings schema: one {@link SettingColumn} per record component, in component
 * order, and the two functions that take a record apart into its component values and put one
 * together. Everything the generated schema class offers (key lookups, settings maps, validation,
 * builders) reads this table. Immutable and safe to share between threads.
 *
 * @param <T> the schema record
 * @param <B> the schema's generated builder
 */
public final class SettingsTable<T extends Record, B extends SettingsBuilder<T, B>> {

  private final String subject;
  private final Function<T, Object[]> values;
  private final Function<Object[], T> construct;
  private final Supplier<B> newBuilder;
  private final List<SettingColumn> columns;
  private final List<SettingDescriptor> descriptors;
  private final List<String> keys;
  private final Map<String, Integer> positions;
  private final Object[] defaults;

  /**
   * @param subject what the schema is called in messages: {@code settings schema datafusion.execution}
   * @param values a record's component values, in component order
   * @param construct the record of component values, in component order
   * @param newBuilder a builder holding the declared defaults
   * @param columns every setting, in component order
   */
  @SuppressWarnings("this-escape")
  public SettingsTable(String subject, Function<T, Object[]> values,
      Function<Object[], T> construct, Supplier<B> newBuilder, SettingColumn[] columns) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.values = Objects.requireNonNull(values, "values");
    this.construct = Objects.requireNonNull(construct, "construct");
    this.newBuilder = Objects.requireNonNull(newBuilder, "newBuilder");
    this.columns = List.of(columns.clone());
    List<SettingDescriptor> rows = new ArrayList<>(columns.length);
    List<String> names = new ArrayList<>(columns.length);
    Map<String, Integer> byKey = new HashMap<>();
    Object[] declared = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      SettingColumn column = columns[i];
      rows.add(column.descriptor());
      names.add(column.key());
      if (byKey.put(column.key(), i) != null) {
        throw new IllegalArgumentException(subject + " declares " + column.key() + " twice");
      }
      Optional<String> text = column.descriptor().defaultValue();
      declared[i] = text.isPresent() ? column.parse(text.get()) : column.unset();
    }
    this.descriptors = List.copyOf(rows);
    this.keys = List.copyOf(names);
    this.positions = Map.copyOf(byKey);
    this.defaults = declared;
  }

  /** What the schema is called in messages. */
  public String subject() {
    return subject;
  }

  /** Every setting's registry row, in declaration order. */
  public List<SettingDescriptor> descriptors() {
    return descriptors;
  }

  /** Every key, in declaration order. */
  public List<String> keys() {
    return keys;
  }

  public List<SettingColumn> columns() {
    return columns;
  }

  /** Whether {@code key} is a key of this schema. */
  public boolean isKey(String key) {
    return positions.containsKey(key);
  }

  /** The registry row of {@code key}, if it is a key of this schema. */
  public Optional<SettingDescriptor> descriptor(String key) {
    Integer position = positions.get(key);
    return position == null ? Optional.empty() : Optional.of(descriptors.get(position));
  }

  /** The position of {@code key} among the components, or -1. */
  int position(String key) {
    Integer position = positions.get(key);
    return position == null ? -1 : position;
  }

  /** A builder holding the declared defaults. */
  public B builder() {
    return newBuilder.get();
  }

  /** A builder holding the values of {@code settings}. */
  public B builder(T settings) {
    B builder = newBuilder.get();
    builder.load(settings);
    return builder;
  }

  /** The declared defaults. */
  public T defaults() {
    return construct.apply(defaultValues());
  }

  /** The values of {@code settings} as canonical setting text, sorted by key; unset ones left out. */
  public SortedMap<String, String> toSettings(T settings) {
    SortedMap<String, String> out = new TreeMap<>();
    putSettings(settings, out);
    return Collections.unmodifiableSortedMap(out);
  }

  /** Adds the values of {@code settings} as canonical setting text to {@code out}. */
  void putSettings(T settings, Map<String, String> out) {
    Object[] components = values.apply(settings);
    for (int i = 0; i < components.length; i++) {
      int position = i;
      columns.get(i).render(components[i]).ifPresent(text -> out.put(keys.get(position), text));
    }
  }

  /**
   * Parses a complete settings map, such as {@link #toSettings} returns: every required key must
   * be present, absent optional keys are unset, unknown keys are refused.
   *
   * @throws ContractViolationException with every problem, each naming its key
   */
  public T fromSettings(Map<String, String> settings) {
    return builder().replaceWith(settings).build();
  }

  /** Every declared constraint that {@code settings} violates; empty when valid. */
  public List<Violation> validate(T settings) {
    Violations violations = new Violations(subject);
    validate(settings, violations);
    return violations.list();
  }

  /** {@link #validate} for a record known to be of this schema's type. */
  @SuppressWarnings("unchecked")
  List<Violation> validateRecord(Record settings) {
    return validate((T) settings);
  }

  void validate(T settings, Violations violations) {
    Object[] components = values.apply(settings);
    for (int i = 0; i < components.length; i++) {
      columns.get(i).validate(violations, components[i]);
    }
  }

  /** {@link #putSettings} for a record known to be of this schema's type. */
  @SuppressWarnings("unchecked")
  void putSettingsOf(Record settings, Map<String, String> out) {
    putSettings((T) settings, out);
  }

  Object[] defaultValues() {
    return defaults.clone();
  }

  Object[] valuesOf(T settings) {
    return values.apply(settings);
  }

  T construct(Object[] components) {
    return construct.apply(components);
  }

  /** Parses {@code text} for the setting at {@code position}. */
  Object parse(int position, String text) throws SettingTextException {
    return columns.get(position).parse(text);
  }

  @Override
  public String toString() {
    return subject;
  }
}
