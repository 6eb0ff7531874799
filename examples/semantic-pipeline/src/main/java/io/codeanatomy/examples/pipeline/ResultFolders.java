package io.codeanatomy.examples.pipeline;

import io.codeanatomy.runtime.results.RunResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The run folder's {@code results/}: emptied before a run writes its views there again. */
final class ResultFolders {

  private ResultFolders() {}

  /** Removes {@code out/results} and everything in it, if it is there. */
  static void clear(Path out) {
    Path results = out.resolve(RunResults.FOLDER);
    if (!Files.exists(results)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(results)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the previous results in " + results, e);
    }
  }
}
