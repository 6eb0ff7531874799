package io.codeanatomy.compat.manifest;

/**
 * One versioned item of a manifest or a lock: a settings schema, a planning policy or a contract.
 * The lock keeps every released version of each as one of these. Immutable and safe to share
 * between threads.
 */
public sealed interface Entry permits SchemaEntry, PolicyEntry, ContractEntry {

  /** {@code settings_schema}, {@code planning_policy} or {@code contract}, as the JSON has it. */
  String kind();

  /** The declared version. */
  int version();

  /** The declaring Java type, {@code io.codeanatomy.contracts.relspec.ViewPolicy}. */
  String javaType();

  /** SHA-256 of the item's canonical description (docs/canonical-encoding.md, section 4). */
  String schemaFingerprint();

  /**
   * What identifies the item across versions: a schema's Java type (namespaces may be shared),
   * a policy's or contract's name.
   */
  String identity();
}
