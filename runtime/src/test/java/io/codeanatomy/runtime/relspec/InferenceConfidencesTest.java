package io.codeanatomy.runtime.relspec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.relspec.InferenceConfidence;
import io.codeanatomy.contracts.relspec.JoinStrategy;
import io.codeanatomy.contracts.relspec.JoinStrategyAttributes;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InferenceConfidencesTest {

  @Test
  void theCanonicalMapIsTheOneOfTheDomain() {
    assertEquals(0.95, JoinStrategyAttributes.confidence(JoinStrategy.SPAN_OVERLAP));
    assertEquals(0.95, JoinStrategyAttributes.confidence(JoinStrategy.SPAN_CONTAINS));
    assertEquals(0.85, JoinStrategyAttributes.confidence(JoinStrategy.FOREIGN_KEY));
    assertEquals(0.75, JoinStrategyAttributes.confidence(JoinStrategy.SYMBOL_MATCH));
    assertEquals(0.60, JoinStrategyAttributes.confidence(JoinStrategy.EQUI_JOIN));
  }

  @Test
  void strategiesAtOrAboveTheThresholdAreHighConfidence() {
    InferenceConfidence overlap = InferenceConfidences.of(JoinStrategy.SPAN_OVERLAP);
    assertEquals(new InferenceConfidence(JoinStrategy.SPAN_OVERLAP, 0.95, true, Optional.empty()),
        overlap);
    assertTrue(InferenceConfidences.of(JoinStrategy.EQUI_JOIN, 0.8).highConfidence());
  }

  @Test
  void lowScoresAreClampedWithAReason() {
    InferenceConfidence equi = InferenceConfidences.of(JoinStrategy.EQUI_JOIN);
    assertFalse(equi.highConfidence());
    assertEquals(0.49, equi.score());
    assertEquals(Optional.of("equi_join scores 0.6, below the high-confidence threshold 0.8; "
        + "recorded as 0.49"), equi.fallbackReason());
    InferenceConfidence weak = InferenceConfidences.of(JoinStrategy.SYMBOL_MATCH, 0.3);
    assertEquals(0.3, weak.score());
    assertFalse(weak.highConfidence());
  }

  @Test
  void theReasonDoesNotDependOnTheLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      String german = InferenceConfidences.of(JoinStrategy.SPAN_CONTAINS, 0.5).fallbackReason()
          .orElseThrow();
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      String turkish = InferenceConfidences.of(JoinStrategy.SPAN_CONTAINS, 0.5).fallbackReason()
          .orElseThrow();
      assertEquals(german, turkish);
      assertTrue(german.startsWith("span_contains scores 0.5,"), german);
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void scoresOutsideTheUnitIntervalAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> InferenceConfidences.of(JoinStrategy.EQUI_JOIN, 1.5));
    assertThrows(IllegalArgumentException.class,
        () -> InferenceConfidences.of(JoinStrategy.EQUI_JOIN, Double.NaN));
  }
}
