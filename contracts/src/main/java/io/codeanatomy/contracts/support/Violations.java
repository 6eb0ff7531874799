package io.codeanatomy.contracts.support;

import io.codeanatomy.contracts.canonical.NearestName;
import io.codeanatomy.contracts.canonical.SettingText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects violations while generated code checks a value, then fails once with all of them.
 * Generated {@code validate} and {@code build()} methods are written against this class so that
 * they read as a list of declared constraints.
 */
public final class Violations {

  private final String subject;
  private final List<Violation> violations = new ArrayList<>();

  /** @param subject what is being checked, for the exception message */
  public Violations(String subject) {
    this.subject = subject;
  }

  public void add(String path, String message) {
    violations.add(new Violation(path, message));
  }

  public void addAll(Collection<Violation> more) {
    violations.addAll(more);
  }

  /** Adds a nested exception's violations, keeping their paths. */
  public void addAll(ContractViolationException nested) {
    violations.addAll(nested.violations());
  }

  /** The violation for an unknown key, with the closest known key as a suggestion. */
  public static Violation unknownKeyViolation(String key, Collection<String> known) {
    String nearest = NearestName.of(key, known);
    return new Violation(key,
        nearest == null ? "unknown key" : "unknown key; did you mean " + nearest + "?");
  }

  /**
   * Runs {@code step} (typically a nested builder's {@code build()}) and returns its result, or
   * records its violations and returns null, so that a caller can go on and report everything.
   */
  public <T> T collect(java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (ContractViolationException e) {
      violations.addAll(e.violations());
      return null;
    }
  }

  public void notNull(String path, Object value) {
    if (value == null) {
      add(path, "must not be null");
    }
  }

  /** Checks {@code min <= value <= max}; a null bound is no bound. */
  public void rangeLong(String path, long value, Long min, Long max) {
    if (min != null && value < min) {
      add(path, "must be at least " + min + ", got " + value);
    }
    if (max != null && value > max) {
      add(path, "must be at most " + max + ", got " + value);
    }
  }

  /** Checks {@code min <= value <= max} and that the value is finite; a null bound is no bound. */
  public void rangeDouble(String path, double value, Double min, Double max) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      add(path, "must be a finite number, got " + value);
      return;
    }
    if (min != null && value < min) {
      add(path, "must be at least " + SettingText.formatDouble(min) + ", got "
          + SettingText.formatDouble(value));
    }
    if (max != null && value > max) {
      add(path, "must be at most " + SettingText.formatDouble(max) + ", got "
          + SettingText.formatDouble(value));
    }
  }

  /** Checks that a duration has setting text and lies within the bounds; null bounds are none. */
  public void rangeDuration(String path, Duration value, Duration min, Duration max) {
    if (value == null) {
      add(path, "must not be null");
      return;
    }
    String problem = SettingText.durationProblem(value);
    if (problem != null) {
      add(path, problem + ", got " + value);
      return;
    }
    if (min != null && value.compareTo(min) < 0) {
      add(path, "must be at least " + SettingText.formatDuration(min) + ", got "
          + SettingText.formatDuration(value));
    }
    if (max != null && value.compareTo(max) > 0) {
      add(path, "must be at most " + SettingText.formatDuration(max) + ", got "
          + SettingText.formatDuration(value));
    }
  }

  /** Checks that every element of a string list can be written as setting text. */
  public void listElements(String path, List<String> values) {
    if (values == null) {
      add(path, "must not be null");
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String problem = SettingText.listElementProblem(values.get(i));
      if (problem != null) {
        add(path + "[" + i + "]", problem);
      }
    }
  }

  /** Checks that no element (or map key or value) of a collection is null. */
  public void noNullElements(String path, Object collection) {
    if (collection instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          add(path + "[" + i + "]", "must not be null");
        }
      }
    } else if (collection instanceof java.util.Map<?, ?> map) {
      map.forEach((key, value) -> {
        if (key == null) {
          add(path, "keys must not be null");
        } else if (value == null) {
          add(path + "[" + key + "]", "must not be null");
        }
      });
    }
  }

  public boolean isEmpty() {
    return violations.isEmpty();
  }

  /** The violations so far (a copy). */
  public List<Violation> list() {
    return List.copyOf(violations);
  }

  /** Throws {@link ContractViolationException} with every violation, if there is any. */
  public void throwIfAny() {
    if (!violations.isEmpty()) {
      throw new ContractViolationException(subject, violations);
    }
  }
}
