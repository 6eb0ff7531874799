package io.codeanatomy.processor.model;

/** Mirrors {@code Setting.Scope}; the processor knows annotations by name only. */
public enum Scope {
  SESSION,
  RUNTIME,
  TABLE
}
