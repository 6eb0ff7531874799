package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Bag;
import io.codeanatomy.contracts.annotations.Contract;
import java.util.List;
import java.util.Map;

/**
 * Everything a planning session is built from (docs/domain.md, section 5). It is the only way to build
 * a session: the runtime takes a spec (from the generated {@code PlanningSurfaceSpecContract.Builder}) and
 * a policy profile, and nothing else.
 *
 * @param policy what the surface enables
 * @param exprPlanners expression planners to register, by name
 * @param relationPlanners relation planners to register, by name
 * @param typePlanners type planners to register, by name
 * @param tableFactories table factories to register, by stable logical name (never a class name)
 * @param fileFormats file formats tables may use
 * @param tableOptions options every table starts from
 * @param rulepack the rules to install
 * @param functions user-defined functions to register, by name
 * @param extensionGovernance what happens to extensions the policy does not list
 */
@Contract(name = "planning_surface_spec", version = 1)
public record PlanningSurfaceSpec(
    PlanningSurfacePolicy policy,
    List<String> exprPlanners,
    List<String> relationPlanners,
    List<String> typePlanners,
    @Bag List<String> tableFactories,
    @Bag List<String> fileFormats,
    Map<String, String> tableOptions,
    RulepackSpec rulepack,
    @Bag List<String> functions,
    ExtensionGovernance extensionGovernance)
    implements PlanningSurfaceSpecContract.Mixin {}
