package io.codeanatomy.runtime.relspec;

import io.codeanatomy.contracts.canonical.SettingText;
import io.codeanatomy.contracts.relspec.InferenceConfidence;
import io.codeanatomy.contracts.relspec.JoinStrategy;
import io.codeanatomy.contracts.relspec.JoinStrategyAttributes;
import java.util.Locale;
import java.util.Optional;

/**
 * Inference confidence from the one canonical join-strategy map (declared on {@link
 * JoinStrategy}, generated as {@link JoinStrategyAttributes}): at or above the threshold it is
 * high; below, it is recorded as low, clamped to the ceiling, with the reason.
 */
public final class InferenceConfidences {

  private InferenceConfidences() {}

  /** The confidence of a view that joins by {@code strategy}. */
  public static InferenceConfidence of(JoinStrategy strategy) {
    return of(strategy, JoinStrategyAttributes.confidence(strategy));
  }

  /** The confidence of an observed {@code score} for {@code strategy}. */
  public static InferenceConfidence of(JoinStrategy strategy, double score) {
    if (Double.isNaN(score) || score < 0 || score > 1) {
      throw new IllegalArgumentException("a confidence score lies in [0, 1], got " + score);
    }
    if (score >= InferenceConfidence.HIGH_CONFIDENCE_THRESHOLD) {
      return new InferenceConfidence(strategy, score, true, Optional.empty());
    }
    double clamped = Math.min(score, InferenceConfidence.LOW_CONFIDENCE_CEILING);
    String reason = String.format(Locale.ROOT,
        "%s scores %s, below the high-confidence threshold %s; recorded as %s",
        SettingText.formatEnum(strategy), SettingText.formatDouble(score),
        SettingText.formatDouble(InferenceConfidence.HIGH_CONFIDENCE_THRESHOLD),
        SettingText.formatDouble(clamped));
    return new InferenceConfidence(strategy, clamped, false, Optional.of(reason));
  }
}
