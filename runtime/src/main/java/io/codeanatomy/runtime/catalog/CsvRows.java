package io.codeanatomy.runtime.catalog;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads a CSV table: one file, or the {@code *.csv} files of a directory (in name order, so that
 * row order does not depend on the file system), descending into subdirectories only when the
 * scan settings say so. Values are read by Jackson's CSV parser and converted by column type.
 */
final class CsvRows {

  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .build();

  private CsvRows() {}

  static List<Object[]> read(TableSchema schema, Path location, ScanSettings settings,
      ListingCache listings) {
    List<Object[]> rows = new ArrayList<>();
    for (Path file : listings.files(location, settings)) {
      readFile(schema, file, partitions(location, file, settings), rows);
    }
    return rows;
  }

  static List<Path> list(Path location, boolean ignoreSubdirectory) {
    if (Files.isRegularFile(location)) {
      return List.of(location);
    }
    if (!Files.isDirectory(location)) {
      throw new CatalogException(location + " is neither a CSV file nor a directory of them");
    }
    try (Stream<Path> files = ignoreSubdirectory ? Files.list(location) : Files.walk(location)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".csv"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CatalogException("cannot list " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * The {@code key=value} directories between a listing table's root and one of its files, when
   * the scan settings infer partitions: columns the files do not hold take their value from them.
   */
  private static Map<String, String> partitions(Path root, Path file, ScanSettings settings) {
    Map<String, String> values = new HashMap<>();
    if (!settings.inferPartitions() || !Files.isDirectory(root)) {
      return values;
    }
    Path relative = root.relativize(file.getParent());
    for (Path segment : relative) {
      String text = segment.toString();
      int eq = text.indexOf('=');
      if (eq > 0) {
        values.put(text.substring(0, eq).toUpperCase(Locale.ROOT), text.substring(eq + 1));
      }
    }
    return values;
  }

  private static void readFile(TableSchema schema, Path file, Map<String, String> partitions,
      List<Object[]> rows) {
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class)
        .readValues(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      if (!it.hasNext()) {
        throw new CatalogException(file + " is empty: a CSV table file starts with a header");
      }
      String[] header = it.next();
      int[] positions = new int[schema.columns().size()];
      for (int c = 0; c < positions.length; c++) {
        String name = schema.columns().get(c).name();
        positions[c] = -1;
        for (int h = 0; h < header.length; h++) {
          if (header[h].strip().equalsIgnoreCase(name)) {
            positions[c] = h;
          }
        }
        if (positions[c] < 0 && !partitions.containsKey(name.toUpperCase(Locale.ROOT))) {
          throw new CatalogException(file + ": the header has no column " + name + " of table "
              + schema.name() + (partitions.isEmpty() ? "" : ", nor does a partition directory"));
        }
      }
      int line = 1;
      while (it.hasNext()) {
        String[] record = it.next();
        line++;
        String where = file + " line " + line;
        Object[] values = new Object[positions.length];
        for (int c = 0; c < positions.length; c++) {
          Column column = schema.columns().get(c);
          String text = positions[c] < 0
              ? partitions.get(column.name().toUpperCase(Locale.ROOT))
              : positions[c] < record.length ? record[positions[c]] : null;
          // An empty field is null, except in a text column, where it is the empty string.
          boolean isNull = text == null || text.isEmpty() && column.type() != SqlTypeName.VARCHAR
              && column.type() != SqlTypeName.CHAR;
          values[c] = Values.internal(column, isNull ? null : text, where);
        }
        rows.add(values);
      }
    } catch (IOException e) {
      throw new CatalogException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
