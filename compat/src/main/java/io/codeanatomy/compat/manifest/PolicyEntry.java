package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * A {@code @PlanningPolicy} in a manifest, with every profile resolved. Immutable.
 *
 * @param kind always {@link #KIND}
 * @param name the policy name
 * @param version the declared version
 * @param javaType the declaring record
 * @param schemaFingerprint SHA-256 of the policy's canonical description
 * @param components the settings schemas it is made of, in component order
 * @param profiles the profiles in declaration order
 */
@JsonPropertyOrder({"kind", "name", "version", "javaType", "schemaFingerprint", "components",
    "profiles"})
public record PolicyEntry(String kind, String name, int version, String javaType,
    String schemaFingerprint, List<ComponentEntry> components, List<ProfileEntry> profiles)
    implements Entry {

  public static final String KIND = "planning_policy";

  public PolicyEntry {
    Entries.requireKind(KIND, kind);
    Entries.require("name", name);
    Entries.require("javaType", javaType);
    Entries.require("schemaFingerprint", schemaFingerprint);
    components = List.copyOf(components);
    profiles = List.copyOf(profiles);
  }

  @Override
  public String identity() {
    return name;
  }

  /** The profile named {@code name}, if the policy declares it. */
  public Optional<ProfileEntry> profile(String profileName) {
    return profiles.stream().filter(p -> p.name().equals(profileName)).findFirst();
  }
}
