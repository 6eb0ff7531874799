package io.codeanatomy.examples.quickstart;

import io.codeanatomy.contracts.annotations.AbsentAs;
import io.codeanatomy.contracts.annotations.Bag;
import io.codeanatomy.contracts.annotations.Contract;
import io.codeanatomy.contracts.annotations.Provenance;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a crawl produced, hashed as its identity: two crawls of the same seed under the same
 * settings that visited the same pages have the same hash, in whatever order the pages were
 * visited and whenever they finished.
 *
 * <p>Version 2: the pages it nests went to {@code page_visit} version 2.
 */
@Contract(name = "crawl_report", version = 2, layout = Contract.Layout.ORDERED_PAIRS)
public record CrawlReport(
    String seedUrl,
    String settingsHash,
    @Bag List<PageVisit> pages,
    Map<String, Long> statusCounts,
    @AbsentAs(AbsentAs.Form.EMPTY_STRING) Optional<String> robotsTxtHash,
    @Provenance long finishedAtUnixMs)
    implements CrawlReportContract.Mixin {}
