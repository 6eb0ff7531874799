package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Contract;
import java.util.Optional;

/**
 * How much a relationship view's join can be trusted. A score below
 * {@link #HIGH_CONFIDENCE_THRESHOLD} is recorded as low confidence, clamped to at most
 * {@link #LOW_CONFIDENCE_CEILING}, with a fallback reason.
 *
 * @param strategy the join strategy
 * @param score the confidence in [0, 1]
 * @param highConfidence whether the score reached the threshold
 * @param fallbackReason why a low-confidence score was clamped; empty when high
 */
@Contract(name = "inference_confidence", version = 1)
public record InferenceConfidence(
    JoinStrategy strategy, double score, boolean highConfidence, Optional<String> fallbackReason)
    implements InferenceConfidenceContract.Mixin {

  /** Scores at or above this are high confidence. */
  public static final double HIGH_CONFIDENCE_THRESHOLD = 0.8;

  /** Low-confidence scores are clamped to at most this. */
  public static final double LOW_CONFIDENCE_CEILING = 0.49;
}
