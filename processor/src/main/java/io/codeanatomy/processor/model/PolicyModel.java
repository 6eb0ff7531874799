package io.codeanatomy.processor.model;

import java.util.List;

/**
 * A {@code @PlanningPolicy} record.
 *
 * @param type the record
 * @param name the policy name
 * @param version the declared version
 * @param components the settings schemas it is made of, in component order
 * @param profiles the declared profiles, in declaration order
 * @param mixin whether the record declares {@code implements <Record>Mixin}
 * @param origin the {@code @PlanningPolicy} annotation
 */
public record PolicyModel(
    TypeRef type, String name, int version, List<PolicyComponent> components,
    List<ProfileModel> profiles, boolean mixin, Origin origin) {

  public PolicyModel {
    components = List.copyOf(components);
    profiles = List.copyOf(profiles);
  }
}
