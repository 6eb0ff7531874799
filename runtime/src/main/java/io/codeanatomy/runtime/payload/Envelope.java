package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.json.PrettyJson;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON envelope of every payload, {@code {"contract", "version", "schemaFingerprint",
 * "payload"}}, and the checks a reader makes of it before it reads the payload.
 */
final class Envelope {

  static final JsonMapper JSON = StrictJson.MAPPER;

  private static final Set<String> KEYS =
      Set.of("contract", "version", "schemaFingerprint", "payload");

  private Envelope() {}

  static ObjectNode wrap(ContractType<?> type, JsonNode payload) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("contract", type.name());
    envelope.put("version", type.version());
    envelope.put("schemaFingerprint", type.schemaFingerprint());
    envelope.set("payload", payload);
    return envelope;
  }

  /**
   * Two-space indentation, {@code \n} line ends, whatever the platform; and only what a reader
   * accepts: a value beyond {@link ReadLimits} is refused here rather than written unreadable.
   *
   * @throws PayloadException when the rendered payload is beyond the reading limits
   */
  static String render(ContractType<?> type, JsonNode node) {
    String text = render(node);
    // Text shorter than the longest key a reader takes cannot hold a longer string or key, nor
    // more tokens or characters than allowed: only its depth and its numbers need a look. Longer
    // text is read back, which also names the limit it breaks.
    if (text.length() > ReadLimits.MAX_NAME_LENGTH || !withinDepthAndNumbers(node, 1)) {
      try {
        StrictJson.parse(text);
      } catch (StrictJson.MalformedJsonException e) {
        throw new PayloadException(type.name(), field(e.path()), "cannot write a payload that "
            + "its readers refuse: " + e.getMessage(), e);
      }
    }
    return text;
  }

  /** The text of a tree made from a value a reader accepted: within the limits already. */
  static String renderRead(JsonNode node) {
    return render(node);
  }

  /** Whether no container lies deeper than the reading limit and no number is too long. */
  private static boolean withinDepthAndNumbers(JsonNode node, int depth) {
    if (node.isContainerNode()) {
      if (depth > ReadLimits.MAX_DEPTH) {
        return false;
      }
      for (JsonNode child : node) {
        if (!withinDepthAndNumbers(child, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    return !node.isNumber()
        || node.asText().length() <= ReadLimits.MAX_NUMBER_LENGTH;
  }

  private static String render(JsonNode node) {
    return PrettyJson.render(node);
  }

  /** A payload and the accepted older version it is of (empty: the current one). */
  record Unwrapped(JsonNode payload, Optional<AcceptedVersions.Accepted> accepted) {}

  /** The payload of an envelope written for {@code type}; checks everything but the payload. */
  static Unwrapped unwrap(ContractType<?> type, AcceptedVersions accepted, String json) {
    JsonNode root = parse(type.name(), json);
    if (!root.isObject()) {
      throw new PayloadException(type.name(), null, "expected a JSON object with contract, "
          + "version, schemaFingerprint and payload, got " + kind(root));
    }
    Set<String> extra = new TreeSet<>();
    root.fieldNames().forEachRemaining(extra::add);
    extra.removeAll(KEYS);
    if (!extra.isEmpty()) {
      throw new PayloadException(type.name(), null, "the envelope has unknown keys " + extra
          + "; it has exactly contract, version, schemaFingerprint and payload");
    }
    for (String key : KEYS) {
      if (!root.has(key)) {
        throw new PayloadException(type.name(), null, "the envelope has no " + key);
      }
    }
    if (!root.get("contract").isTextual() || !root.get("version").canConvertToInt()
        || !root.get("version").isIntegralNumber() || !root.get("schemaFingerprint").isTextual()) {
      throw new PayloadException(type.name(), null, "the envelope's contract and "
          + "schemaFingerprint are strings and its version an integer");
    }
    Optional<AcceptedVersions.Accepted> version = check(type, accepted,
        root.get("contract").asText(), root.get("version").asInt(),
        root.get("schemaFingerprint").asText());
    return new Unwrapped(root.get("payload"), version);
  }

  /**
   * A strictly parsed document.
   *
   * @throws PayloadException for text a strict reader refuses, naming the payload field at fault
   *     when there is one
   */
  static JsonNode parse(String contract, String json) {
    try {
      return StrictJson.parse(json);
    } catch (StrictJson.MalformedJsonException e) {
      throw new PayloadException(contract, field(e.path()), e.getMessage(), e);
    }
  }

  /** The payload field of a document path ({@code payload.views[a]} is {@code views[a]}). */
  private static String field(String path) {
    return path != null && path.startsWith("payload.") ? path.substring("payload.".length())
        : null;
  }

  /**
   * The payload is of this contract, at this version and schema or an accepted older one (which
   * is returned), or a ContractVersionException.
   */
  static Optional<AcceptedVersions.Accepted> check(ContractType<?> type,
      AcceptedVersions accepted, String contract, int version, String fingerprint) {
    if (type.name().equals(contract) && type.version() == version
        && (type.schemaFingerprint().equals(fingerprint)
            || accepted.isEarlierCurrent(fingerprint))) {
      return Optional.empty();
    }
    Optional<AcceptedVersions.Accepted> older = type.name().equals(contract)
        ? accepted.match(version, fingerprint) : Optional.empty();
    if (older.isEmpty()) {
      throw new ContractVersionException(type.name(), type.describe()
          + accepted.describe(type.name()), ContractType.describe(contract, version, fingerprint));
    }
    return older;
  }

  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
