package io.codeanatomy.runtime.artifacts;

import io.codeanatomy.contracts.relspec.CompiledExecutionPolicy;
import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.runtime.plan.Environment;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.results.EngineProvenance;
import io.codeanatomy.runtime.results.RunResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run being written ({@link RunArtifacts#stage}): a hidden folder beside the run folder into
 * which an engine writes the output views' results ({@link #resultFolder}), then
 * {@link #commit} writes the artifacts and {@code run.json} beside them and puts the whole folder
 * in place at once. Results therefore belong to the run whose {@code run.json} records them: a run
 * that fails or is closed before its commit leaves the previous run (results and all) or nothing,
 * never new results beside an old run. {@link #close} deletes an uncommitted folder.
 *
 * <p>Methods are synchronized: an engine may write several views from several threads. Each
 * folder is written by one writer, and nothing is handed out after {@link #commit} or
 * {@link #close}.
 */
public final class StagedRun implements AutoCloseable {

  private final Path dir;
  private final Path staging;
  /** Result folders handed out: view name by folder, and folder by view name. */
  private final SortedMap<String, String> viewsByFolder = new TreeMap<>();
  private final SortedMap<String, String> foldersByView = new TreeMap<>();
  private final SortedMap<String, RunResults.View> summaries = new TreeMap<>();
  private boolean finished;

  private StagedRun(Path dir, Path staging) {
    this.dir = dir;
    this.staging = staging;
  }

  /**
   * Checks {@code dir} and makes the hidden folder the run is written into.
   *
   * @throws RunLocationException when {@code dir} cannot hold a run
   */
  static StagedRun open(Path dir) throws IOException {
    return new StagedRun(dir, RunWriter.stage(dir));
  }

  /** The run folder this run replaces when it is committed. */
  public Path dir() {
    return dir;
  }

  /**
   * The folder an engine writes a view's Parquet files into: {@code results/NAME} inside the
   * staging folder ({@link RunLayout#resultFolder}). It does not exist yet; the engine makes it.
   *
   * @throws IllegalArgumentException for a view asked for twice, or two views that would share
   *     a folder
   * @throws IllegalStateException after {@link #commit} or {@link #close}
   */
  public synchronized Path resultFolder(String view) {
    requireOpen();
    String folder = RunLayout.resultFolder(view);
    String other = viewsByFolder.get(folder);
    if (other != null) {
      throw new IllegalArgumentException(other.equals(view)
          ? "the results of view '" + view + "' are written once"
          : "views '" + other + "' and '" + view + "' would share the result folder " + folder
              + ": name them apart");
    }
    viewsByFolder.put(folder, view);
    foldersByView.put(view, folder);
    return staging.resolve(folder);
  }

  /**
   * What {@code run.json} will record for a view whose files the engine has written: its row
   * count and content hash recomputed from the rows, and the SHA-256 of each file. Computed once.
   *
   * @throws IllegalArgumentException for a view no folder was handed out for
   * @throws io.codeanatomy.runtime.results.ResultException when the folder holds no Parquet
   *     file or a file does not read as a result
   * @throws IOException when a file cannot be read
   */
  public synchronized RunResults.View result(String view) throws IOException {
    requireOpen();
    RunResults.View summary = summaries.get(view);
    if (summary == null) {
      String folder = foldersByView.get(view);
      if (folder == null) {
        throw new IllegalArgumentException("no result folder was handed out for view '" + view
            + "'");
      }
      summary = RunResults.summarize(staging, folder);
      summaries.put(view, summary);
    }
    return summary;
  }

  /**
   * Writes the artifacts and {@code extras} beside the results, {@code run.json} recording them
   * all (the results with {@code engine} as their provenance), and puts the run in place,
   * replacing the run the folder held. Afterwards this run is finished, whatever the outcome.
   *
   * @param engine the engine that wrote the results; null only when no result folder was handed
   *     out
   * @throws IOException when writing fails; the folder then holds the previous run, or nothing
   * @throws IllegalArgumentException for results of a view that is not among {@code bundles}, a
   *     missing {@code engine}, or what {@link RunArtifacts#write} refuses
   */
  public void commit(List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Map<String, byte[]> extras, EngineProvenance engine)
      throws IOException {
    commit(bundles, policy, pkg, null, extras, engine, RunWriter.DISK);
  }

  /**
   * As {@link #commit(List, CompiledExecutionPolicy, ExecutionPackage, Map, EngineProvenance)},
   * with the snapshots behind the package's hashes (the session's {@code environment}) and the
   * bundles' per-rule deltas among the artifacts, as
   * {@link RunArtifacts#write(Path, List, CompiledExecutionPolicy, ExecutionPackage,
   * Environment, Map)} writes them.
   */
  public void commit(List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Environment environment, Map<String, byte[]> extras,
      EngineProvenance engine) throws IOException {
    commit(bundles, policy, pkg, environment, extras, engine, RunWriter.DISK);
  }

  /** As {@link #commit(List, CompiledExecutionPolicy, ExecutionPackage, Map, EngineProvenance)}, to a test's output. */
  synchronized void commit(List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Map<String, byte[]> extras, EngineProvenance engine,
      RunWriter.FileOutput output) throws IOException {
    commit(bundles, policy, pkg, null, extras, engine, output);
  }

  private synchronized void commit(List<PlanBundle> bundles, CompiledExecutionPolicy policy,
      ExecutionPackage pkg, Environment environment, Map<String, byte[]> extras,
      EngineProvenance engine, RunWriter.FileOutput output) throws IOException {
    requireOpen();
    finished = true;
    try {
      RunResults results = null;
      if (!foldersByView.isEmpty()) {
        Objects.requireNonNull(engine, "engine: results are recorded with the engine that "
            + "wrote them");
        List<String> planned = bundles.stream().map(PlanBundle::name).toList();
        for (String view : foldersByView.keySet()) {
          if (!planned.contains(view)) {
            throw new IllegalArgumentException("results of view '" + view + "', which is not "
                + "among the run's plans " + planned);
          }
          if (!summaries.containsKey(view)) {
            summaries.put(view, RunResults.summarize(staging, foldersByView.get(view)));
          }
        }
        results = new RunResults(engine, summaries);
      } else if (engine != null) {
        results = new RunResults(engine, Map.of());
      }
      RunWriter.commit(dir, staging,
          RunArtifacts.files(bundles, policy, pkg, environment, extras, results), output);
    } catch (IOException | RuntimeException e) {
      // RunWriter.commit deletes the folder itself; a failure before it gets here.
      RunWriter.deleteQuietly(staging, e);
      throw e;
    }
  }

  /** Deletes the staging folder unless the run was committed; the run folder is untouched. */
  @Override
  public synchronized void close() {
    if (!finished) {
      finished = true;
      RunWriter.deleteQuietly(staging, null);
    }
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the run for " + dir + " is committed or closed");
    }
  }
}
