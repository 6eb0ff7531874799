package io.codeanatomy.runtime.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The results of a run and the engine that produced them: for each output view, the folder of
 * its Parquet files inside the run's folder, its row count, its content hash ({@link ContentHash})
 * and the SHA-256 of each file. The run manifest records them; the run's verifier recomputes them
 * from the files.
 */
public final class RunResults {

  /**
   * One written view.
   *
   * @param path its folder, relative to the run's folder, with '/'
   * @param rows its row count
   * @param contentHash its content hash ({@link ContentHash})
   * @param files the SHA-256 of each of its Parquet files, by path relative to the run's folder
   */
  public record View(String path, long rows, String contentHash, SortedMap<String, String> files) {
    public View {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(contentHash, "contentHash");
      files = new TreeMap<>(files);
    }

    @Override
    public SortedMap<String, String> files() {
      return new TreeMap<>(files);
    }
  }

  private final EngineProvenance engine;
  private final SortedMap<String, View> views;

  /**
   * @param engine the engine that produced the results
   * @param views the written views, by view name
   */
  public RunResults(EngineProvenance engine, Map<String, View> views) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.views = new TreeMap<>(views);
  }

  public EngineProvenance engine() {
    return engine;
  }

  public SortedMap<String, View> views() {
    return new TreeMap<>(views);
  }

  /**
   * Summarizes a view's written files: row count and content hash from the rows, SHA-256 of each
   * {@code *.parquet} file.
   *
   * @param runDir the run's folder
   * @param path the view's folder, relative to {@code runDir}, with '/'
   * @throws ResultException when the folder holds no Parquet file or a file does not read as a
   *     result
   * @throws IOException when a file cannot be read
   */
  public static View summarize(Path runDir, String path) throws IOException {
    Path dir = runDir.resolve(path);
    List<Path> parts = ParquetResults.files(dir);
    if (parts.isEmpty()) {
      throw new ResultException(dir + " holds no Parquet file", null);
    }
    SortedMap<String, String> files = new TreeMap<>();
    for (Path file : parts) {
      files.put(path + "/" + file.getFileName(), sha256(file));
    }
    ContentHash.Summary summary = ContentHash.of(parts);
    return new View(path, summary.rows(), summary.contentHash(), files);
  }

  /**
   * The SHA-256 of a file, read in blocks: result files can be far larger than the documents a
   * run's readers read whole.
   *
   * @throws IOException when the file cannot be read
   */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
