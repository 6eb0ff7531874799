package io.codeanatomy.runtime.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.runtime.catalog.Column;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

  private static final List<Column> COLUMNS = List.of(
      Column.of("ID", SqlTypeName.BIGINT, false),
      Column.of("SMALL", SqlTypeName.INTEGER, true),
      Column.of("FLAG", SqlTypeName.BOOLEAN, true),
      Column.of("RATIO", SqlTypeName.DOUBLE, true),
      new Column("PRICE", SqlTypeName.DECIMAL, 15, 2, true),
      new Column("BIG", SqlTypeName.DECIMAL, 30, 4, true),
      Column.of("NAME", SqlTypeName.VARCHAR, true),
      Column.of("DAY", SqlTypeName.DATE, true),
      Column.of("AT", SqlTypeName.TIMESTAMP, true));

  private static List<List<Object>> rows() {
    List<List<Object>> rows = new ArrayList<>();
    rows.add(Arrays.asList(1L, 7, true, 0.5, new BigDecimal("12.30"),
        new BigDecimal("-12345678901234567890.1234"), "é and ü", LocalDate.of(1995, 3, 25),
        LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000)));
    rows.add(Arrays.asList(2L, null, null, null, null, null, null, null, null));
    rows.add(Arrays.asList(3L, -1, false, -0.0, new BigDecimal("0.00"), BigDecimal.ONE, "",
        LocalDate.of(1969, 12, 31), LocalDateTime.of(1969, 12, 31, 23, 59, 59)));
    rows.add(Arrays.asList(3L, -1, false, -0.0, new BigDecimal("0.00"), BigDecimal.ONE, "",
        LocalDate.of(1969, 12, 31), LocalDateTime.of(1969, 12, 31, 23, 59, 59)));
    return rows;
  }

  @Test
  void rowsReadBackAsWritten(@TempDir Path tmp) {
    Path dir = tmp.resolve("view");
    ParquetResults.write(dir, COLUMNS, rows());
    List<Object[]> read = new ArrayList<>();
    List<List<String>> names = new ArrayList<>();
    ParquetResults.read(dir, new ParquetResults.RowVisitor() {
      @Override
      public void columns(List<String> columns) {
        names.add(columns);
      }

      @Override
      public void row(Object[] values) {
        read.add(values);
      }
    });
    assertEquals(List.of(COLUMNS.stream().map(Column::name).toList()), names);
    assertEquals(4, read.size());
    assertEquals(Arrays.asList(1L, 7L, true, 0.5, new BigDecimal("12.30"),
        new BigDecimal("-12345678901234567890.1234"), "é and ü", LocalDate.of(1995, 3, 25),
        LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000)), Arrays.asList(read.get(0)));
    assertEquals(Arrays.asList(2L, null, null, null, null, null, null, null, null),
        Arrays.asList(read.get(1)));
  }

  @Test
  void theContentHashIsAMultisetHash(@TempDir Path tmp) {
    List<List<Object>> rows = rows();
    ParquetResults.write(tmp.resolve("a"), COLUMNS, rows);
    List<List<Object>> shuffled = new ArrayList<>(rows);
    Collections.reverse(shuffled);
    ParquetResults.write(tmp.resolve("b"), COLUMNS, shuffled);
    ContentHash.Summary a = ContentHash.of(tmp.resolve("a"));
    assertEquals(4, a.rows());
    assertEquals(a, ContentHash.of(tmp.resolve("b")), "row order does not matter");

    // One duplicate fewer is another multiset.
    ParquetResults.write(tmp.resolve("c"), COLUMNS, rows.subList(0, 3));
    assertNotEquals(a.contentHash(), ContentHash.of(tmp.resolve("c")).contentHash());
  }

  @Test
  void theContentHashIgnoresTypeWidthsAndDecimalScales(@TempDir Path tmp) {
    List<Column> wide = List.of(Column.of("ID", SqlTypeName.BIGINT, true),
        new Column("PRICE", SqlTypeName.DECIMAL, 25, 6, true),
        Column.of("RATIO", SqlTypeName.DOUBLE, true));
    List<Column> narrow = List.of(Column.of("ID", SqlTypeName.INTEGER, false),
        new Column("PRICE", SqlTypeName.DECIMAL, 7, 2, false),
        Column.of("RATIO", SqlTypeName.REAL, false));
    ParquetResults.write(tmp.resolve("wide"), wide,
        List.of(List.of(5L, new BigDecimal("1.500000"), 0.25)));
    ParquetResults.write(tmp.resolve("narrow"), narrow,
        List.of(List.of(5, new BigDecimal("1.50"), 0.25f)));
    assertEquals(ContentHash.of(tmp.resolve("wide")), ContentHash.of(tmp.resolve("narrow")));
  }

  @Test
  void theContentHashIsPinned() {
    // Pinned by its specification (docs/spark.md): a change here changes every recorded hash.
    ContentHash hash = new ContentHash();
    hash.columns(List.of("A", "B"));
    hash.row(new Object[] {2L, "x"});
    hash.row(new Object[] {1L, null});
    // canonical [["A","B"], [[1, nil], [2, "x"]]]
    byte[] expected = {(byte) 0x92, (byte) 0x92, (byte) 0xa1, 'A', (byte) 0xa1, 'B',
        (byte) 0x92, (byte) 0x92, 0x01, (byte) 0xc0, (byte) 0x92, 0x02, (byte) 0xa1, 'x'};
    assertEquals(io.codeanatomy.contracts.canonical.Sha256.hex(expected), hash.hex());
  }

  @Test
  void aFolderThatExistsIsNotOverwritten(@TempDir Path tmp) {
    ResultException e = assertThrows(ResultException.class,
        () -> ParquetResults.write(tmp, COLUMNS, rows()));
    assertTrue(e.getMessage().contains("exists already"), e.getMessage());
  }
}
