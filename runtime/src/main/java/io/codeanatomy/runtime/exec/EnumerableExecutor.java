package io.codeanatomy.runtime.exec;

import io.codeanatomy.runtime.plan.PlanBundle;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Runs physical plans on Calcite's Enumerable engine: the plan is compiled to Java by Calcite's
 * own code generator and bound to a data context over the session's schema. A Calcite connection
 * is held only to serve as that context's query provider; the plan is never re-planned.
 */
public final class EnumerableExecutor implements AutoCloseable {

  private final SchemaPlus schema;
  private final CalciteConnection connection;

  /**
   * @param schema the schema the plan's tables live in
   * @throws IllegalStateException when Calcite's JDBC driver cannot open a connection
   */
  public EnumerableExecutor(SchemaPlus schema) {
    this.schema = schema;
    try {
      Properties properties = new Properties();
      properties.setProperty("timeZone", "UTC");
      Connection jdbc = DriverManager.getConnection("jdbc:calcite:", properties);
      this.connection = jdbc.unwrap(CalciteConnection.class);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open Calcite's embedded engine: " + e.getMessage(),
          e);
    }
  }

  /**
   * Runs the bundle's physical plan and returns every row.
   *
   * @throws IllegalArgumentException when the plan changes data: that runs only through
   *     {@link #executeUpdate}, which the session guards with the table's version
   */
  public QueryResult execute(PlanBundle bundle) {
    if (modifies(bundle.executable())) {
      throw new IllegalArgumentException(bundle.name() + ": the plan changes data; it runs "
          + "through the session's executeUpdate");
    }
    return run(bundle);
  }

  /**
   * Runs a data-changing plan (one with a {@code TableModify}) and returns the affected row
   * count, which is the plan's one row.
   */
  public long executeUpdate(PlanBundle bundle) {
    if (!modifies(bundle.executable())) {
      throw new IllegalArgumentException(bundle.name() + ": the plan changes no data");
    }
    QueryResult result = run(bundle);
    if (result.rows().size() != 1 || result.columns().size() != 1
        || !(result.rows().get(0).get(0) instanceof Number count)) {
      throw new IllegalStateException(bundle.name() + ": a data-changing plan returns one row "
          + "count, got " + result.rows());
    }
    return count.longValue();
  }

  private static boolean modifies(RelNode plan) {
    return plan instanceof TableModify
        || plan.getInputs().stream().anyMatch(EnumerableExecutor::modifies);
  }

  /** A physical plan compiled to Java: the code and the values it reads from its context. */
  private record Compiled(Bindable<Object> bindable, Map<String, Object> stashed) {}

  /**
   * Each physical plan compiled once: the plan cache hands the same bundle out again, and the
   * code it compiles to does not change (it reads the tables' rows when it runs). Weak keys
   * (plans compare by identity): a plan the cache dropped goes with its code.
   */
  private final Map<EnumerableRel, Compiled> compiled =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final java.util.concurrent.atomic.AtomicLong compiledHits =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong compiledMisses =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * The counters of the compiled-code cache: a hit runs code compiled before, a miss compiles.
   * Every miss adds one entry, so entries the garbage collector took with their plan are the
   * misses less the entries left: its evictions.
   */
  public io.codeanatomy.contracts.relspec.CacheStats cacheStats() {
    long misses = compiledMisses.get();
    long entries = compiled.size();
    return io.codeanatomy.contracts.relspec.CacheStats.newBuilder()
        .setCache(io.codeanatomy.contracts.relspec.CacheKind.COMPILED_PLAN)
        .setEntries(entries)
        .setHits(compiledHits.get())
        .setMisses(misses)
        .setEvictions(Math.max(0, misses - entries))
        .build();
  }

  private Compiled compile(PlanBundle bundle) {
    // Compiling reads the plan's metadata and type factory, so one thread at a time per plan;
    // the others wait and take its code. The code runs outside the lock, in parallel.
    return bundle.withPhysicalPlan(plan -> {
      Compiled code = compiled.get(plan);
      (code == null ? compiledMisses : compiledHits).incrementAndGet();
      if (code == null) {
        Map<String, Object> stashed = new HashMap<>();
        // toBindable is declared raw; its rows are arrays, or values for a one-column plan.
        @SuppressWarnings("unchecked")
        Bindable<Object> bindable = EnumerableInterpretable.toBindable(stashed, null, plan,
            EnumerableRel.Prefer.ARRAY);
        code = new Compiled(bindable, Collections.unmodifiableMap(stashed));
        compiled.put(plan, code);
      }
      return code;
    });
  }

  private QueryResult run(PlanBundle bundle) {
    Compiled code = compile(bundle);
    Enumerable<Object> enumerable = code.bindable().bind(new RunContext(code.stashed()));
    List<RelDataTypeField> fields = bundle.executable().getRowType().getFieldList();
    List<String> columns = fields.stream().map(RelDataTypeField::getName).toList();
    List<List<Object>> rows = new ArrayList<>();
    for (Object row : enumerable) {
      // A plan of one column yields the values themselves, not one-element arrays.
      Object[] values = fields.size() == 1 && !(row instanceof Object[]) ? new Object[] {row}
          : (Object[]) row;
      List<Object> converted = new ArrayList<>(values.length);
      for (int i = 0; i < values.length; i++) {
        converted.add(external(fields.get(i).getType().getSqlTypeName(), values[i]));
      }
      rows.add(converted);
    }
    return new QueryResult(columns, rows);
  }

  /**
   * What compiled code reads while it runs: the session's schema, and the values the code
   * generator stashed for it (a plan that stashes one finds it here, under the name the
   * generated code asks for).
   */
  private final class RunContext implements DataContext {
    private final Map<String, Object> stashed;

    RunContext(Map<String, Object> stashed) {
      this.stashed = stashed;
    }

    @Override
    public SchemaPlus getRootSchema() {
      return schema;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return connection.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return connection;
    }

    @Override
    public Object get(String name) {
      return stashed.get(name);
    }
  }

  /** Calcite's internal representation back to the Java values JDBC would return. */
  static Object external(SqlTypeName type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
      case TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) value).longValue(),
          1000), Math.floorMod(((Number) value).longValue(), 1000) * 1_000_000,
          ZoneOffset.UTC);
      default -> value instanceof Object[] array ? Arrays.asList(array) : value;
    };
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close Calcite's embedded engine", e);
    }
  }
}
