package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.contracts.relspec.ViewPolicy;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.relspec.InferenceConfidences;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Compiles the pipeline's execution policy (docs/domain.md, section 6) and infers each view's column
 * lineage, each inside an OpenTelemetry span: a no-op unless the caller's OpenTelemetry has an
 * SDK installed.
 */
public final class PolicyCompiler {

  static final AttributeKey<Long> VIEWS = AttributeKey.longKey("codeanatomy.views");
  static final AttributeKey<String> FINGERPRINT =
      AttributeKey.stringKey("codeanatomy.policy_fingerprint");

  private final Tracer tracer;

  public PolicyCompiler(OpenTelemetry telemetry) {
    this.tracer = telemetry.getTracer("io.codeanatomy.pipeline");
  }

  /**
   * The compiled policy of the views planned in a session: per view its cache policy, join
   * strategy, confidence and UDF requirements; the session's four planning hashes; its own
   * fingerprint.
   */
  @SuppressWarnings("try") // the scope only makes the span current while the body runs
  public CompiledExecutionPolicy compile(List<PlanBundle> bundles, Environment environment,
      ValidationMode validation) {
    Span span = tracer.spanBuilder("codeanatomy.policy.compile").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Map<String, ViewPolicy> views = new TreeMap<>();
      for (PlanBundle bundle : bundles) {
        Relationship view = Relationship.named(bundle.name()).orElseThrow(() ->
            new IllegalArgumentException("no view of the pipeline is named " + bundle.name()));
        views.put(view.name(), new ViewPolicy(view.cachePolicy(), view.strategy(),
            InferenceConfidences.of(view.strategy()),
            List.copyOf(bundle.fingerprint().getRequiredUdfsList())));
      }
      CompiledExecutionPolicy unsealed = new CompiledExecutionPolicy(validation, "batch", views,
          environment.planningEnvironmentHash(), environment.rulepackHash(),
          environment.informationSchemaHash(), environment.functionRegistryHash(), "");
      String fingerprint = CompiledExecutionPolicyContract.hash(unsealed);
      span.setAttribute(VIEWS, (long) views.size());
      span.setAttribute(FINGERPRINT, fingerprint);
      return new CompiledExecutionPolicy(validation, "batch", views,
          unsealed.planningEnvHash(), unsealed.rulepackHash(), unsealed.informationSchemaHash(),
          unsealed.functionRegistryHash(), fingerprint);
    } finally {
      span.end();
    }
  }

  /**
   * Each view's output columns and the table columns they derive from, from the planner's column
   * origin metadata of the physical plan: view -> column -> {@code TABLE.COLUMN}s.
   */
  @SuppressWarnings("try") // the scope only makes the span current while the body runs
  public SortedMap<String, SortedMap<String, List<String>>> lineage(List<PlanBundle> bundles) {
    Span span = tracer.spanBuilder("codeanatomy.lineage.infer").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      SortedMap<String, SortedMap<String, List<String>>> lineage = new TreeMap<>();
      for (PlanBundle bundle : bundles) {
        lineage.put(bundle.name(), bundle.withPhysicalPlan(PolicyCompiler::columnOrigins));
      }
      span.setAttribute(VIEWS, (long) lineage.size());
      return lineage;
    } finally {
      span.end();
    }
  }

  /** Each output column of a plan and the table columns it derives from. */
  private static SortedMap<String, List<String>> columnOrigins(RelNode plan) {
    RelMetadataQuery metadata = plan.getCluster().getMetadataQuery();
    SortedMap<String, List<String>> columns = new TreeMap<>();
    List<String> names = plan.getRowType().getFieldNames();
    for (int i = 0; i < names.size(); i++) {
      Set<RelColumnOrigin> origins = metadata.getColumnOrigins(plan, i);
      Set<String> sources = new TreeSet<>();
      if (origins != null) {
        for (RelColumnOrigin origin : origins) {
          List<String> table = origin.getOriginTable().getQualifiedName();
          String column = origin.getOriginTable().getRowType().getFieldNames()
              .get(origin.getOriginColumnOrdinal());
          sources.add(table.get(table.size() - 1).toUpperCase(Locale.ROOT) + "." + column);
        }
      }
      columns.put(names.get(i), new ArrayList<>(sources));
    }
    return columns;
  }
}
