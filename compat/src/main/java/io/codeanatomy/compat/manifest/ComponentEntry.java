package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One component of a policy: a settings schema under a component name. Immutable.
 *
 * @param name the record component, {@code execution}
 * @param namespace the schema's namespace
 * @param schemaVersion the schema's version
 * @param schemaFingerprint the schema's fingerprint
 */
@JsonPropertyOrder({"name", "namespace", "schemaVersion", "schemaFingerprint"})
public record ComponentEntry(String name, String namespace, int schemaVersion,
    String schemaFingerprint) {

  public ComponentEntry {
    Entries.require("name", name);
    Entries.require("namespace", namespace);
    Entries.require("schemaFingerprint", schemaFingerprint);
  }
}
