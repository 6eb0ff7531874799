package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON output for CI: the same bytes on every machine, so that outputs can be diffed. */
final class Json {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Two-space indentation, {@code \n} line ends (not the platform's), a final newline. */
  static String render(JsonNode node) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always renders", e);
    }
  }
}
