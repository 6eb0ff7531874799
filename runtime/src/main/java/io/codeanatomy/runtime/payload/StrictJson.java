package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The one way the runtime parses JSON it is given (payloads, run manifests, lineage, the command
 * line's inputs): strict UTF-8, no duplicate key, no trailing text, within {@link ReadLimits},
 * and no unpaired surrogate in any string or key (the canonical encoding and every UTF-8 writer
 * would have to replace it, so such a string cannot be written back as it was read). Every
 * failure is a {@link MalformedJsonException} whose message says where and what.
 */
public final class StrictJson {

  static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(ReadLimits.JSON)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private StrictJson() {}

  /** JSON text that is not what a strict reader accepts. */
  public static final class MalformedJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final int column;
    private final String problem;
    private final boolean limit;

    MalformedJsonException(String message, String path, Throwable cause) {
      this(message, path, -1, -1, message, false, cause);
    }

    private MalformedJsonException(String message, String path, int line, int column,
        String problem, boolean limit, Throwable cause) {
      super(message, cause);
      this.path = path;
      this.line = line;
      this.column = column;
      this.problem = problem;
      this.limit = limit;
    }

    /** Where in the document the fault is ({@code payload.views[a]}), or null when unknown. */
    public String path() {
      return path;
    }

    /** The line of the fault, from 1; -1 when unknown. */
    public int line() {
      return line;
    }

    /** The column of the fault, from 1; -1 when unknown. */
    public int column() {
      return column;
    }

    /** What is wrong, without where. */
    public String problem() {
      return problem;
    }

    /** Whether the document is beyond a reading limit rather than malformed. */
    public boolean isLimit() {
      return limit;
    }
  }

  /**
   * Parses a document.
   *
   * @return the root; never null (an empty document is malformed)
   * @throws MalformedJsonException for anything a strict reader refuses
   */
  public static JsonNode parse(String text) {
    if (text.length() > ReadLimits.MAX_DOCUMENT_BYTES) {
      throw tooLarge(text.length());
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      boolean known = location != null && location.getLineNr() > 0;
      throw new MalformedJsonException(describe(e), null, known ? location.getLineNr() : -1,
          known ? location.getColumnNr() : -1, e.getOriginalMessage(),
          e instanceof StreamConstraintsException, e);
    }
    if (root == null || root.isMissingNode()) {
      throw new MalformedJsonException("malformed JSON: the document is empty", null, null);
    }
    checkUnicode(root);
    return root;
  }

  /**
   * Parses a document from its bytes, which must be UTF-8 (without the byte-order mark JSON
   * forbids): Jackson alone would also take UTF-16 and UTF-32.
   *
   * @throws MalformedJsonException for bytes that are not UTF-8, and as {@link #parse(String)}
   */
  public static JsonNode parse(byte[] utf8) {
    return parse(utf8(utf8));
  }

  /**
   * The text of UTF-8 bytes, decoded strictly: a malformed sequence is an error, not a
   * replacement character.
   *
   * @throws MalformedJsonException naming the byte offset of the first malformed sequence
   */
  public static String utf8(byte[] bytes) {
    if (bytes.length > ReadLimits.MAX_DOCUMENT_BYTES) {
      throw tooLarge(bytes.length);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String text = decoder.decode(in).toString();
      if (text.startsWith("\uFEFF")) {
        throw new MalformedJsonException("malformed JSON: it starts with a byte-order mark, "
            + "which JSON text does not have", null, null);
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new MalformedJsonException("not UTF-8: a malformed byte sequence at byte "
          + in.position(), null, e);
    }
  }

  private static MalformedJsonException tooLarge(long length) {
    String problem = "the document has " + length + " characters, more than the "
        + ReadLimits.MAX_DOCUMENT_BYTES + " a reader accepts";
    return new MalformedJsonException("over a reading limit: " + problem, null, -1, -1, problem,
        true, null);
  }

  /** {@code malformed JSON at line 2, column 14: ...}; a limit names itself. */
  private static String describe(JsonProcessingException e) {
    // A limit's exception may carry no location (Jackson 2.20): never dereference it blindly.
    JsonLocation location = e.getLocation();
    String where = location == null || location.getLineNr() < 1 ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    String what = e instanceof StreamConstraintsException ? "over a reading limit"
        : "malformed JSON";
    return what + where + ": " + e.getOriginalMessage();
  }

  /**
   * Refuses unpaired surrogates (a JSON {@code "\ud800"} escape) in strings and keys. Walks the
   * tree with an explicit stack, so that a document at the depth limit cannot overflow it.
   */
  private static void checkUnicode(JsonNode root) {
    Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry("", root));
    while (!pending.isEmpty()) {
      Map.Entry<String, JsonNode> next = pending.pop();
      String path = next.getKey();
      JsonNode node = next.getValue();
      if (node.isTextual()) {
        checkUnicode(node.textValue(), path.isEmpty() ? "the document" : path, path);
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          pending.push(Map.entry(path + "[" + i + "]", node.get(i)));
        }
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          // The key is checked before it becomes part of a path that a message prints.
          checkUnicode(field.getKey(), path.isEmpty() ? "a key" : "a key of " + path, path);
          String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
          pending.push(Map.entry(fieldPath, field.getValue()));
        }
      }
    }
  }

  private static void checkUnicode(String text, String where, String path) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new MalformedJsonException("not Unicode text: an unpaired surrogate \\u"
            + Integer.toHexString(c) + " at character " + i + " of " + where,
            path.isEmpty() ? null : path, null);
      }
    }
  }
}
