package io.codeanatomy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The floor under any processor that generates our code: in its first round it writes, through
 * the {@code Filer}, the Java files the codeanatomy processor generated for the same corpus
 * (read from the folder {@code -Abench.replay=DIR}), and does nothing else. Timed beside our
 * processor, it splits the cost of a compile into what javac spends on the code we generate
 * (its parsing, the extra rounds, compiling it) and what our processor spends deciding what to
 * write. Used by {@link CompileBenchmark} only; never put on a user's processor path.
 */
@SupportedAnnotationTypes("io.codeanatomy.contracts.annotations.SettingsSchema")
@SupportedOptions(ReplayProcessor.OPTION)
public final class ReplayProcessor extends AbstractProcessor {

  static final String OPTION = "bench.replay";

  private boolean written;

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (written || annotations.isEmpty()) {
      return false;
    }
    written = true;
    Path dir = Path.of(processingEnv.getOptions().get(OPTION));
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      for (Path source : sources) {
        String relative = dir.relativize(source).toString();
        String name = relative.substring(0, relative.length() - ".java".length())
            .replace(source.getFileSystem().getSeparator(), ".");
        try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
          writer.write(Files.readString(source, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }
}
