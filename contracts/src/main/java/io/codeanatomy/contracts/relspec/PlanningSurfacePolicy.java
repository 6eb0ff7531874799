package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Bag;
import io.codeanatomy.contracts.annotations.Contract;
import java.util.List;

/**
 * What a planning surface enables (docs/domain.md, section 5). Its hash enters the planning-environment
 * snapshot and every plan identity.
 *
 * @param enableDefaultFeatures whether the engine's default planners and functions are on
 * @param exprPlannerNames the expression planners that may be registered
 * @param relationPlannerEnabled whether relation planners may be registered
 * @param typePlannerEnabled whether type planners may be registered
 * @param tableFactoryAllowlist the table factories that may be used, by logical name
 */
@Contract(name = "planning_surface_policy", version = 1)
public record PlanningSurfacePolicy(
    boolean enableDefaultFeatures,
    @Bag List<String> exprPlannerNames,
    boolean relationPlannerEnabled,
    boolean typePlannerEnabled,
    @Bag List<String> tableFactoryAllowlist)
    implements PlanningSurfacePolicyContract.Mixin {}
