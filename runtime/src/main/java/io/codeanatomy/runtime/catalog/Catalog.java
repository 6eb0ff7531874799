package io.codeanatomy.runtime.catalog;

import java.time.Clock;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.tools.Frameworks;

/**
 * The tables of a session, under one Calcite root schema. There is one way in:
 * {@link #ensureRegistered} (a command: registers, or checks that an equal table is already
 * there) and {@link #ensureAndGet} (a query that registers first when needed). Both apply the
 * scan settings; nothing else creates a table.
 */
public final class Catalog {

  private final ScanSettings scanSettings;
  private final Set<String> allowedFactories;
  private final ListingCache listings;
  private final SchemaPlus root = Frameworks.createRootSchema(false);
  private final SortedMap<String, RegisteredTable> tables = new TreeMap<>();
  private final AtomicLong changes = new AtomicLong();

  /**
   * @param allowedFactories the table factories the planning surface allows, by logical name
   */
  public Catalog(ScanSettings scanSettings, Set<String> allowedFactories, Clock clock) {
    this.scanSettings = scanSettings;
    this.allowedFactories = Set.copyOf(allowedFactories);
    this.listings = new ListingCache(clock, scanSettings);
  }

  public ScanSettings scanSettings() {
    return scanSettings;
  }

  /** The table factories the planning surface allows, by logical name, sorted. */
  public java.util.SortedSet<String> allowedFactories() {
    return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(allowedFactories));
  }

  /**
   * Registers {@code source} under its schema's name, unless a table of that name with the same
   * source is registered already (then nothing happens: registering is idempotent).
   *
   * @throws CatalogException when another table has the name, the factory is not allowed, or
   *     the rows do not fit the schema
   */
  public synchronized void ensureRegistered(TableSource source) {
    String name = key(source.schema().name());
    RegisteredTable existing = tables.get(name);
    if (existing != null) {
      if (!existing.source().equals(source)) {
        throw new CatalogException("table " + source.schema().name() + " is registered already, "
            + "from another source; a session's tables do not change shape");
      }
      return;
    }
    if (!allowedFactories.contains(source.factory())) {
      throw new CatalogException("table " + source.schema().name() + " needs table factory '"
          + source.factory() + "', which the planning surface does not allow (allowed: "
          + String.join(", ", allowedFactories.stream().sorted().toList()) + ")");
    }
    for (Column column : source.schema().columns()) {
      if (!Values.isSupported(column.type())) {
        throw new CatalogException("table " + source.schema().name() + ", column "
            + column.name() + ": type " + column.type() + " is not supported");
      }
    }
    RegisteredTable table;
    if (source instanceof TableSource.Memory memory) {
      table = new MemoryTable(memory, scanSettings,
          () -> MemoryRows.convert(memory.schema(), memory.rows()), changes);
    } else {
      TableSource.Csv csv = (TableSource.Csv) source;
      table = new CsvTable(csv, scanSettings,
          () -> CsvRows.read(csv.schema(), csv.location(), scanSettings, listings), changes);
    }
    tables.put(name, table);
    root.add(name, table);
  }

  /**
   * Registers a function (a relation planner's table macro) under {@code name}: functions live
   * beside the tables, in the same schema, and are resolved the same case-insensitive way.
   */
  public synchronized void registerFunction(String name, org.apache.calcite.schema.Function function) {
    root.add(key(name), function);
  }

  /** The table {@code source} registers, registering it first if needed. */
  public synchronized RegisteredTable ensureAndGet(TableSource source) {
    ensureRegistered(source);
    return tables.get(key(source.schema().name()));
  }

  /** The registered table of that name (any case), if there is one. */
  public synchronized Optional<RegisteredTable> table(String name) {
    return Optional.ofNullable(tables.get(key(name)));
  }

  /**
   * How many times the rows of any table changed: while it stays the same, no table's version
   * moved, and a cached plan need not check the versions of the tables it read one by one.
   */
  public long changes() {
    return changes.get();
  }

  /** Every table, by upper-case name. */
  public synchronized SortedMap<String, RegisteredTable> tables() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(tables));
  }

  /** The counters of the catalog's caches: its directory listings. */
  public java.util.List<io.codeanatomy.contracts.relspec.CacheStats> cacheStats() {
    return java.util.List.of(listings.stats());
  }

  /**
   * The CSV table locations whose cached listing was served after their directory changed
   * (possibly stale), each once, in the order found.
   */
  public java.util.List<java.nio.file.Path> possiblyStaleListings() {
    return listings.possiblyStale();
  }

  /** The Calcite schema the tables live in. */
  public SchemaPlus rootSchema() {
    return root;
  }

  /** Table names are case-insensitive, as unquoted SQL identifiers are: kept upper case. */
  private static String key(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}
