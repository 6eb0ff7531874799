package io.codeanatomy.compat.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codeanatomy.compat.CompatInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict input for manifests and locks: a document parsed within explicit limits, and a cursor
 * over one JSON object of it that reads typed values by key and names the JSON path of whatever
 * is wrong ({@code x.json: settingsSchemas[0].settings[2].unit: expected one of "none", "bytes",
 * got the number 7}). {@link ManifestJson} and the lock reader share it; it is not a general JSON
 * API.
 *
 * <p>Nothing is coerced: a string is never a boolean, a number never a string, a float never an
 * integer; a required key must be present (with null only where the getter says so), and
 * {@link #finish()} refuses every key that no getter asked for. Every problem is a
 * {@link CompatInputException} whose message starts with the source; nothing else is thrown for
 * any input.
 *
 * <p>Jackson parses and enforces the limits; the typed reading is done here rather than by
 * Jackson's data binding because binding cannot say, per key, "must be present but may be null",
 * and its errors name Java types instead of the JSON key, what was expected and what came.
 *
 * <p>A cursor remembers which keys it was asked for, so it is confined to the thread that reads
 * the document; the records it produces are immutable.
 */
public final class JsonCursor {

  /** The largest manifest or lock read: 16 MiB (the core lock is about 120 KiB). */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
  /** The deepest nesting of objects and arrays (a lock is 7 deep). */
  public static final int MAX_DEPTH = 32;
  /** The longest string value, in chars (docs are the longest strings). */
  public static final int MAX_STRING_LENGTH = 1024 * 1024;
  /** The longest key, in chars (setting keys and Java type names are keys). */
  public static final int MAX_NAME_LENGTH = 4096;
  /** The longest number, in chars. */
  public static final int MAX_NUMBER_LENGTH = 64;
  /** The most tokens a document may have, which also bounds every array and object. */
  public static final long MAX_TOKENS = 2_000_000;

  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int QUOTED = 60;

  /** Immutable and shared: duplicate keys, trailing tokens and oversized input are refused. */
  private static final ObjectReader TREE = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxDocumentLength(MAX_DOCUMENT_BYTES)
              .maxNestingDepth(MAX_DEPTH)
              .maxStringLength(MAX_STRING_LENGTH)
              .maxNameLength(MAX_NAME_LENGTH)
              .maxNumberLength(MAX_NUMBER_LENGTH)
              .maxTokenCount(MAX_TOKENS)
              .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Exact decimals, so that a message shows the number that came (1E+400, not Infinity).
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build()
      .reader();

  private final String source;
  private final String path;
  private final ObjectNode node;
  private final Set<String> asked = new LinkedHashSet<>();

  private JsonCursor(String source, String path, ObjectNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  // ---------------------------------------------------------------------------------------------
  // documents

  /**
   * A file's bytes, at most {@link #MAX_DOCUMENT_BYTES}.
   *
   * @throws CompatInputException when the file is missing, unreadable or too large
   */
  public static byte[] readFile(Path file) {
    // A device or a pipe could be read forever, and a folder cannot be read at all.
    if (Files.isDirectory(file)) {
      throw new CompatInputException(file + " is not a file but a folder");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new CompatInputException(file + " is not a file (a device or a pipe)");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readStream(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new CompatInputException(file + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new CompatInputException(file + " cannot be read: permission denied", e);
    } catch (IOException e) {
      throw new CompatInputException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * A stream's bytes, at most {@link #MAX_DOCUMENT_BYTES}; reading stops after one byte more.
   *
   * @param source what the stream is, for messages
   * @throws IOException when the stream fails
   * @throws CompatInputException when it holds more than the limit
   */
  public static byte[] readStream(InputStream in, String source) throws IOException {
    byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new CompatInputException(source + " is over a reading limit: larger than "
          + MAX_DOCUMENT_BYTES + " bytes, the limit for a manifest or lock");
    }
    return bytes;
  }

  /**
   * The top-level object of a JSON document.
   *
   * @param source what the bytes are (a file, a URL), for messages
   * @throws CompatInputException when the bytes are not UTF-8, not JSON, beyond a limit, or not
   *     an object
   */
  public static JsonCursor parse(byte[] bytes, String source) {
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new CompatInputException(source + " is over a reading limit: larger than "
          + MAX_DOCUMENT_BYTES + " bytes, the limit for a manifest or lock");
    }
    JsonNode root;
    try {
      root = TREE.readTree(utf8(bytes, source));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      // Limit errors carry no location; a message must not depend on one.
      String where = at == null || at.getLineNr() < 0 ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new CompatInputException(source + (e instanceof StreamConstraintsException
          ? " is over a reading limit" : " is not valid JSON") + where + ": "
          + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new CompatInputException(source + " is empty");
    }
    if (!root.isObject()) {
      throw new CompatInputException(source + " is not a JSON object");
    }
    return new JsonCursor(source, "", (ObjectNode) root);
  }

  /**
   * Strict UTF-8. Decoded here because Jackson, given bytes, detects UTF-16 and UTF-32 by
   * itself; a manifest or lock is UTF-8 only.
   */
  private static String utf8(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(buffer).toString();
    } catch (CharacterCodingException e) {
      throw new CompatInputException(source + " is not UTF-8 text (bad byte at offset "
          + buffer.position() + ")", e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // where

  /** What the document is, as given to {@link #parse}. */
  public String source() {
    return source;
  }

  /** The JSON path of this object: {@code ""} for the document, {@code contracts[0].fields[1]}. */
  public String path() {
    return path;
  }

  /** The path of {@code key} in this object. */
  public String pathOf(String key) {
    String name = SIMPLE_KEY.matcher(key).matches() ? key
        : "[" + quote(key) + "]";
    if (name.startsWith("[")) {
      return path + name;
    }
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The keys of this object, in document order. Reading them stays the getters' business. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** Whether this object has {@code key} (null counts); the key is then expected. */
  public boolean has(String key) {
    asked.add(key);
    return node.has(key);
  }

  // ---------------------------------------------------------------------------------------------
  // scalars

  /** A string, possibly empty. */
  public String string(String key) {
    JsonNode value = value(key);
    if (!value.isTextual()) {
      throw invalid(key, "a string", value);
    }
    return value.textValue();
  }

  /** A string with at least one character: a name, a key, a Java type. */
  public String name(String key) {
    JsonNode value = value(key);
    if (!value.isTextual() || value.textValue().isEmpty()) {
      throw invalid(key, "a non-empty string", value);
    }
    return value.textValue();
  }

  /** A string or null; the key itself must be present. */
  public String nullableString(String key) {
    JsonNode value = value(key);
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(key, "a string or null", value);
    }
    return value.textValue();
  }

  /** The string if {@code key} holds one, else empty; the key is not required. */
  public Optional<String> peekString(String key) {
    JsonNode value = node.get(key);
    return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
  }

  /** One of {@code allowed}, exactly. */
  public String oneOf(String key, List<String> allowed) {
    JsonNode value = value(key);
    if (!value.isTextual() || !allowed.contains(value.textValue())) {
      throw invalid(key, oneOfWords(allowed), value);
    }
    return value.textValue();
  }

  /** A constant of {@code type}, by the name the JSON gives it ({@link ManifestJson#jsonName}). */
  public <E extends Enum<E>> E choice(String key, Class<E> type) {
    JsonNode value = value(key);
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String name = ManifestJson.jsonName(constant);
      if (value.isTextual() && name.equals(value.textValue())) {
        return constant;
      }
      names.add(name);
    }
    throw invalid(key, oneOfWords(names), value);
  }

  /** A SHA-256 digest: 64 lowercase hex digits. */
  public String digest(String key) {
    JsonNode value = value(key);
    if (!value.isTextual() || !DIGEST.matcher(value.textValue()).matches()) {
      throw invalid(key, "a SHA-256 digest (64 lowercase hex digits)", value);
    }
    return value.textValue();
  }

  /** A SHA-256 digest or null; the key itself must be present. */
  public String nullableDigest(String key) {
    JsonNode value = value(key);
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !DIGEST.matcher(value.textValue()).matches()) {
      throw invalid(key, "a SHA-256 digest (64 lowercase hex digits) or null", value);
    }
    return value.textValue();
  }

  /** {@code true} or {@code false}. */
  public boolean bool(String key) {
    JsonNode value = value(key);
    if (!value.isBoolean()) {
      throw invalid(key, "a boolean", value);
    }
    return value.booleanValue();
  }

  /** An integer within {@code [min, max]}; {@code 2.0} is not an integer. */
  public int integer(String key, int min, int max) {
    JsonNode value = value(key);
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min
        || value.intValue() > max) {
      throw invalid(key, "an integer from " + min + " to " + max, value);
    }
    return value.intValue();
  }

  /** A finite number that a double holds. */
  public double number(String key) {
    JsonNode value = value(key);
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw invalid(key, "a finite number", value);
    }
    return value.doubleValue();
  }

  // ---------------------------------------------------------------------------------------------
  // structures

  /** An object, as a cursor whose path continues this one's. */
  public JsonCursor object(String key) {
    JsonNode value = value(key);
    if (!value.isObject()) {
      throw invalid(key, "an object", value);
    }
    return new JsonCursor(source, pathOf(key), (ObjectNode) value);
  }

  /** An array of objects, each as a cursor ({@code fields[3]}). */
  public List<JsonCursor> objects(String key) {
    JsonNode value = value(key);
    if (!value.isArray()) {
      throw invalid(key, "an array of objects", value);
    }
    List<JsonCursor> elements = new ArrayList<>(value.size());
    int i = 0;
    for (JsonNode element : value) {
      String at = pathOf(key) + "[" + i + "]";
      if (!element.isObject()) {
        throw new CompatInputException(message(at, "an object", describe(element)));
      }
      elements.add(new JsonCursor(source, at, (ObjectNode) element));
      i++;
    }
    return elements;
  }

  /** An array of strings. */
  public List<String> strings(String key) {
    JsonNode value = value(key);
    if (!value.isArray()) {
      throw invalid(key, "an array of strings", value);
    }
    List<String> elements = new ArrayList<>(value.size());
    int i = 0;
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw new CompatInputException(message(pathOf(key) + "[" + i + "]", "a string",
            describe(element)));
      }
      elements.add(element.textValue());
      i++;
    }
    return elements;
  }

  /** An array of SHA-256 digests. */
  public List<String> digests(String key) {
    JsonNode value = value(key);
    if (!value.isArray()) {
      throw invalid(key, "an array of SHA-256 digests", value);
    }
    List<String> elements = new ArrayList<>(value.size());
    int i = 0;
    for (JsonNode element : value) {
      if (!element.isTextual() || !DIGEST.matcher(element.textValue()).matches()) {
        throw new CompatInputException(message(pathOf(key) + "[" + i + "]",
            "a SHA-256 digest (64 lowercase hex digits)", describe(element)));
      }
      elements.add(element.textValue());
      i++;
    }
    return elements;
  }

  /**
   * Refuses any key of this object that no getter asked for. Call it after reading every key
   * the object may have.
   */
  public void finish() {
    Iterator<String> keys = node.fieldNames();
    while (keys.hasNext()) {
      String key = keys.next();
      if (!asked.contains(key)) {
        throw invalid(key, "no such key (known here: " + String.join(", ", asked) + ")",
            node.get(key));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // problems

  /** A problem with the value at {@code key}: what was expected, and the value that came. */
  public CompatInputException invalid(String key, String expected) {
    return invalid(key, expected, node.get(key));
  }

  private CompatInputException invalid(String key, String expected, JsonNode value) {
    return new CompatInputException(message(pathOf(key), expected, describe(value)));
  }

  private String message(String at, String expected, String actual) {
    return source + ": " + at + ": expected " + expected + ", got " + actual;
  }

  private JsonNode value(String key) {
    asked.add(key);
    JsonNode value = node.get(key);
    return value == null ? MissingNode.getInstance() : value;
  }

  /** The value in words, short enough for one line: {@code the string "yes"}. */
  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing (the key is missing)";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "the string " + quote(value.textValue());
    }
    if (value.isBoolean()) {
      return "the boolean " + value.booleanValue();
    }
    if (value.isNumber()) {
      return "the number " + (value.isBigDecimal()
          ? value.decimalValue().toString() : value.asText());
    }
    return value.isArray() ? "an array" : "an object";
  }

  /** A string in JSON quotes, escaped, cut at {@value #QUOTED} characters. */
  static String quote(String text) {
    String cut = text.length() > QUOTED ? text.substring(0, QUOTED) : text;
    String quoted = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(cut)) + "\"";
    return text.length() > QUOTED ? quoted + "..." : quoted;
  }

  private static String oneOfWords(List<String> allowed) {
    List<String> quoted = allowed.stream().map(JsonCursor::quote).toList();
    return quoted.size() == 1 ? "the string " + quoted.get(0)
        : "one of " + String.join(", ", quoted);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s: %s", source, path.isEmpty() ? "(document)" : path);
  }
}
