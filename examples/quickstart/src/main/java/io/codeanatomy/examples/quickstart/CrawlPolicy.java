package io.codeanatomy.examples.quickstart;

import io.codeanatomy.contracts.annotations.PlanningPolicy;
import io.codeanatomy.contracts.annotations.Profile;

/** The crawler's policy: its settings and four named profiles. */
@PlanningPolicy(name = "crawler", version = 1)
@Profile(name = "default", doc = "The declared defaults.")
@Profile(name = "gentle", extendsProfile = "default",
    doc = "For small sites: few connections, long pauses.",
    set = {"crawler.fetch.max_connections=2", "crawler.politeness.delay=5s",
        "crawler.politeness.per_host_limit=1"})
@Profile(name = "aggressive", extendsProfile = "default",
    doc = "For your own sites: many connections, no pause.",
    set = {"crawler.fetch.max_connections=128", "crawler.politeness.delay=0s",
        "crawler.fetch.request_timeout=10s"})
@Profile(name = "archive", extendsProfile = "gentle",
    doc = "Deep archival crawls: gentle, but everything, in full.",
    set = {"crawler.politeness.max_depth=20", "crawler.fetch.max_page_size=64MiB",
        "crawler.fetch.accept_languages=en,de,fr,*"})
public record CrawlPolicy(FetchSettings fetch, PolitenessSettings politeness)
    implements CrawlPolicyContract.Mixin {}
