package io.codeanatomy.runtime.session;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.ExtensionGovernance;
import io.codeanatomy.contracts.relspec.PlanningSurfacePolicyContract;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpec;
import io.codeanatomy.contracts.relspec.PlanningSurfaceSpecContract;
import io.codeanatomy.contracts.relspec.RulepackSpecContract;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.catalog.TableSource;
import java.util.List;
import java.util.Map;

/** Sessions over the TPC-H schema, as tests build them. */
public final class Sessions {

  private Sessions() {}

  public static PlanningSurfaceSpec spec(String rulepackProfile) {
    return PlanningSurfaceSpecContract.builder()
        .policy(PlanningSurfacePolicyContract.builder()
            .enableDefaultFeatures(true)
            .tableFactoryAllowlist(List.of("memory", "csv"))
            .build())
        .tableFactories(List.of("memory"))
        .fileFormats(List.of("csv"))
        .rulepack(RulepackSpecContract.builder().profile(rulepackProfile).build())
        .extensionGovernance(ExtensionGovernance.STRICT_ALLOWLIST)
        .build();
  }

  /** A session over empty TPC-H tables under a core profile. */
  public static PlanningSession tpch(String profile) {
    return tpch(CodeAnatomyPolicyContract.profile(profile), profile, Map.of());
  }

  /** A session over TPC-H tables with {@code rows} (by table name; absent: empty). */
  public static PlanningSession tpch(CodeAnatomyPolicy policy, String profile,
      Map<String, List<List<Object>>> rows) {
    PlanningSession.Builder builder = PlanningSession.builder(spec("default"), policy, profile);
    for (TableSchema schema : TableSchema.fromDdl(Corpus.tpchSchema())) {
      builder.ensureRegistered(new TableSource.Memory(schema,
          rows.getOrDefault(schema.name(), List.of())));
    }
    return builder.build();
  }
}
