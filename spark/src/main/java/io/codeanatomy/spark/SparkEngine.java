package io.codeanatomy.spark;

import io.codeanatomy.runtime.catalog.Column;
import io.codeanatomy.runtime.catalog.RegisteredTable;
import io.codeanatomy.runtime.exec.QueryResult;
import io.codeanatomy.runtime.plan.PlanBundle;
import io.codeanatomy.runtime.plan.SealedPlans;
import io.codeanatomy.runtime.plan.SubstraitConversionException;
import io.codeanatomy.runtime.plan.UserFunction;
import io.codeanatomy.runtime.plan.UserFunctions;
import io.codeanatomy.runtime.results.EngineProvenance;
import io.codeanatomy.runtime.results.ParquetResults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Executes plan bundles' sealed Substrait bytes on Apache Spark, in local mode or against a master
 * URL. A bundle is checked ({@link SparkSupport}), read back into Calcite
 * ({@link SealedPlans#read}), rendered as Spark SQL ({@link SparkSqlRendering}) and run over the
 * tables registered here under the names the plan scans; the result gets the plan's sealed column
 * names and types. Spark returns rows in no particular order, as the plan allows unless it sorts.
 *
 * <p>Thread-safe: Spark sessions are. {@link #close()} stops the Spark context when this engine
 * started it, and leaves a shared one (see {@link #on}) running.
 */
public final class SparkEngine implements AutoCloseable {

  /** The engine's name in run provenance. */
  public static final String NAME = "spark";

  /** How long a remote master has to answer a TCP connect. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How long a standalone master has to give the application its first executor. */
  private static final Duration EXECUTOR_TIMEOUT = Duration.ofSeconds(60);

  private final SparkSession spark;
  private final boolean ownsContext;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  /** The session functions registered with Spark, by name; plans may call these. */
  private final Map<String, UserFunction> functions = new ConcurrentHashMap<>();

  private SparkEngine(SparkSession spark, boolean ownsContext) {
    this.spark = spark;
    this.ownsContext = ownsContext;
  }

  /**
   * Starts Spark against {@code master} with the engine's settings and {@code conf} over them.
   *
   * @throws EngineUnavailableException when the master does not answer within 10 s, refuses the
   *     application, or (standalone) gives it no executor within 60 s
   */
  public static SparkEngine start(String master, Map<String, String> conf) {
    Objects.requireNonNull(master, "master");
    Masters.checkReachable(master, CONNECT_TIMEOUT);
    SparkSession.Builder builder = SparkSession.builder().master(master)
        .appName("codeanatomy");
    defaults(master).forEach(builder::config);
    conf.forEach(builder::config);
    SparkSession session;
    try {
      session = builder.getOrCreate();
    } catch (RuntimeException e) {
      throw new EngineUnavailableException("Spark did not start against " + master + ": "
          + firstLine(e), e);
    }
    SparkEngine engine = new SparkEngine(session, true);
    if (Masters.isStandalone(master)) {
      engine.awaitExecutor(master);
    }
    return engine;
  }

  /**
   * An engine on a Spark context someone else started (tests share one): its own Spark session,
   * so its tables are its own; closing it leaves the context running.
   */
  public static SparkEngine on(SparkSession shared) {
    SparkSession session = shared.newSession();
    defaults(shared.sparkContext().master()).forEach((key, value) -> {
      if (!key.startsWith("spark.driver.") && !key.startsWith("spark.ui.")
          && !key.equals("spark.sql.shuffle.partitions")) {
        session.conf().set(key, value);
      }
    });
    return new SparkEngine(session, false);
  }

  /**
   * The settings every engine runs with: results must not depend on the machine's zone, and
   * values cross the boundary as {@code java.time} types.
   */
  static Map<String, String> defaults(String master) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.sql.datetime.java8API.enabled", "true");
    // Output files are exactly the result: no _SUCCESS marker beside the Parquet files.
    conf.put("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
    conf.put("spark.ui.enabled", "false");
    if (Masters.isLocal(master)) {
      // Nothing outside this machine talks to a local driver.
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put("spark.sql.shuffle.partitions",
          String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
    }
    return conf;
  }

  private void awaitExecutor(String master) {
    long deadline = System.nanoTime() + EXECUTOR_TIMEOUT.toNanos();
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < 2) {
      if (System.nanoTime() > deadline) {
        spark.stop();
        throw new EngineUnavailableException("the Spark master " + master + " gave the "
            + "application no executor within " + EXECUTOR_TIMEOUT.toSeconds() + " s (are "
            + "workers registered, with free cores and memory?)", null);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        spark.stop();
        throw new EngineUnavailableException("interrupted while waiting for an executor from "
            + master, e);
      }
    }
  }

  /** This engine as a run records it: name, Spark's version, the master URL. */
  public EngineProvenance provenance() {
    return new EngineProvenance(NAME, spark.version(), spark.sparkContext().master());
  }

  /** The Spark session (for inspection: executed plans in tests). */
  public SparkSession session() {
    return spark;
  }

  /**
   * Registers a session's table with Spark under its name, with the same rows (cached by Spark
   * once loaded): the table's
   * current snapshot as the session's catalog read, checked and converted it. For a memory table
   * that is its rows; for a CSV listing, the rows the catalog read from its files under the
   * session's scan settings (partition directories, subdirectories, listing cache), so that
   * Spark sees exactly the table the embedded engine sees rather than what Spark's own CSV reader
   * would make of the files (its header, empty-field and partition rules differ).
   *
   * @throws UnsupportedPlanException for a column type the engine does not load, or a decimal
   *     Spark would round
   */
  public void register(RegisteredTable table) {
    String name = table.schema().name().toUpperCase(Locale.ROOT);
    StructType schema = SparkTypes.schema(table.schema());
    List<Column> columns = table.schema().columns();
    DataType[] types = new DataType[columns.size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = schema.fields()[c].dataType();
    }
    List<Object[]> internal = table.rows();
    List<Row> rows = new ArrayList<>(internal.size());
    for (int r = 0; r < internal.size(); r++) {
      Object[] values = internal.get(r);
      Object[] converted = new Object[values.length];
      for (int c = 0; c < values.length; c++) {
        converted[c] = SparkTypes.internalToSpark(values[c], columns.get(c).type(), types[c]);
        if (converted[c] instanceof java.math.BigDecimal decimal
            && types[c] instanceof org.apache.spark.sql.types.DecimalType declared
            && !SparkTypes.fits(decimal, declared)) {
          // Spark would round it to the column's scale: another table than the session's.
          throw new UnsupportedPlanException("table " + name + ", row " + (r + 1) + ", column "
              + columns.get(c).name() + ": " + decimal.toPlainString() + " does not fit "
              + columns.get(c).describe() + "; Spark would round it");
        }
      }
      rows.add(RowFactory.create(converted));
    }
    // Rows built on the driver travel to the executors with the tasks that scan them; cached
    // (memory, spilling to disk), they travel once and every later query of the run reads
    // Spark's columnar cache instead of shipping the table again.
    Dataset<Row> data = spark.createDataFrame(rows, schema)
        .persist(StorageLevel.MEMORY_AND_DISK());
    data.count();
    data.createOrReplaceTempView(name);
    registered.add(name);
  }

  /**
   * Registers a session's scalar user-defined functions with Spark under their stable names
   * ({@link SparkUserFunction}: the same methods the embedded engine runs), so that plans calling
   * them run here. Aggregates are not registered: a plan that calls one is refused.
   *
   * @throws UnsupportedPlanException for a function of a type Spark does not hold or of more
   *     parameters than it takes
   */
  public void register(UserFunctions sessionFunctions) {
    for (UserFunction function : sessionFunctions.byName().values()) {
      if (function.method().isEmpty()) {
        continue;
      }
      SparkUserFunction.register(spark, function);
      functions.put(function.name(), function);
    }
  }

  /**
   * Prepares a bundle: checks its Substrait plan, reads it back and renders it as Spark SQL.
   *
   * @throws UnsupportedPlanException naming the relation, function, table or type the engine
   *     does not run; nothing has executed then
   */
  public SparkQuery prepare(PlanBundle bundle) {
    byte[] substrait = bundle.substrait();
    SparkSupport.Checked checked = SparkSupport.check(bundle.name(), substrait,
        functions.keySet());
    List<String> missing = checked.tables().stream().filter(t -> !registered.contains(t))
        .toList();
    if (!missing.isEmpty()) {
      throw new UnsupportedPlanException(bundle.name() + ": the plan scans "
          + String.join(", ", missing) + ", which " + (missing.size() == 1 ? "is" : "are")
          + " not registered with the Spark engine");
    }
    Map<String, String> aliases = new java.util.TreeMap<>();
    byte[] distinct = SparkSupport.distinctScans(checked.plan(), aliases).toByteArray();
    aliases.forEach((alias, table) -> spark.table("`" + table + "`")
        .createOrReplaceTempView(alias));
    SealedPlans.Root root;
    try {
      root = SealedPlans.read(distinct, UserFunctions.of(functions.values()));
    } catch (SubstraitConversionException e) {
      throw new UnsupportedPlanException(bundle.name() + ": " + e.getMessage(), e);
    }
    RelRoot rel = root.root();
    List<RelDataType> types = new ArrayList<>();
    for (RelDataTypeField field : rel.validatedRowType.getFieldList()) {
      RelDataType type = field.getType();
      if (type.isStruct()) {
        throw new UnsupportedPlanException(bundle.name() + ": output column " + field.getName()
            + " is a struct; the Spark engine returns flat rows only");
      }
      SparkTypes.type(type, bundle.name() + ": output column " + field.getName());
      types.add(type);
    }
    if (root.names().size() != types.size()) {
      throw new UnsupportedPlanException(bundle.name() + ": the plan names "
          + root.names().size() + " output columns but has " + types.size());
    }
    String sql;
    try {
      sql = SparkSqlRendering.sql(rel.project());
    } catch (RuntimeException e) {
      throw new UnsupportedPlanException(bundle.name() + ": Calcite cannot render the plan as "
          + "Spark SQL: " + firstLine(e), e);
    }
    return new SparkQuery(bundle.name(), sql, root.names(), types, checked.tables());
  }

  /** The bundle as a Spark dataset (lazy), with the plan's column names and types. */
  public Dataset<Row> dataset(PlanBundle bundle) {
    return dataset(prepare(bundle));
  }

  public Dataset<Row> dataset(SparkQuery query) {
    Dataset<Row> result = spark.sql(query.sql());
    if (result.columns().length != query.names().size()) {
      throw new IllegalStateException(query.name() + ": Spark's result has "
          + result.columns().length + " columns, the plan " + query.names().size());
    }
    org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[query.names()
        .size()];
    for (int c = 0; c < columns.length; c++) {
      DataType expected = SparkTypes.type(query.types().get(c), query.name());
      org.apache.spark.sql.Column column = result.col("`" + result.columns()[c]
          .replace("`", "``") + "`");
      if (!result.schema().fields()[c].dataType().equals(expected)) {
        column = column.cast(expected);
      }
      columns[c] = column.as(query.names().get(c));
    }
    return result.select(columns);
  }

  /** Runs the bundle and returns every row, as the embedded engine's Java values. */
  public QueryResult execute(PlanBundle bundle) {
    SparkQuery query = prepare(bundle);
    List<Row> rows = dataset(query).collectAsList();
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<Object> converted = new ArrayList<>(row.length());
      for (int c = 0; c < row.length(); c++) {
        SqlTypeName type = query.types().get(c).getSqlTypeName();
        converted.add(SparkTypes.fromSpark(row.get(c), type));
      }
      values.add(converted);
    }
    return new QueryResult(query.names(), values);
  }

  /**
   * Runs the bundle and writes its rows as Parquet files into {@code dir} (a folder of part
   * files, which must not exist yet), compressed as the embedded engine compresses them
   * ({@link ParquetResults#CODEC}: no native library needed to write or to verify them).
   */
  public void writeParquet(PlanBundle bundle, Path dir) {
    dataset(bundle).write().mode(SaveMode.ErrorIfExists)
        .option("compression", ParquetResults.CODEC.name().toLowerCase(Locale.ROOT))
        .parquet(dir.toAbsolutePath().toUri().toString());
    // Hadoop's local file system leaves a hidden .crc checksum beside each part; the result is
    // the parts (run.json records their SHA-256), so the checksums go.
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".crc")) {
          java.nio.file.Files.delete(file);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot tidy " + dir, e);
    }
  }

  @Override
  public void close() {
    if (ownsContext) {
      spark.stop();
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
