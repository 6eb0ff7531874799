package io.codeanatomy.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.compat.ItemKey;
import io.codeanatomy.compat.Kind;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.runtime.payload.ContractVersionException;
import io.codeanatomy.runtime.payload.PayloadException;
import io.codeanatomy.runtime.payload.Payloads;
import io.codeanatomy.runtime.payload.RecordPayloads;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading payloads across versions, on the quickstart's real history: {@code page_visit} and
 * {@code crawl_report} went to version 2 ({@code contracts.lock.json} records both versions, and
 * the build puts the lock into the jar).
 */
class PayloadVersionsTest {

  private static String v1Fingerprint;
  private static String v1ReportFingerprint;

  @BeforeAll
  static void readTheLock() throws Exception {
    try (InputStream in = PayloadVersionsTest.class
        .getResourceAsStream("/META-INF/codeanatomy/contracts.lock.json")) {
      Lock lock = Lock.read(in, "jar");
      v1Fingerprint = lock.histories().get(new ItemKey(Kind.CONTRACT, "page_visit"))
          .version(1).orElseThrow().schemaFingerprint();
      v1ReportFingerprint = lock.histories().get(new ItemKey(Kind.CONTRACT, "crawl_report"))
          .version(1).orElseThrow().schemaFingerprint();
    }
  }

  /** A page_visit payload as version 1 wrote it: no content_type. */
  private static String v1Visit(int version, String fingerprint) {
    return """
        {"contract": "page_visit", "version": %d, "schemaFingerprint": "%s",
         "payload": {"url": "https://example.org/", "status": 200, "bytes": 512, "depth": 0}}
        """.formatted(version, fingerprint);
  }

  @Test
  void anOlderVersionIsRefusedNamingBothSides() {
    ContractVersionException e = assertThrows(ContractVersionException.class,
        () -> RecordPayloads.of(PageVisit.class).fromJson(v1Visit(1, v1Fingerprint)));
    assertEquals("cannot read page_visit: this build reads page_visit version 2 (schema "
        + PageVisitContract.SCHEMA_FINGERPRINT.substring(0, 12) + "), but the payload is "
        + "page_visit version 1 (schema " + v1Fingerprint.substring(0, 12) + ")", e.getMessage());
  }

  @Test
  void anAcceptedOlderVersionIsReadIntoTheCurrentType() {
    PageVisit visit = RecordPayloads.of(PageVisit.class).accepting(1)
        .fromJson(v1Visit(1, v1Fingerprint)).value();
    assertEquals(new PageVisit("https://example.org/", 200, 512, 0, Optional.empty()), visit);
  }

  @Test
  void anAcceptedVersionStillChecksItsSchemaFingerprint() {
    ContractVersionException e = assertThrows(ContractVersionException.class,
        () -> RecordPayloads.of(PageVisit.class).accepting(1)
            .fromJson(v1Visit(1, "0".repeat(64))));
    assertTrue(e.expected().endsWith("or page_visit version 1 (schema "
        + v1Fingerprint.substring(0, 12) + ")"), e.expected());
    assertTrue(e.actual().endsWith("(schema 000000000000)"), e.actual());
  }

  @Test
  void anUnknownVersionIsRefused() {
    ContractVersionException e = assertThrows(ContractVersionException.class,
        () -> RecordPayloads.of(PageVisit.class).accepting(1)
            .fromJson(v1Visit(3, PageVisitContract.SCHEMA_FINGERPRINT)));
    assertTrue(e.actual().startsWith("page_visit version 3"), e.actual());
  }

  @Test
  void onlyReleasedOlderVersionsCanBeAccepted() {
    IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
        () -> RecordPayloads.of(PageVisit.class).accepting(2));
    assertEquals("page_visit is at version 2: only older versions can be accepted, not 2",
        newer.getMessage());
    IllegalArgumentException never = assertThrows(IllegalArgumentException.class,
        () -> RecordPayloads.of(PageVisit.class).accepting(0));
    assertEquals("page_visit version 0 was never released: the lock on the class path has "
        + "versions 1, 2", never.getMessage());
  }

  @Test
  void anUnknownContractListsTheKnownOnes() {
    PayloadException e = assertThrows(PayloadException.class, () -> Payloads.read(
        getClass().getClassLoader(), v1Visit(1, v1Fingerprint).replace("page_visit", "page_vist")));
    assertTrue(e.getMessage().contains("no contract of that name on the class path; known "
        + "contracts:"), e.getMessage());
    assertTrue(e.getMessage().contains("page_visit"), e.getMessage());
  }

  @Test
  void aNestingContractReadsItsOlderPayloadsWithTheirOlderPages() {
    String v1Report = """
        {"contract": "crawl_report", "version": 1, "schemaFingerprint": "%s",
         "payload": {"seed_url": "https://example.org/", "settings_hash": "", "pages": [
           {"url": "https://example.org/", "status": 200, "bytes": 512, "depth": 0}],
          "status_counts": {"200": 1}, "robots_txt_hash": null, "finished_at_unix_ms": 7}}
        """.formatted(v1ReportFingerprint);
    CrawlReport report = RecordPayloads.of(CrawlReport.class).accepting(1).fromJson(v1Report)
        .value();
    assertEquals(List.of(new PageVisit("https://example.org/", 200, 512, 0, Optional.empty())),
        report.pages());
    assertEquals(Map.of("200", 1L), report.statusCounts());
  }
}
