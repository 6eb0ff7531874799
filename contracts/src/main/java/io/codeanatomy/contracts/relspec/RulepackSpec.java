package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Contract;
import java.util.List;

/**
 * The rules a planning session installs, by stable name, in order per phase.
 *
 * @param profile the rulepack profile ({@code default}, {@code low_latency}, {@code replay},
 *     {@code strict})
 * @param analyzerRules rules of the analyzer phase
 * @param logicalRules rules of the logical optimizer
 * @param physicalRules rules of the physical planner
 */
@Contract(name = "rulepack_spec", version = 1)
public record RulepackSpec(
    String profile, List<String> analyzerRules, List<String> logicalRules,
    List<String> physicalRules)
    implements RulepackSpecContract.Mixin {}
