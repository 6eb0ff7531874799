package io.codeanatomy.examples.quickstart;

import io.codeanatomy.contracts.annotations.Contract;
import java.util.Optional;

/**
 * One page the crawler fetched: a contract nested in the crawl report.
 *
 * <p>Version 2 added {@code contentType}. It enters the hash, so the version went up (rule
 * {@code CA202}), and so did the crawl report's, which nests it ({@code CA207}); both versions
 * are in {@code contracts.lock.json}, and a reader can still accept version 1 payloads:
 * {@code RecordPayloads.of(PageVisit.class).accepting(1)}.
 */
@Contract(name = "page_visit", version = 2)
public record PageVisit(String url, int status, long bytes, int depth,
    Optional<String> contentType) {}
