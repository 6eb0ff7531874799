package io.codeanatomy.runtime.payload;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;

/**
 * The limits every reader of the runtime applies to its input, JSON and binary, so that no input
 * (nested 10,000 deep, a 50 MB string, a document of gigabytes) exhausts the stack or the heap.
 * They are enforced by the libraries that parse: Jackson's {@link StreamReadConstraints} and
 * protobuf's {@link CodedInputStream} limits; docs/relspec.md ("Limits") lists them. Collections
 * have no count of their own: each element is at least one token (JSON) or one byte (binary), so
 * the token count and the sizes bound them.
 */
public final class ReadLimits {

  /** JSON arrays and objects inside each other, and protobuf messages inside each other. */
  public static final int MAX_DEPTH = 64;

  /**
   * Protobuf messages inside each other in a Substrait plan: a relation nests its inputs, an
   * expression its operands. The deepest TPC-DS plan nests 66 deep; this is four times that.
   */
  public static final int MAX_PLAN_DEPTH = 256;

  /** Characters in one JSON string value (a base64 {@code bytes} value is one). */
  public static final int MAX_STRING_LENGTH = 8 << 20;

  /** Characters in one JSON object key: a field name or a map key. */
  public static final int MAX_NAME_LENGTH = 64 << 10;

  /** Characters in one JSON number: far more than any int64 or double needs. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** Tokens in one JSON document: bounds every collection in it. */
  public static final long MAX_TOKEN_COUNT = 4_000_000;

  /** Characters of a JSON document, bytes of a binary payload or of an artifact file. */
  public static final int MAX_DOCUMENT_BYTES = 64 << 20;

  /** The limits as Jackson enforces them. */
  static final StreamReadConstraints JSON = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_DEPTH)
      .maxStringLength(MAX_STRING_LENGTH)
      .maxNameLength(MAX_NAME_LENGTH)
      .maxNumberLength(MAX_NUMBER_LENGTH)
      .maxTokenCount(MAX_TOKEN_COUNT)
      .maxDocumentLength(MAX_DOCUMENT_BYTES)
      .build();

  private ReadLimits() {}

  /** A protobuf input over {@code bytes} with the depth and size limits set. */
  public static CodedInputStream codedInput(byte[] bytes) {
    return codedInput(bytes, MAX_DEPTH);
  }

  /** A protobuf input over {@code bytes} with the size limit and this depth limit. */
  public static CodedInputStream codedInput(byte[] bytes, int depth) {
    CodedInputStream input = limited(CodedInputStream.newInstance(bytes));
    input.setRecursionLimit(depth);
    return input;
  }

  /** A protobuf input over {@code bytes} with the depth and size limits set. */
  public static CodedInputStream codedInput(ByteString bytes) {
    return limited(bytes.newCodedInput());
  }

  private static CodedInputStream limited(CodedInputStream input) {
    input.setRecursionLimit(MAX_DEPTH);
    input.setSizeLimit(MAX_DOCUMENT_BYTES);
    return input;
  }
}
