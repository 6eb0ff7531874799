package io.codeanatomy.examples.pipeline;

import io.codeanatomy.runtime.catalog.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic sample of a code base's anatomy: files, the definitions in them with byte
 * spans, call sites inside those spans, symbols, name references and imports. The same seed and
 * size give the same rows, in the same order, on every machine.
 */
public final class AnatomyData {

  /** The tables, as CREATE TABLE statements (parsed once into schemas). */
  public static final String DDL = """
      CREATE TABLE FILES (
        FILE_ID BIGINT NOT NULL, PATH VARCHAR(200) NOT NULL, LANG VARCHAR(16) NOT NULL);
      CREATE TABLE DEFINITIONS (
        DEF_ID BIGINT NOT NULL, FILE_ID BIGINT NOT NULL, NAME VARCHAR(64) NOT NULL,
        KIND VARCHAR(16) NOT NULL, SPAN_START BIGINT NOT NULL, SPAN_END BIGINT NOT NULL);
      CREATE TABLE CALL_SITES (
        CALL_ID BIGINT NOT NULL, FILE_ID BIGINT NOT NULL, CALLEE VARCHAR(64) NOT NULL,
        SPAN_START BIGINT NOT NULL, SPAN_END BIGINT NOT NULL);
      CREATE TABLE SYMBOLS (
        SYMBOL_ID BIGINT NOT NULL, NAME VARCHAR(64) NOT NULL, DEF_ID BIGINT NOT NULL);
      CREATE TABLE NAME_REFS (
        REF_ID BIGINT NOT NULL, FILE_ID BIGINT NOT NULL, NAME VARCHAR(64) NOT NULL,
        SPAN_START BIGINT NOT NULL, SPAN_END BIGINT NOT NULL);
      CREATE TABLE IMPORTS (
        IMPORT_ID BIGINT NOT NULL, FILE_ID BIGINT NOT NULL, TARGET_PATH VARCHAR(200) NOT NULL);
      """;

  /** The default size: a few thousand rows in all. */
  public static final int DEFAULT_ROWS = 4_000;

  private static final long SEED = 0x5EED_C0DEL;
  private static final int DEFINITIONS_PER_FILE = 8;
  private static final int SPAN = 100;

  private AnatomyData() {}

  public static List<TableSchema> schemas() {
    return TableSchema.fromDdl(DDL);
  }

  /**
   * About {@code rows} rows over all tables, by table name.
   *
   * @throws IllegalArgumentException for fewer than 100 rows
   */
  public static Map<String, List<List<Object>>> generate(int rows) {
    if (rows < 100) {
      throw new IllegalArgumentException("the sample needs at least 100 rows, got " + rows);
    }
    // Per file: 8 definitions and symbols, ~10 call sites, ~6 references, ~2 imports.
    int files = Math.max(2, rows / 35);
    SplittableRandom random = new SplittableRandom(SEED);
    List<List<Object>> fileRows = new ArrayList<>();
    List<List<Object>> definitions = new ArrayList<>();
    List<List<Object>> calls = new ArrayList<>();
    List<List<Object>> symbols = new ArrayList<>();
    List<List<Object>> refs = new ArrayList<>();
    List<List<Object>> imports = new ArrayList<>();
    String[] languages = {"python", "rust", "java"};
    for (long f = 1; f <= files; f++) {
      fileRows.add(List.of(f, path(f), languages[(int) (f % languages.length)]));
      for (int d = 0; d < DEFINITIONS_PER_FILE; d++) {
        long defId = (f - 1) * DEFINITIONS_PER_FILE + d + 1;
        long start = (long) d * SPAN;
        definitions.add(List.of(defId, f, name(defId), d == 0 ? "class" : "function", start,
            start + SPAN - 10));
        symbols.add(List.of(defId, name(defId), defId));
      }
    }
    long definitionCount = (long) files * DEFINITIONS_PER_FILE;
    long callId = 1;
    long refId = 1;
    long importId = 1;
    for (long f = 1; f <= files; f++) {
      int callCount = 6 + random.nextInt(9);
      for (int c = 0; c < callCount; c++) {
        // Inside one of the file's definitions, calling any definition (or an unknown name).
        long start = (long) random.nextInt(DEFINITIONS_PER_FILE) * SPAN + 5 + random.nextInt(70);
        String callee = random.nextInt(10) == 0 ? "external_" + random.nextInt(50)
            : name(1 + random.nextLong(definitionCount));
        calls.add(List.of(callId++, f, callee, start, start + 8));
      }
      int refCount = 3 + random.nextInt(7);
      for (int r = 0; r < refCount; r++) {
        long start = random.nextInt(DEFINITIONS_PER_FILE * SPAN - 10);
        String name = random.nextInt(8) == 0 ? "unresolved_" + random.nextInt(30)
            : name(1 + random.nextLong(definitionCount));
        refs.add(List.of(refId++, f, name, start, start + 6));
      }
      int importCount = 1 + random.nextInt(3);
      for (int i = 0; i < importCount; i++) {
        String target = random.nextInt(6) == 0 ? "vendor/lib_" + random.nextInt(20) + ".py"
            : path(1 + random.nextLong(files));
        imports.add(List.of(importId++, f, target));
      }
    }
    Map<String, List<List<Object>>> tables = new TreeMap<>();
    tables.put("FILES", fileRows);
    tables.put("DEFINITIONS", definitions);
    tables.put("CALL_SITES", calls);
    tables.put("SYMBOLS", symbols);
    tables.put("NAME_REFS", refs);
    tables.put("IMPORTS", imports);
    return tables;
  }

  private static String path(long file) {
    return String.format(Locale.ROOT, "src/module_%03d/file_%05d.py", file % 97, file);
  }

  private static String name(long definition) {
    return String.format(Locale.ROOT, "fn_%06d", definition);
  }
}
