package io.codeanatomy.examples.quickstart;

import io.codeanatomy.contracts.annotations.Contract;

/** One page the crawler fetched: a contract nested in the crawl report. */
@Contract(name = "page_visit", version = 1)
public record PageVisit(String url, int status, long bytes, int depth) {}
