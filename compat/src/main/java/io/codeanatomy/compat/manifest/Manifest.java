package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A contract set's manifest ({@code META-INF/codeanatomy/contracts.manifest.json}): every
 * settings schema, planning policy, contract and enum one compilation declares, as the processor
 * resolved them. The one typed form of the manifest: the processor writes it, the compatibility
 * rules compare it with the lock, the runtime reads it. {@link ManifestJson} reads and writes it.
 * Immutable, like every record of this package (lists and maps are unmodifiable copies), and so
 * safe to share between threads.
 *
 * @param format the manifest format, {@link #FORMAT}
 * @param contractSet the contract set's name
 * @param settingsSchemas the settings schemas declared by the set
 * @param policies the planning policies declared by the set
 * @param contracts the hashed contracts declared by the set
 * @param enums the enums the set declares, with their attributes
 */
@JsonPropertyOrder({"format", "contractSet", "settingsSchemas", "policies", "contracts", "enums"})
public record Manifest(String format, String contractSet, List<SchemaEntry> settingsSchemas,
    List<PolicyEntry> policies, List<ContractEntry> contracts, List<EnumEntry> enums) {

  /** The manifest format this code reads and writes. */
  public static final String FORMAT = "codeanatomy-manifest/1";

  public Manifest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(contractSet, "contractSet");
    settingsSchemas = List.copyOf(settingsSchemas);
    policies = List.copyOf(policies);
    contracts = List.copyOf(contracts);
    enums = List.copyOf(enums);
  }

  /** Every versioned item: schemas, then policies, then contracts, each in declaration order. */
  public List<Entry> entries() {
    List<Entry> all = new java.util.ArrayList<>(settingsSchemas);
    all.addAll(policies);
    all.addAll(contracts);
    return List.copyOf(all);
  }

  /** The contract named {@code name}, if the manifest declares it. */
  public Optional<ContractEntry> contract(String name) {
    return contracts.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The policy named {@code name}, if the manifest declares it. */
  public Optional<PolicyEntry> policy(String name) {
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
