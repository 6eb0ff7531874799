package io.codeanatomy.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicy;
import io.codeanatomy.contracts.core.policy.CodeAnatomyPolicyContract;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.session.PlanningSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/plan-combination.md shows the plans of the one-DAG pipeline and of the step-by-step
 * baseline as the planner makes them now: the part between its markers is regenerated here and
 * compared (refresh with {@code -Dcodeanatomy.golden.update=true}).
 */
class PlanCombinationDocTest {

  private static final String BEGIN = "<!-- generated: plans -->\n";
  private static final String END = "<!-- end of generated plans -->\n";

  @Test
  void theDocumentedPlansAreTheCurrentOnes() throws Exception {
    CodeAnatomyPolicy policy = CodeAnatomyPolicyContract.profile("default");
    StringBuilder generated = new StringBuilder();
    var anatomy = SemanticPipeline.anatomy(AnatomyData.DEFAULT_ROWS);
    try (PlanningSession session = SemanticPipeline.session(policy, "default", anatomy)) {
      PlanBundle oneDag = session.plan(Relationship.FILE_DEPENDENCIES.name(),
          Relationship.FILE_DEPENDENCIES.asOneQuery());
      generated.append("### One DAG: `file_dependencies` as one query\n\n");
      plans(generated, oneDag);
    }
    // The baseline: each step over the materialized views before it (their schemas suffice to
    // plan; rows do not change plans here).
    Map<String, SemanticPipeline.TableData> tables = new LinkedHashMap<>(anatomy);
    for (Relationship view : Relationship.ALL) {
      try (PlanningSession session = SemanticPipeline.session(policy, "default", tables)) {
        PlanBundle step = session.plan(view.name(), view.sql());
        if (!view.reads().isEmpty() || view == Relationship.CALLS_TO_DEFINITIONS
            || view == Relationship.IMPORTS_TO_FILES) {
          generated.append("### Step by step: `").append(view.name()).append("`")
              .append(view.reads().isEmpty() ? "" : " over the materialized "
                  + String.join(" and ", view.reads().stream().map(r -> "`" + r + "`").toList()))
              .append("\n\n");
          plans(generated, step);
        }
        String table = view.name().toUpperCase(Locale.ROOT);
        tables.put(table, new SemanticPipeline.TableData(
            TableSchema.of(table, step.executable().getRowType()),
            session.execute(step).rows()));
      }
    }
    Path doc = Path.of(System.getProperty("basedir", "."), "..", "..", "docs",
        "plan-combination.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "the doc has the markers");
    String expected = text.substring(0, begin + BEGIN.length()) + generated
        + text.substring(end);
    if (Boolean.getBoolean("codeanatomy.golden.update")) {
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
      text = expected;
    }
    assertEquals(expected, text, "docs/plan-combination.md is stale: regenerate it with "
        + "-Dcodeanatomy.golden.update=true");
  }

  private static void plans(StringBuilder out, PlanBundle bundle) {
    for (var entry : List.of(Map.entry("unoptimized", bundle.unoptimizedPlan()),
        Map.entry("optimized", bundle.optimizedPlan()),
        Map.entry("physical", bundle.physicalPlan()))) {
      out.append(entry.getKey()).append(":\n\n```text\n").append(entry.getValue())
          .append("```\n\n");
    }
  }
}
