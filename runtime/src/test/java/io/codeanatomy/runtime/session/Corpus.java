package io.codeanatomy.runtime.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared query corpus (the {@code shared/corpus} folder beside the checkout). A test that needs it and
 * cannot find it fails, naming where it looked: it never skips.
 */
public final class Corpus {

  private Corpus() {}

  public static Path root() {
    Path project = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    for (Path dir = project; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      Path sibling = dir.resolveSibling("shared").resolve("corpus");
      if (Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    throw new IllegalStateException("the query corpus is missing: looked for shared/corpus "
        + "beside every directory above " + project + " (CI puts shared/ beside the checkout)");
  }

  public static String tpchSchema() {
    return read(root().resolve("tpch/schema.sql"));
  }

  /** The TPC-H queries, {@code 01.sql} to {@code 22.sql}, in order. */
  public static List<Path> tpchQueries() {
    return list(root().resolve("tpch/queries"));
  }

  /** The TPC-DS queries in name order. */
  public static List<Path> tpcdsQueries() {
    return list(root().resolve("tpcds/queries"));
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
