package io.codeanatomy.processor.model;

/** Mirrors {@code Setting.Unit}; the processor knows annotations by name only. */
public enum Unit {
  NONE,
  BYTES
}
