package io.codeanatomy.examples.pipeline;

import io.codeanatomy.runtime.artifacts.StagedRun;
import io.codeanatomy.runtime.catalog.TableSchema;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.results.EngineProvenance;
import io.codeanatomy.runtime.results.ParquetResults;
import io.codeanatomy.runtime.session.PlanningSession;
import io.codeanatomy.spark.SparkEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the pipeline's views execute: the embedded engine (the session's physical plans) or Spark
 * (the bundles' sealed Substrait bytes). Each executes every view, writes each output view's rows
 * as Parquet into the run being written ({@link StagedRun#resultFolder}: inside the run's hidden
 * staging folder, so that results and the run that records them are put in place together), and
 * reports the row count of every other view.
 */
interface ViewEngine extends AutoCloseable {

  /** The engines the main job offers. */
  enum Kind { embedded, spark }

  EngineProvenance provenance();

  /**
   * Loads the session's tables and functions where the views run (nothing for the embedded
   * engine).
   */
  void load();

  /**
   * Executes the views and writes the outputs into {@code run}.
   *
   * @return the row count of every view that is not an output, by name (an output's is that of
   *     its written result, {@link StagedRun#result})
   */
  Map<String, Long> run(List<PlanBundle> bundles, StagedRun run);

  @Override
  void close();

  /** The session's physical plans on Calcite's Enumerable engine, results written here. */
  static ViewEngine embedded(PlanningSession session) {
    return new ViewEngine() {
      @Override
      public EngineProvenance provenance() {
        return EngineProvenance.embedded();
      }

      @Override
      public void load() {}

      @Override
      public Map<String, Long> run(List<PlanBundle> bundles, StagedRun run) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (PlanBundle bundle : bundles) {
          QueryResult result = session.execute(bundle);
          if (isOutput(bundle)) {
            // Reading a physical plan's row type needs no lock (PlanBundle#withPhysicalPlan).
            TableSchema schema = TableSchema.of(bundle.name(),
                bundle.executable().getRowType());
            ParquetResults.write(run.resultFolder(bundle.name()), schema.columns(),
                result.rows());
          } else {
            rows.put(bundle.name(), (long) result.rows().size());
          }
        }
        return rows;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The bundles' sealed plans on Spark, over the session's tables registered with it; Spark
   * writes the outputs' Parquet parts itself.
   */
  static ViewEngine spark(SparkEngine spark, PlanningSession session) {
    return new ViewEngine() {
      @Override
      public EngineProvenance provenance() {
        return spark.provenance();
      }

      @Override
      public void load() {
        for (String table : AnatomyData.schemas().stream().map(TableSchema::name).toList()) {
          spark.register(session.table(table).orElseThrow());
        }
        // The views call the session's domain functions: Spark runs the same methods.
        spark.register(session.functions());
      }

      @Override
      public Map<String, Long> run(List<PlanBundle> bundles, StagedRun run) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (PlanBundle bundle : bundles) {
          // Checked and rendered before anything runs: a plan Spark cannot run is refused here.
          spark.prepare(bundle);
        }
        for (PlanBundle bundle : bundles) {
          if (isOutput(bundle)) {
            spark.writeParquet(bundle, run.resultFolder(bundle.name()));
          } else {
            rows.put(bundle.name(), spark.dataset(bundle).count());
          }
        }
        return rows;
      }

      @Override
      public void close() {
        spark.close();
      }
    };
  }

  static boolean isOutput(PlanBundle bundle) {
    return Relationship.named(bundle.name().toLowerCase(Locale.ROOT)).orElseThrow().output();
  }
}
