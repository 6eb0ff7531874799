package io.codeanatomy.runtime.plan;

import io.substrait.extension.SimpleExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Substrait's standard extensions, read as UTF-8. substrait-java's own default catalog reads them
 * with the platform's default charset ({@code new Scanner(InputStream)}), so on a JVM whose
 * default charset is UTF-16 it fails, and on ISO-8859-1 it reads non-ASCII text wrongly. Loading
 * the same resources here, decoded explicitly, keeps Substrait output independent of the
 * platform. Nothing in the project may touch {@code DefaultExtensionCatalog} or the no-argument
 * constructors that use it.
 */
final class SubstraitExtensions {

  /** The extensions of substrait-java's default catalog, by resource. */
  private static final List<String> RESOURCES = List.of("boolean", "aggregate_generic",
      "aggregate_approx", "arithmetic_decimal", "arithmetic", "comparison", "datetime", "list",
      "logarithmic", "rounding", "rounding_decimal", "set", "string");

  /** Substrait's standard extensions. */
  static final SimpleExtension.ExtensionCollection STANDARD = load();

  /** The runtime's declaration of GROUPING ({@code functions_grouping.yaml}). */
  static final SimpleExtension.ExtensionCollection GROUPING = SimpleExtension.load(
      read(SubstraitExtensions.class, "functions_grouping.yaml"));

  private SubstraitExtensions() {}

  private static SimpleExtension.ExtensionCollection load() {
    SimpleExtension.ExtensionCollection collection = null;
    for (String name : RESOURCES) {
      SimpleExtension.ExtensionCollection one = SimpleExtension.load(
          read("/substrait/extensions/functions_" + name + ".yaml"));
      collection = collection == null ? one : collection.merge(one);
    }
    return collection.merge(SimpleExtension.load(
        read("/substrait/extensions/extension_types.yaml")));
  }

  private static String read(String resource) {
    return read(SimpleExtension.class, resource);
  }

  private static String read(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("substrait-java has no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** isthmus's SQL parser configuration: the dialect its own SQL conversion reads. */
  static SqlParser.Config parserConfig() {
    return SubstraitMapping.STANDARD.converters().getSqlParserConfig();
  }
}
