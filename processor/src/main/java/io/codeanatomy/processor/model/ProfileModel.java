package io.codeanatomy.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A declared {@code @Profile}, as written.
 *
 * @param name the profile name
 * @param parent the parent profile name, if any
 * @param overrides the {@code set} entries, as written ({@code key=value})
 * @param unsets the {@code unset} keys
 * @param doc the documentation text
 * @param origin the {@code @Profile} annotation
 */
public record ProfileModel(
    String name, Optional<String> parent, List<Entry> overrides, List<Entry> unsets, String doc,
    Origin origin) {

  public ProfileModel {
    overrides = List.copyOf(overrides);
    unsets = List.copyOf(unsets);
  }

  /** One string of {@code set} or {@code unset}, with where it was written. */
  public record Entry(String text, Origin origin) {

    /** For an override: the key, the text before the first {@code =}; empty when there is none. */
    public Optional<String> key() {
      int eq = text.indexOf('=');
      return eq < 0 ? Optional.empty() : Optional.of(text.substring(0, eq).strip());
    }

    /** For an override: the value, everything after the first {@code =}. */
    public String value() {
      return text.substring(text.indexOf('=') + 1);
    }
  }
}
