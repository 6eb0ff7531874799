package io.codeanatomy.contracts.relspec;

import io.codeanatomy.contracts.annotations.Contract;
import io.codeanatomy.contracts.annotations.Hash;
import io.codeanatomy.contracts.annotations.Provenance;
import java.util.Map;

/**
 * The execution policy compiled for a pipeline: how every view runs, under which planning
 * environment. Its hash is its fingerprint, recorded in {@link #policyFingerprint()} and, as
 * {@code policy_artifact_hash}, in the execution package.
 *
 * @param validationMode how strictly plans are validated (the compiler defaults it to WARN)
 * @param workloadClass the size class the pipeline was compiled for ({@code small}, ...)
 * @param views every view's policy, by view name
 * @param planningEnvHash the planning-environment hash
 * @param rulepackHash the rulepack hash
 * @param informationSchemaHash the information-schema hash
 * @param functionRegistryHash the function-registry hash
 * @param policyFingerprint this policy's own hash (provenance: it cannot hash itself)
 */
@Contract(name = "compiled_execution_policy", version = 1)
public record CompiledExecutionPolicy(
    ValidationMode validationMode,
    String workloadClass,
    Map<String, ViewPolicy> views,
    @Hash(allowEmpty = true) String planningEnvHash,
    @Hash(allowEmpty = true) String rulepackHash,
    @Hash(allowEmpty = true) String informationSchemaHash,
    @Hash(allowEmpty = true) String functionRegistryHash,
    @Provenance String policyFingerprint)
    implements CompiledExecutionPolicyContract.Mixin {}
