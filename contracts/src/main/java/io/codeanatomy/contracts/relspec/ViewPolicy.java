package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Bag;
import io.codeanatomy.contracts.annotations.Contract;
import java.util.List;

/**
 * How one view of a pipeline runs.
 *
 * @param cachePolicy whether and where its results are cached
 * @param joinStrategy how it joins
 * @param confidence the confidence of that join
 * @param requiredUdfs the user-defined functions its plan calls
 */
@Contract(name = "view_policy", version = 1)
public record ViewPolicy(
    CachePolicy cachePolicy,
    JoinStrategy joinStrategy,
    InferenceConfidence confidence,
    @Bag List<String> requiredUdfs)
    implements ViewPolicyContract.Mixin {}
