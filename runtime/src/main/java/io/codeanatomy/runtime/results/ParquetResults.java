package io.codeanatomy.runtime.results;

import io.codeanatomy.runtime.catalog.Column;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A result as Parquet: a folder of {@code *.parquet} part files with one flat schema, the layout
 * Spark writes and DataFusion and Spark read as one table. The embedded engine writes one part
 * ({@link #write}), LZ4-compressed ({@link #CODEC}), with Spark's physical types for each SQL type (integers as
 * INT32/INT64, decimals as INT32/INT64/fixed-length bytes by precision, text as UTF-8 strings,
 * dates as INT32 days, timestamps as INT64 microseconds without zone). {@link #read} reads any
 * engine's parts back as Java values.
 */
public final class ParquetResults {

  /** The name of the one part the embedded engine writes. */
  public static final String PART = "part-00000.parquet";

  /**
   * The compression of results: LZ4 in Parquet's raw framing, which parquet-java compresses and
   * decompresses in Java (aircompressor). Snappy, Spark's default, goes through snappy-java's
   * native library, which it first copies to the temporary folder: a full disk or a temporary
   * folder mounted noexec then fails the run, and verifying a run, with a linkage error.
   */
  public static final CompressionCodecName CODEC = CompressionCodecName.LZ4_RAW;

  private ParquetResults() {}

  /**
   * Writes {@code rows} (Java values of the columns' SQL types, as {@code QueryResult} holds
   * them) to {@code dir/part-00000.parquet}.
   *
   * @throws ResultException when the folder exists already or a file cannot be written
   */
  public static void write(Path dir, List<Column> columns, Iterable<List<Object>> rows) {
    if (Files.exists(dir)) {
      throw new ResultException(dir + " exists already: results are written to a new folder",
          null);
    }
    MessageType schema = schema(columns);
    Path file = dir.resolve(PART);
    try {
      Files.createDirectories(dir);
      try (ParquetWriter<List<Object>> writer = new Builder(new LocalOutputFile(file), schema,
          columns)
          .withWriteMode(ParquetFileWriter.Mode.CREATE)
          .withCompressionCodec(CODEC)
          .build()) {
        for (List<Object> row : rows) {
          writer.write(row);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ResultException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The Parquet schema of a result's columns. */
  static MessageType schema(List<Column> columns) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Column column : columns) {
      Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL
          : Type.Repetition.REQUIRED;
      message.addField(field(column, repetition));
    }
    return message.named("result");
  }

  private static PrimitiveType field(Column column, Type.Repetition repetition) {
    return switch (column.type()) {
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition)
          .named(column.name());
      case TINYINT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.intType(8, true)).named(column.name());
      case SMALLINT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.intType(16, true)).named(column.name());
      case INTEGER -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .named(column.name());
      case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case REAL -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(column.name());
      case FLOAT, DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition)
          .named(column.name());
      case DECIMAL -> decimal(column, repetition);
      case CHAR, VARCHAR -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
          .as(LogicalTypeAnnotation.stringType()).named(column.name());
      case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.dateType()).named(column.name());
      case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
          .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(column.name());
      default -> throw new ResultException("column " + column.name() + " has type "
          + column.type() + ", which results are not written in", null);
    };
  }

  private static PrimitiveType decimal(Column column, Type.Repetition repetition) {
    int precision = column.precision() < 0 ? 19 : column.precision();
    int scale = Math.max(column.scale(), 0);
    LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(scale, precision);
    if (precision <= 9) {
      return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation)
          .named(column.name());
    } else if (precision <= 18) {
      return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation)
          .named(column.name());
    }
    return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
        .length(bytesFor(precision)).as(annotation).named(column.name());
  }

  /** The fewest bytes whose two's complement holds every unscaled value of the precision. */
  private static int bytesFor(int precision) {
    BigInteger max = BigInteger.TEN.pow(precision);
    return max.bitLength() / 8 + 1;
  }

  private static final class Builder extends ParquetWriter.Builder<List<Object>, Builder> {
    private final MessageType schema;
    private final List<Column> columns;

    Builder(LocalOutputFile file, MessageType schema, List<Column> columns) {
      super(file);
      this.schema = schema;
      this.columns = columns;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<List<Object>> getWriteSupport(ParquetConfiguration conf) {
      return new RowWriteSupport(schema, columns);
    }

    // Abstract in parquet-java (and deprecated there for the overload above): Hadoop's
    // Configuration is still in its signature, which is why hadoop-client-api is on the path.
    @Deprecated
    @Override
    protected WriteSupport<List<Object>> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema, columns);
    }
  }

  /** Writes one row as one record, column by column. */
  private static final class RowWriteSupport extends WriteSupport<List<Object>> {
    private final MessageType schema;
    private final List<Column> columns;
    private RecordConsumer out;

    RowWriteSupport(MessageType schema, List<Column> columns) {
      this.schema = schema;
      this.columns = columns;
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, Map.of());
    }

    // Abstract in parquet-java, deprecated there for the overload above.
    @Deprecated
    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(List<Object> row) {
      out.startMessage();
      for (int c = 0; c < columns.size(); c++) {
        Object value = row.get(c);
        if (value == null) {
          continue;
        }
        Column column = columns.get(c);
        out.startField(column.name(), c);
        PrimitiveType type = schema.getType(c).asPrimitiveType();
        switch (column.type()) {
          case BOOLEAN -> out.addBoolean((Boolean) value);
          case TINYINT, SMALLINT, INTEGER -> out.addInteger(((Number) value).intValue());
          case BIGINT -> out.addLong(((Number) value).longValue());
          case REAL -> out.addFloat(((Number) value).floatValue());
          case FLOAT, DOUBLE -> out.addDouble(((Number) value).doubleValue());
          case DECIMAL -> writeDecimal(type, (BigDecimal) value, column);
          case CHAR, VARCHAR -> out.addBinary(Binary.fromString(value.toString()));
          case DATE -> out.addInteger((int) ((LocalDate) value).toEpochDay());
          case TIMESTAMP -> {
            LocalDateTime time = (LocalDateTime) value;
            out.addLong(time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L
                + time.getNano() / 1_000);
          }
          default -> throw new IllegalStateException("checked by schema(): " + column.type());
        }
        out.endField(column.name(), c);
      }
      out.endMessage();
    }

    private void writeDecimal(PrimitiveType type, BigDecimal value, Column column) {
      int scale = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)
          type.getLogicalTypeAnnotation()).getScale();
      BigDecimal scaled;
      try {
        scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException e) {
        throw new ResultException("column " + column.name() + ": " + value.toPlainString()
            + " does not fit " + column.describe(), e);
      }
      BigInteger unscaled = scaled.unscaledValue();
      switch (type.getPrimitiveTypeName()) {
        case INT32 -> out.addInteger(unscaled.intValueExact());
        case INT64 -> out.addLong(unscaled.longValueExact());
        default -> {
          byte[] bytes = unscaled.toByteArray();
          int length = type.getTypeLength();
          if (bytes.length > length) {
            throw new ResultException("column " + column.name() + ": " + value.toPlainString()
                + " does not fit " + column.describe(), null);
          }
          byte[] padded = new byte[length];
          byte fill = (byte) (unscaled.signum() < 0 ? 0xff : 0);
          java.util.Arrays.fill(padded, 0, length - bytes.length, fill);
          System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
          out.addBinary(Binary.fromConstantByteArray(padded));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** What reading a result sees: its column names, then each row. */
  public interface RowVisitor {
    void columns(List<String> names);

    /**
     * One row: Boolean, Long (every integer), Double (every floating-point number),
     * BigDecimal, String, LocalDate, LocalDateTime, byte[] (binary), or null.
     */
    void row(Object[] values);
  }

  /**
   * The {@code *.parquet} files of a result folder, in name order (hidden files, such as
   * checksums, left out).
   *
   * @throws ResultException when the folder cannot be listed
   */
  public static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ResultException(dir + " is not a folder", null);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      throw new ResultException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every row of every part of a result folder.
   *
   * @throws ResultException when a file is not Parquet, the parts' schemas differ, or a column
   *     has a type results do not hold (nested, repeated, INT96)
   */
  public static void read(Path dir, RowVisitor visitor) {
    List<Path> files = files(dir);
    if (files.isEmpty()) {
      throw new ResultException(dir + " holds no Parquet file", null);
    }
    read(files, visitor);
  }

  /**
   * Reads every row of these parts of one result, in this order.
   *
   * @throws ResultException when there is no part, a file is not Parquet, the parts' schemas
   *     differ, or a column has a type results do not hold (nested, repeated, INT96)
   */
  public static void read(List<Path> parts, RowVisitor visitor) {
    if (parts.isEmpty()) {
      throw new ResultException("a result has at least one Parquet file", null);
    }
    List<String> names = null;
    for (Path file : parts) {
      try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        List<String> fileNames = new ArrayList<>();
        for (Type field : schema.getFields()) {
          if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
            throw new ResultException(file + ": column " + field.getName()
                + " is nested or repeated; results are flat", null);
          }
          fileNames.add(field.getName());
        }
        if (names == null) {
          names = fileNames;
          visitor.columns(List.copyOf(names));
        } else if (!names.equals(fileNames)) {
          throw new ResultException(file + ": columns " + fileNames + ", but the other parts "
              + "have " + names, null);
        }
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          RecordReader<Object[]> records = io.getRecordReader(pages, new Rows(schema));
          for (long r = 0; r < pages.getRowCount(); r++) {
            visitor.row(records.read());
          }
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof ResultException result) {
          throw result;
        }
        throw new ResultException(file + ": not a readable Parquet result: " + e.getMessage(),
            e);
      } catch (LinkageError e) {
        // A codec whose native library this JVM cannot load (snappy-java's, for a file that
        // names Snappy): the file cannot be read here, which is not a failure of the reader.
        throw new ResultException(file + ": cannot be decompressed in this JVM: " + e, e);
      }
    }
  }

  /** Materializes records as arrays of Java values. */
  private static final class Rows extends RecordMaterializer<Object[]> {
    private final Object[][] current = new Object[1][];
    private final GroupConverter root;

    Rows(MessageType schema) {
      int count = schema.getFieldCount();
      Converter[] converters = new Converter[count];
      for (int c = 0; c < count; c++) {
        converters[c] = converter(schema.getType(c).asPrimitiveType(), c);
      }
      root = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return converters[fieldIndex];
        }

        @Override
        public void start() {
          current[0] = new Object[count];
        }

        @Override
        public void end() {}
      };
    }

    @Override
    public Object[] getCurrentRecord() {
      return current[0];
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }

    private PrimitiveConverter converter(PrimitiveType type, int index) {
      LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
      String name = type.getName();
      return switch (type.getPrimitiveTypeName()) {
        case BOOLEAN -> new PrimitiveConverter() {
          @Override
          public void addBoolean(boolean value) {
            current[0][index] = value;
          }
        };
        case INT32 -> new PrimitiveConverter() {
          @Override
          public void addInt(int value) {
            current[0][index] = fromLong(value, logical, name);
          }
        };
        case INT64 -> new PrimitiveConverter() {
          @Override
          public void addLong(long value) {
            current[0][index] = fromLong(value, logical, name);
          }
        };
        case FLOAT -> new PrimitiveConverter() {
          @Override
          public void addFloat(float value) {
            current[0][index] = (double) value;
          }
        };
        case DOUBLE -> new PrimitiveConverter() {
          @Override
          public void addDouble(double value) {
            current[0][index] = value;
          }
        };
        case BINARY, FIXED_LEN_BYTE_ARRAY -> new PrimitiveConverter() {
          @Override
          public void addBinary(Binary value) {
            current[0][index] = fromBinary(value, logical);
          }
        };
        case INT96 -> throw new ResultException("column " + name + " is an INT96 timestamp "
            + "(Spark's legacy form); results hold timestamps as INT64", null);
      };
    }
  }

  private static final Map<LogicalTypeAnnotation.TimeUnit, Long> NANOS_PER = new HashMap<>(Map.of(
      LogicalTypeAnnotation.TimeUnit.MILLIS, 1_000_000L,
      LogicalTypeAnnotation.TimeUnit.MICROS, 1_000L,
      LogicalTypeAnnotation.TimeUnit.NANOS, 1L));

  private static Object fromLong(long value, LogicalTypeAnnotation logical, String column) {
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      return BigDecimal.valueOf(value, decimal.getScale());
    } else if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return LocalDate.ofEpochDay(value);
    } else if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation time) {
      long nanosPer = NANOS_PER.get(time.getUnit());
      long perSecond = 1_000_000_000L / nanosPer;
      return LocalDateTime.ofEpochSecond(Math.floorDiv(value, perSecond),
          (int) (Math.floorMod(value, perSecond) * nanosPer), ZoneOffset.UTC);
    } else if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
      if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer
          && !integer.isSigned() && integer.getBitWidth() == 64 && value < 0) {
        throw new ResultException("column " + column + ": unsigned 64-bit value "
            + Long.toUnsignedString(value) + " is beyond what results hold", null);
      }
      return value;
    }
    throw new ResultException("column " + column + " has logical type " + logical
        + ", which results do not hold", null);
  }

  private static Object fromBinary(Binary value, LogicalTypeAnnotation logical) {
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
      return new BigDecimal(new BigInteger(value.getBytes()), decimal.getScale());
    } else if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
      return new String(value.getBytes(), StandardCharsets.UTF_8);
    }
    return value.getBytes();
  }
}
