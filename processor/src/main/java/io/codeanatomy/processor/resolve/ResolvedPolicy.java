package io.codeanatomy.processor.resolve;

import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A planning policy, resolved.
 *
 * @param declared the policy as declared
 * @param fingerprint its schema fingerprint
 * @param components its components with their resolved schemas, in component order
 * @param profiles its resolved profiles, in declaration order
 */
public record ResolvedPolicy(PolicyModel declared, String fingerprint,
    List<Component> components, List<ResolvedProfile> profiles) {

  public ResolvedPolicy {
    components = List.copyOf(components);
    profiles = List.copyOf(profiles);
  }

  /**
   * One component: a settings schema under a component name.
   *
   * @param name the record component, {@code execution}
   * @param position its position among the policy's components
   * @param schema the resolved schema
   */
  public record Component(String name, int position, ResolvedSchema schema) {}

  public TypeRef type() {
    return declared.type();
  }

  public String name() {
    return declared.name();
  }

  public int version() {
    return declared.version();
  }

  public boolean mixin() {
    return declared.mixin();
  }

  /** Whether any component declares a feature gate. */
  public boolean hasFeatureGates() {
    return settings().stream().anyMatch(ResolvedSetting::featureGate);
  }

  /** Every setting of every component, in component order. */
  public List<ResolvedSetting> settings() {
    List<ResolvedSetting> all = new ArrayList<>();
    components.forEach(c -> all.addAll(c.schema().settings()));
    return all;
  }

  /**
   * The profiles in an order where each comes after its parent: the order in which generated
   * code can build each from its parent.
   */
  public List<ResolvedProfile> parentsFirst() {
    Map<String, ResolvedProfile> byName = new LinkedHashMap<>();
    profiles.forEach(p -> byName.put(p.name(), p));
    Set<String> placed = new LinkedHashSet<>();
    List<ResolvedProfile> ordered = new ArrayList<>();
    for (ResolvedProfile profile : profiles) {
      place(profile, byName, placed, ordered);
    }
    return ordered;
  }

  private static void place(ResolvedProfile profile, Map<String, ResolvedProfile> byName,
      Set<String> placed, List<ResolvedProfile> ordered) {
    if (placed.contains(profile.name())) {
      return;
    }
    profile.parent().map(byName::get)
        .ifPresent(parent -> place(parent, byName, placed, ordered));
    placed.add(profile.name());
    ordered.add(profile);
  }
}
