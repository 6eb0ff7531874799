package io.codeanatomy.runtime.results;

import io.codeanatomy.contracts.canonical.CanonicalWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The content hash of a result: SHA-256 over a canonical form of its column names and its rows as
 * a multiset, so that the same rows give the same hash whichever engine produced them, in
 * whatever order, in whatever Parquet layout (docs/spark.md, "The content hash", specifies it).
 *
 * <pre>
 * content_hash = SHA-256( canonical [ [name, ...], [row, ...] ] )
 * row          = canonical [ value, ... ]; rows sorted by their bytes (unsigned, shorter first)
 * </pre>
 *
 * Values are canonical MessagePack (docs/canonical-encoding.md) of a canonical form: null; a
 * boolean; every integer as an integer; every floating-point number as float64, with -0.0 as 0.0
 * and NaN, +infinity and -infinity by their one IEEE bit pattern each; a decimal as the text of
 * its value without trailing zeros ({@code 1.50} and {@code 1.5000} are {@code "1.5"}); text as a
 * string; a date as {@code "yyyy-mm-dd"}; a timestamp as {@code "yyyy-mm-ddThh:mm:ss.nnnnnnnnn"};
 * binary as binary. Not thread-safe: one instance hashes one result.
 */
public final class ContentHash {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
      "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS", Locale.ROOT);

  private final CanonicalWriter row = new CanonicalWriter(64);
  private final List<byte[]> rows = new ArrayList<>();
  private List<String> columns;

  /** The result's column names, in order. */
  public void columns(List<String> names) {
    if (columns != null) {
      throw new IllegalStateException("the columns are set already");
    }
    columns = List.copyOf(names);
  }

  /** One row, as {@link ParquetResults#read} gives it. */
  public void row(Object[] values) {
    row.reset();
    row.writeArrayHeader(values.length);
    for (Object value : values) {
      write(row, value);
    }
    rows.add(row.toByteArray());
  }

  public long rowCount() {
    return rows.size();
  }

  /** The hash, 64 lowercase hex characters. */
  public String hex() {
    if (columns == null) {
      throw new IllegalStateException("no columns: a result has at least its column names");
    }
    rows.sort(Arrays::compareUnsigned);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    CanonicalWriter head = new CanonicalWriter();
    head.writeArrayHeader(2).writeArrayHeader(columns.size());
    columns.forEach(head::writeString);
    head.writeArrayHeader(rows.size());
    sha.update(head.toByteArray());
    for (byte[] bytes : rows) {
      sha.update(bytes);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The hash of a result folder's rows (any engine's parts). */
  public static Summary of(Path dir) {
    List<Path> parts = ParquetResults.files(dir);
    if (parts.isEmpty()) {
      throw new ResultException(dir + " holds no Parquet file", null);
    }
    return of(parts);
  }

  /** The hash of the rows of these parts of one result. */
  public static Summary of(List<Path> parts) {
    ContentHash hash = new ContentHash();
    ParquetResults.read(parts, new ParquetResults.RowVisitor() {
      @Override
      public void columns(List<String> names) {
        hash.columns(names);
      }

      @Override
      public void row(Object[] values) {
        hash.row(values);
      }
    });
    return new Summary(hash.columns, hash.rowCount(), hash.hex());
  }

  /** A result's column names, row count and content hash. */
  public record Summary(List<String> columns, long rows, String contentHash) {
    public Summary {
      columns = List.copyOf(columns);
    }
  }

  static void write(CanonicalWriter out, Object value) {
    if (value == null) {
      out.writeNil();
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      out.writeInt(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      writeFloat(out, ((Number) value).doubleValue());
    } else if (value instanceof BigDecimal d) {
      out.writeString(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof LocalDate d) {
      out.writeString(d.toString());
    } else if (value instanceof LocalDateTime t) {
      out.writeString(TIMESTAMP.format(t));
    } else if (value instanceof byte[] bytes) {
      out.writeBinary(bytes);
    } else {
      throw new IllegalArgumentException("a result holds no " + value.getClass().getName());
    }
  }

  /**
   * Finite floats as the canonical writer writes them (with -0.0 as 0.0: engines disagree on the
   * sign of a zero result); NaN and the infinities, which hashed payloads refuse, by their one
   * bit pattern each, so that a result holding them still has a hash.
   */
  private static void writeFloat(CanonicalWriter out, double value) {
    if (Double.isFinite(value)) {
      out.writeFloat(value == 0.0 ? 0.0 : value);
      return;
    }
    long bits = Double.isNaN(value) ? 0x7ff8000000000000L : Double.doubleToLongBits(value);
    out.writeEncoded(ByteBuffer.allocate(9).put((byte) 0xcb).putLong(bits).array());
  }
}
