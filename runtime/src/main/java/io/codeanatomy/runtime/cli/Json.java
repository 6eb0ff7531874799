package io.codeanatomy.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.json.PrettyJson;

/** JSON output for CI: the same bytes on every machine, so that outputs can be diffed. */
final class Json {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Two-space indentation, {@code \n} line ends (not the platform's), a final newline. */
  static String render(JsonNode node) {
    return PrettyJson.render(node);
  }
}
