package io.codeanatomy.compat;

/** What a breaking change breaks. */
public enum RuleClass {
  /** Payloads or settings written before can no longer be read, or mean something else. */
  WIRE,
  /** Equal inputs no longer hash alike: every recorded hash and cache key is invalidated. */
  HASH,
  /** User code that calls the generated API no longer compiles. */
  SOURCE,
  /** The version itself is wrong. */
  VERSION
}
