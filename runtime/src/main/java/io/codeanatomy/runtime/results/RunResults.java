package io.codeanatomy.runtime.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The results of a run and the engine that produced them, as the run manifest records them:
 *
 * <pre>
 * "engine":  {"name": "spark", "version": "4.1.3", "master": "local[*]"},
 * "results": {"call_graph": {"path": "results/call_graph", "rows": 1234,
 *             "content_hash": "...", "files": {"results/call_graph/part-...parquet": "sha256"}}}
 * </pre>
 *
 * {@link #verify} recomputes each view's row count and content hash from its Parquet files and
 * the SHA-256 of each file, and names the view in every problem.
 */
public final class RunResults {

  /** The folder, inside a run's folder, that holds one folder per output view. */
  public static final String FOLDER = "results";

  /**
   * One written view.
   *
   * @param path its folder, relative to the run's folder
   * @param rows its row count
   * @param contentHash its content hash ({@link ContentHash})
   * @param files the SHA-256 of each of its Parquet files, by path relative to the run's folder
   */
  public record View(String path, long rows, String contentHash, SortedMap<String, String> files) {
    public View {
      files = new TreeMap<>(files);
    }
  }

  private final EngineProvenance engine;
  private final SortedMap<String, View> views;

  public RunResults(EngineProvenance engine, Map<String, View> views) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.views = new TreeMap<>(views);
  }

  public EngineProvenance engine() {
    return engine;
  }

  public SortedMap<String, View> views() {
    return views;
  }

  /** The folder of a view's results inside a run's folder. */
  public static Path folder(Path runDir, String view) {
    return runDir.resolve(FOLDER).resolve(view);
  }

  /**
   * Summarizes a view's written files: row count and content hash from the rows, SHA-256 of each
   * file.
   *
   * @throws ResultException when the files cannot be read
   */
  public static View summarize(Path runDir, String view) {
    Path dir = folder(runDir, view);
    ContentHash.Summary summary = ContentHash.of(dir);
    SortedMap<String, String> files = new TreeMap<>();
    for (Path file : ParquetResults.files(dir)) {
      files.put(relative(runDir, file), sha256(file));
    }
    return new View(relative(runDir, dir), summary.rows(), summary.contentHash(), files);
  }

  /** Adds {@code engine} and {@code results} to a run manifest. */
  public void addTo(ObjectNode run) {
    ObjectNode engineNode = run.putObject("engine");
    engineNode.put("name", engine.name());
    engineNode.put("version", engine.version());
    engineNode.put("master", engine.master());
    ObjectNode results = run.putObject("results");
    views.forEach((name, view) -> {
      ObjectNode node = results.putObject(name);
      node.put("path", view.path());
      node.put("rows", view.rows());
      node.put("content_hash", view.contentHash());
      ObjectNode files = node.putObject("files");
      view.files().forEach(files::put);
    });
  }

  /**
   * Checks the results a run manifest records against the files, adding one problem per
   * difference, each naming the view: a missing or extra file, a file whose bytes changed, a row
   * count or content hash that differs. Nothing is added for a manifest without results.
   */
  public static void verify(Path runDir, JsonNode run, List<String> problems) {
    JsonNode results = run.path("results");
    if (results.isMissingNode()) {
      return;
    }
    if (!results.isObject()) {
      problems.add("run.json: field results is not an object");
      return;
    }
    if (!run.path("engine").isObject()) {
      problems.add("run.json: field engine (the engine that produced the results) is missing");
    }
    for (Map.Entry<String, JsonNode> entry : results.properties()) {
      verifyView(runDir, entry.getKey(), entry.getValue(), problems);
    }
  }

  private static void verifyView(Path runDir, String view, JsonNode recorded,
      List<String> problems) {
    String where = "results/" + view + " (view " + view + ")";
    String path = recorded.path("path").asText("");
    Path dir = runDir.resolve(path).normalize();
    if (path.isEmpty() || !dir.startsWith(runDir.normalize().resolve(FOLDER))) {
      problems.add("run.json: results." + view + ".path is '" + path + "', expected a folder "
          + "under " + FOLDER + "/");
      return;
    }
    if (!Files.isDirectory(dir)) {
      problems.add(where + ": missing");
      return;
    }
    List<String> local = new ArrayList<>();
    SortedMap<String, String> actual = new TreeMap<>();
    try {
      for (Path file : ParquetResults.files(dir)) {
        actual.put(relative(runDir, file), sha256(file));
      }
    } catch (ResultException e) {
      problems.add(where + ": " + e.getMessage());
      return;
    }
    JsonNode files = recorded.path("files");
    for (Map.Entry<String, JsonNode> file : files.properties()) {
      String sha = actual.get(file.getKey());
      if (sha == null) {
        local.add(where + ": file " + file.getKey() + " is missing");
      } else if (!sha.equals(file.getValue().asText())) {
        local.add(where + ": file " + file.getKey() + " was changed: its SHA-256 is " + sha
            + ", run.json recorded " + file.getValue().asText());
      }
    }
    actual.keySet().stream().filter(name -> !files.has(name)).forEach(name ->
        local.add(where + ": file " + name + " is not in run.json"));
    try {
      ContentHash.Summary summary = ContentHash.of(dir);
      long rows = recorded.path("rows").asLong(-1);
      if (summary.rows() != rows) {
        local.add(where + ": " + summary.rows() + " rows, run.json recorded " + rows);
      }
      String hash = recorded.path("content_hash").asText("");
      if (!summary.contentHash().equals(hash)) {
        local.add(where + ": the rows hash to " + summary.contentHash() + ", run.json "
            + "recorded content_hash " + hash);
      }
    } catch (ResultException e) {
      local.add(where + ": " + e.getMessage());
    }
    problems.addAll(local);
  }

  private static String relative(Path runDir, Path file) {
    return runDir.relativize(file).toString().replace('\\', '/');
  }

  private static String sha256(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    } catch (IOException e) {
      throw new ResultException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
