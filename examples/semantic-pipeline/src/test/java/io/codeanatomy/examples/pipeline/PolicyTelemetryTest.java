package io.codeanatomy.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.contracts.relspec.CachePolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.CompiledExecutionPolicyContract;
import io.codeanatomy.contracts.relspec.JoinStrategy;
import io.codeanatomy.contracts.relspec.ValidationMode;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTelemetryTest {

  @Test
  void policyCompilationAndLineageInferenceAreSpansAndNothingElseIs() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .build();
    try (PlanningSession session = SemanticPipeline.session(
        CodeAnatomyPolicyContract.profile("default"), "default", SemanticPipeline.anatomy(300))) {
      List<PlanBundle> bundles = SemanticPipeline.planOneDag(session);
      PolicyCompiler compiler = new PolicyCompiler(sdk);
      CompiledExecutionPolicy policy = compiler.compile(bundles, session.environment(),
          ValidationMode.WARN);
      var lineage = compiler.lineage(bundles);

      List<SpanData> spans = exporter.getFinishedSpanItems();
      assertEquals(List.of("codeanatomy.policy.compile", "codeanatomy.lineage.infer"),
          spans.stream().map(SpanData::getName).toList());
      assertEquals(5L, spans.get(0).getAttributes().get(PolicyCompiler.VIEWS));
      assertEquals(policy.policyFingerprint(),
          spans.get(0).getAttributes().get(PolicyCompiler.FINGERPRINT));

      assertEquals(CompiledExecutionPolicyContract.hash(policy), policy.policyFingerprint());
      assertEquals(JoinStrategy.SPAN_CONTAINS,
          policy.views().get("calls_to_definitions").joinStrategy());
      assertEquals(0.95, policy.views().get("calls_to_definitions").confidence().score());
      assertEquals(CachePolicy.DELTA_STAGING,
          policy.views().get("calls_to_definitions").cachePolicy());
      assertEquals(CachePolicy.DELTA_OUTPUT, policy.views().get("call_graph").cachePolicy());
      assertEquals(session.environment().rulepackHash(), policy.rulepackHash());
      assertEquals(List.of("CALL_SITES.CALLEE"),
          lineage.get("calls_to_definitions").get("CALLEE"));
    } finally {
      sdk.close();
    }
  }
}
