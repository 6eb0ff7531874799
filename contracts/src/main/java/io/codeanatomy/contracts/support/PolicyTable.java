package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.SettingsHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The table of a planning policy: the {@link SettingsTable} of each component, in component
 * order, and the functions that take a policy apart and put one together. The settings snapshots
 * and their hashes (docs/canonical-encoding.md) are computed here, once for every policy.
 * Immutable and safe to share between threads.
 *
 * @param <P> the policy record
 * @param <B> the policy's generated builder
 */
public final class PolicyTable<P extends Record, B extends PolicyBuilder<P, B>> {

  private final String name;
  private final String subject;
  private final Function<P, Object[]> components;
  private final Function<Object[], P> construct;
  private final Supplier<B> newBuilder;
  private final List<SettingsTable<?, ?>> tables;
  private final List<SettingDescriptor> descriptors;
  private final List<String> keys;
  private final Map<String, Integer> componentOfKey;
  private final Set<String> planningAffectingKeys;
  private final Set<String> featureGateKeys;

  /**
   * @param name the policy name
   * @param components a policy's component records, in component order
   * @param construct the policy of component records, in component order
   * @param newBuilder a builder holding every declared default
   * @param tables the table of each component's schema, in component order
   */
  public PolicyTable(String name, Function<P, Object[]> components,
      Function<Object[], P> construct, Supplier<B> newBuilder, SettingsTable<?, ?>[] tables) {
    this.name = Objects.requireNonNull(name, "name");
    this.subject = "planning policy " + name;
    this.components = Objects.requireNonNull(components, "components");
    this.construct = Objects.requireNonNull(construct, "construct");
    this.newBuilder = Objects.requireNonNull(newBuilder, "newBuilder");
    this.tables = List.of(tables.clone());
    List<SettingDescriptor> rows = new ArrayList<>();
    Map<String, Integer> owners = new HashMap<>();
    Set<String> planning = new LinkedHashSet<>();
    Set<String> gates = new LinkedHashSet<>();
    for (int i = 0; i < tables.length; i++) {
      for (SettingDescriptor descriptor : tables[i].descriptors()) {
        if (owners.putIfAbsent(descriptor.key(), i) != null) {
          throw new IllegalArgumentException(subject + ": two components declare "
              + descriptor.key());
        }
        rows.add(descriptor);
        if (descriptor.planningAffecting()) {
          planning.add(descriptor.key());
        }
        if (descriptor.featureGate()) {
          gates.add(descriptor.key());
        }
      }
    }
    this.descriptors = List.copyOf(rows);
    this.keys = rows.stream().map(SettingDescriptor::key).toList();
    this.componentOfKey = Map.copyOf(owners);
    this.planningAffectingKeys = Collections.unmodifiableSet(planning);
    this.featureGateKeys = Collections.unmodifiableSet(gates);
  }

  /** The policy name. */
  public String name() {
    return name;
  }

  /** What the policy is called in messages: {@code planning policy codeanatomy}. */
  public String subject() {
    return subject;
  }

  /** Every setting of every component, in component order. */
  public List<SettingDescriptor> descriptors() {
    return descriptors;
  }

  /** Every key of every component, in component order. */
  public List<String> keys() {
    return keys;
  }

  /** The registry row of {@code key}, if any component declares it. */
  public Optional<SettingDescriptor> descriptor(String key) {
    Integer component = componentOfKey.get(key);
    return component == null ? Optional.empty() : tables.get(component).descriptor(key);
  }

  /** The keys that enter the planning-environment snapshot and hash, in component order. */
  public Set<String> planningAffectingKeys() {
    return planningAffectingKeys;
  }

  /** The keys of the feature gates, in component order. */
  public Set<String> featureGateKeys() {
    return featureGateKeys;
  }

  /** A builder holding every declared default. */
  public B builder() {
    return newBuilder.get();
  }

  /** A builder holding the values of {@code policy}. */
  public B builder(P policy) {
    B builder = newBuilder.get();
    builder.load(policy);
    return builder;
  }

  /** The declared defaults of every component. */
  public P defaults() {
    return builder().build();
  }

  /**
   * Every setting of {@code policy} that has a value, as canonical setting text, sorted by key:
   * defaults materialized, unset optional settings left out.
   */
  public SortedMap<String, String> effectiveSettings(P policy) {
    SortedMap<String, String> settings = new TreeMap<>();
    Object[] records = components.apply(policy);
    for (int i = 0; i < records.length; i++) {
      tables.get(i).putSettingsOf((Record) records[i], settings);
    }
    return Collections.unmodifiableSortedMap(settings);
  }

  /** The planning-affecting settings of {@code policy}: what enters every plan fingerprint. */
  public SortedMap<String, String> planningEnvironmentSettings(P policy) {
    return only(effectiveSettings(policy), planningAffectingKeys);
  }

  /** The feature gates of {@code policy}, as text. */
  public SortedMap<String, String> featureGates(P policy) {
    return only(effectiveSettings(policy), featureGateKeys);
  }

  /**
   * The settings hash of {@code policy}: SHA-256 of the canonical array of {@code [key, value]}
   * pairs of its effective settings, sorted by key.
   */
  public String settingsHash(P policy) {
    return SettingsHash.of(effectiveSettings(policy));
  }

  /** The settings hash of the planning-affecting settings of {@code policy}. */
  public String planningEnvironmentHash(P policy) {
    return SettingsHash.of(planningEnvironmentSettings(policy));
  }

  /**
   * The feature-gate parity hash: SHA-256 of {@code key=value} for every gate, sorted by key and
   * joined with {@code |}.
   */
  public String featureGateParityHash(P policy) {
    return SettingsHash.featureGateParity(featureGates(policy));
  }

  /**
   * Parses a complete settings map, such as {@link #effectiveSettings} returns.
   *
   * @throws ContractViolationException with every problem, each naming its key and the expected
   *     type
   */
  public P fromSettings(Map<String, String> settings) {
    return builder().replaceWith(settings).build();
  }

  /** Every declared constraint of every component that {@code policy} violates. */
  public List<Violation> validate(P policy) {
    Violations violations = new Violations(subject);
    Object[] records = components.apply(policy);
    for (int i = 0; i < records.length; i++) {
      if (records[i] == null) {
        violations.add(tables.get(i).subject(), "must not be null");
      } else {
        violations.addAll(tables.get(i).validateRecord((Record) records[i]));
      }
    }
    return violations.list();
  }

  int componentCount() {
    return tables.size();
  }

  SettingsTable<?, ?> table(int component) {
    return tables.get(component);
  }

  /** The component that declares {@code key}, or -1. */
  int componentOf(String key) {
    Integer component = componentOfKey.get(key);
    return component == null ? -1 : component;
  }

  Object[] componentsOf(P policy) {
    return components.apply(policy);
  }

  P construct(Object[] records) {
    return construct.apply(records);
  }

  private static SortedMap<String, String> only(SortedMap<String, String> settings,
      Set<String> keys) {
    SortedMap<String, String> kept = new TreeMap<>(settings);
    kept.keySet().retainAll(keys);
    return Collections.unmodifiableSortedMap(kept);
  }

  @Override
  public String toString() {
    return subject;
  }
}
