package io.codeanatomy.contracts.relspec;

/** What a planning session does with extensions the planning surface does not list. */
public enum ExtensionGovernance {
  /** Only listed extensions can be registered. */
  STRICT_ALLOWLIST,
  /** Unlisted extensions are registered with a warning. */
  WARN_ON_UNREGISTERED,
  /** Anything can be registered. */
  PERMISSIVE
}
