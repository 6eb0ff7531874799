package io.codeanatomy.runtime.manifest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contract manifest as the processor writes it. Readers ignore fields they do not know, so a
 * newer manifest of the same format stays readable; the format string itself is checked.
 *
 * @param format the manifest format, {@code codeanatomy-manifest/1}
 * @param contractSet the contract set's name
 * @param settingsSchemas the settings schemas declared by the set
 * @param policies the planning policies declared by the set
 * @param contracts the hashed contracts declared by the set
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContractManifest(
    String format, String contractSet, List<SettingsSchema> settingsSchemas, List<Policy> policies,
    List<Contract> contracts) {

  /** The only format this reader understands. */
  public static final String FORMAT = "codeanatomy-manifest/1";

  public ContractManifest {
    settingsSchemas = settingsSchemas == null ? List.of() : List.copyOf(settingsSchemas);
    policies = policies == null ? List.of() : List.copyOf(policies);
    contracts = contracts == null ? List.of() : List.copyOf(contracts);
  }

  /** The contract named {@code name}, if the manifest declares it. */
  public Optional<Contract> contract(String name) {
    return contracts.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The policy named {@code name}, if the manifest declares it. */
  public Optional<Policy> policy(String name) {
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** A settings schema entry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SettingsSchema(String namespace, int version, String javaType,
      String schemaFingerprint, List<Setting> settings) {}

  /** One setting of a schema; {@code defaultValue} is null when unset by default. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Setting(String key, String component, String type, boolean optional,
      @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
      String min, String max, String unit, String scope, boolean planningAffecting,
      boolean featureGate, String doc) {}

  /** A planning policy entry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Policy(String name, int version, String javaType, String schemaFingerprint,
      List<Profile> profiles) {

    /** The profile named {@code name}, if the policy declares it. */
    public Optional<Profile> profile(String name) {
      return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }
  }

  /** A hashed contract entry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Contract(String name, int version, String javaType, String layout,
      boolean forwardCompatible, String schemaFingerprint, List<Field> fields) {}

  /** One field of a contract: its payload name, Java component, type and markers. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Field(String name, String component, String type, boolean hashed, boolean bag,
      String absentAs) {}

  /** One profile with the hashes the processor computed for it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Profile(String name,
      @com.fasterxml.jackson.annotation.JsonProperty("extends") String parent, String doc,
      String settingsHash, String planningEnvironmentHash, String featureGateParityHash,
      Map<String, String> effectiveSettings) {}
}
