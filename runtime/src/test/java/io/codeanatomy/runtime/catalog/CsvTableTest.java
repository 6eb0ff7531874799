package io.codeanatomy.runtime.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.List;
import java.util.Optional;
import io.codeanatomy.contracts.relspec.CacheKind;
import io.codeanatomy.contracts.relspec.CacheStats;
import java.util.Set;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

  private static final TableSchema SALES = new TableSchema("SALES", List.of(
      Column.of("ID", SqlTypeName.BIGINT, false),
      new Column("AMOUNT", SqlTypeName.DECIMAL, 10, 2, true),
      Column.of("DAY", SqlTypeName.DATE, true),
      new Column("REGION", SqlTypeName.VARCHAR, 10, -1, true)));

  @TempDir
  Path dir;

  private static ScanSettings settings(boolean inferPartitions, boolean ignoreSubdirectory) {
    return new ScanSettings(true, 4, 1 << 20, Optional.empty(), inferPartitions,
        ignoreSubdirectory);
  }

  private static Catalog catalog(ScanSettings settings) {
    return new Catalog(settings, Set.of("csv", "memory"), Clock.systemUTC());
  }

  private void write(String relative, String text) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void aFileIsReadByHeaderNameIntoCalcitesRepresentation() throws Exception {
    write("sales.csv", "region,id,day,amount\neu,1,2024-02-29,12.50\nus,2,,\n");
    RegisteredTable table = catalog(settings(false, true))
        .ensureAndGet(new TableSource.Csv(SALES, dir.resolve("sales.csv")));
    assertEquals(2, table.rows().size());
    Object[] first = table.rows().get(0);
    assertEquals(1L, first[0]);
    assertEquals(new BigDecimal("12.50"), first[1]);
    assertEquals((int) LocalDate.of(2024, 2, 29).toEpochDay(), first[2]);
    assertEquals("eu", first[3]);
    Object[] second = table.rows().get(1);
    assertNull(second[1], "an empty number is null");
    assertNull(second[2]);
    assertEquals(2.0, table.getStatistic().getRowCount());
  }

  @Test
  void aDirectoryIsReadInNameOrderAsTheScanSettingsSay() throws Exception {
    write("b.csv", "id,amount,day,region\n2,1,2024-01-02,x\n");
    write("a.csv", "id,amount,day,region\n1,1,2024-01-01,x\n");
    write("region=eu/c.csv", "id,amount,day\n3,1,2024-01-03\n");
    RegisteredTable flat = catalog(settings(false, true))
        .ensureAndGet(new TableSource.Csv(SALES, dir));
    assertEquals(List.of(1L, 2L), flat.rows().stream().map(r -> r[0]).toList());
    RegisteredTable deep = catalog(settings(true, false))
        .ensureAndGet(new TableSource.Csv(SALES, dir));
    assertEquals(List.of(1L, 2L, 3L), deep.rows().stream().map(r -> r[0]).toList());
    assertEquals("eu", deep.rows().get(2)[3], "the partition directory gives the column");
    CatalogException noPartitions = assertThrows(CatalogException.class,
        () -> catalog(settings(false, false)).ensureAndGet(new TableSource.Csv(SALES, dir)));
    assertTrue(noPartitions.getMessage().contains("the header has no column REGION"),
        noPartitions.getMessage());
  }

  @Test
  void badValuesNameTheFileLineAndColumn() throws Exception {
    write("sales.csv", "id,amount,day,region\n1,lots,2024-01-01,x\n");
    CatalogException e = assertThrows(CatalogException.class,
        () -> catalog(settings(false, true)).ensureAndGet(
            new TableSource.Csv(SALES, dir.resolve("sales.csv"))));
    assertTrue(e.getMessage().contains("sales.csv line 2: AMOUNT expects DECIMAL(10, 2), got "
        + "'lots'"), e.getMessage());
  }

  @Test
  void factoriesMustBeAllowed() {
    Catalog memoryOnly = new Catalog(settings(false, true), Set.of("memory"), Clock.systemUTC());
    CatalogException e = assertThrows(CatalogException.class,
        () -> memoryOnly.ensureRegistered(new TableSource.Csv(SALES, dir)));
    assertEquals("table SALES needs table factory 'csv', which the planning surface does not "
        + "allow (allowed: memory)", e.getMessage());
  }

  @Test
  void listingsAreCachedForTheirTtl() throws Exception {
    write("a.csv", "id,amount,day,region\n1,1,2024-01-01,x\n");
    Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    ScanSettings ttl = new ScanSettings(true, 4, 1 << 20, Optional.of(Duration.ofMinutes(1)),
        false, true);
    ListingCache cache = new ListingCache(clock, ttl);
    assertEquals(1, cache.files(dir, ttl).size());
    assertEquals(1, cache.files(dir, ttl).size(), "within the TTL the listing is cached");
    assertEquals(List.of(), cache.possiblyStale(), "the directory did not change");
    write("b.csv", "id,amount,day,region\n2,1,2024-01-02,x\n");
    assertEquals(1, cache.files(dir, ttl).size(), "within the TTL the listing is cached");
    // ... but the directory changed since it was listed: the hit is reported possibly stale.
    assertEquals(List.of(dir), cache.possiblyStale());
    CacheStats stats = cache.stats();
    assertEquals(CacheKind.LIST_FILES, stats.getCache());
    assertEquals(List.of(2L, 1L, 1L, 0L, 1L, 60L), List.of(stats.getHits(), stats.getMisses(),
        stats.getEntries(), stats.getEvictions(), stats.getPossiblyStaleHits(),
        stats.getTtlSeconds()));
    now[0] = now[0].plusSeconds(61);
    assertEquals(2, cache.files(dir, ttl).size(), "after it, the directory is listed again");
    assertEquals(1, cache.stats().getEvictions(), "the expired listing was evicted");
    assertEquals(2, cache.stats().getMisses());
    ScanSettings tiny = new ScanSettings(true, 4, 1, Optional.empty(), false, true);
    ListingCache small = new ListingCache(clock, tiny);
    assertEquals(2, small.files(dir, tiny).size());
    write("c.csv", "id,amount,day,region\n3,1,2024-01-03,x\n");
    assertEquals(3, small.files(dir, tiny).size(), "a listing over the limit is not cached");
  }
}
