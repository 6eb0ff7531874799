package io.codeanatomy.compat.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The one layout of every JSON file the project writes (manifests, locks, payloads, run artifacts,
 * CLI reports): two-space indents, {@code "key": value}, {@code \n} line ends whatever the platform,
 * and a final newline. Files that are diffed and hashed must not vary by machine, so every writer
 * goes through here.
 *
 * <p>Thread-safe: the writer is immutable and never reconfigured.
 */
public final class PrettyJson {

  private static final ObjectWriter WRITER = JsonMapper.builder().build().writer(
      new DefaultPrettyPrinter(Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          // The default indenter uses the platform's line separator.
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private PrettyJson() {}

  /** {@code value} (a JSON tree, or anything Jackson maps) as text in the one layout. */
  public static String render(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** {@link #render} as UTF-8 bytes. */
  public static byte[] utf8(Object value) {
    return render(value).getBytes(StandardCharsets.UTF_8);
  }
}
