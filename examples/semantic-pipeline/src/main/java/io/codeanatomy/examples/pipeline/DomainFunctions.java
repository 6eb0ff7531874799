package io.codeanatomy.examples.pipeline;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import io.codeanatomy.runtime.plan.UserFunction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;

/**
 * CodeAnatomy's domain functions, registered in the pipeline's planning surface by stable name and
 * called by its views instead of inline expressions:
 *
 * <ul>
 *   <li>{@code span_contains(outer_start, outer_end, inner_start, inner_end)}: whether the byte
 *       span {@code [inner_start, inner_end)} lies within {@code [outer_start, outer_end)} (the
 *       {@code span_contains} join strategy);
 *   <li>{@code stable_id(path, span_start, span_end)}: an entity's id that depends only on where
 *       it is (its file's path and its byte span), the same in every run and on every machine:
 *       the first 8 bytes, big-endian and signed, of the SHA-256 of the canonical MessagePack of
 *       the array {@code [path, span_start, span_end]} (docs/domain.md, section 7, states the
 *       layout, so that another engine computes the same id).
 * </ul>
 *
 * Null in, null out ({@link Strict}), as SQL functions are.
 */
public final class DomainFunctions {

  public static final String SPAN_CONTAINS = "span_contains";
  public static final String STABLE_ID = "stable_id";

  private DomainFunctions() {}

  /** Whether {@code [innerStart, innerEnd)} lies within {@code [outerStart, outerEnd)}. */
  @Strict
  public static boolean spanContains(long outerStart, long outerEnd, long innerStart,
      long innerEnd) {
    return outerStart <= innerStart && innerEnd <= outerEnd;
  }

  /** The stable id of the span {@code [spanStart, spanEnd)} of the file at {@code path}. */
  @Strict
  public static long stableId(String path, long spanStart, long spanEnd) {
    byte[] canonical = new CanonicalWriter().writeArrayHeader(3).writeString(path)
        .writeInt(spanStart).writeInt(spanEnd).toByteArray();
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(canonical);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    long id = 0;
    for (int i = 0; i < 8; i++) {
      id = id << 8 | (digest[i] & 0xFF);
    }
    return id;
  }

  /** Both, as the session builder takes them. */
  public static List<UserFunction> all() {
    try {
      return List.of(
          UserFunction.scalar(SPAN_CONTAINS, "Whether a byte span lies within another: "
              + "outer_start <= inner_start and inner_end <= outer_end.",
              DomainFunctions.class.getMethod("spanContains", long.class, long.class,
                  long.class, long.class)),
          UserFunction.scalar(STABLE_ID, "A stable 64-bit id of a file path and a byte span: "
              + "SHA-256 of the canonical MessagePack [path, start, end], first 8 bytes.",
              DomainFunctions.class.getMethod("stableId", String.class, long.class,
                  long.class)));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the domain functions are declared here", e);
    }
  }
}
