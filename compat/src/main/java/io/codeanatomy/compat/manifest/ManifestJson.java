package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The one reader and writer of manifests (and of the entries a lock keeps): Jackson binding to
 * the typed records of this package. Writing is byte-stable (two-space indentation, {@code \n}
 * line ends, a final newline, keys in a fixed order); the mapper is immutable and shared.
 */
public final class ManifestJson {

  /** Strict: duplicate keys, trailing tokens and scalar coercions ("yes" for true) are refused. */
  static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter(
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
      // The default indenter uses the platform's line separator; the files must not vary by OS.
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private ManifestJson() {}

  /** The manifest's bytes: UTF-8, two-space indentation, {@code \n} line ends. */
  public static byte[] render(Manifest manifest) {
    return renderValue(manifest);
  }

  /** Any value of this package (or a tree of them) rendered as {@link #render} does. */
  public static byte[] renderValue(Object value) {
    try {
      return (PRETTY.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a manifest always renders", e);
    }
  }

  /** The shared strict mapper, for the lock's reader. */
  public static JsonMapper mapper() {
    return JSON;
  }
}
