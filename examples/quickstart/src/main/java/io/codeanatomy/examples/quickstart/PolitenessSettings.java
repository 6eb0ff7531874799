package io.codeanatomy.examples.quickstart;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;
import java.time.Duration;
import java.util.OptionalInt;

/** How gently the crawler treats the sites it visits, and how far it goes. */
@SettingsSchema(namespace = "crawler.politeness", version = 1)
public record PolitenessSettings(
    @Setting(defaultValue = "1s", min = "0s", doc = "Pause between two requests to one host.")
    Duration delay,

    @Setting(defaultValue = "true", featureGate = true,
        doc = "Whether robots.txt rules are obeyed.")
    boolean respectRobotsTxt,

    @Setting(defaultValue = "3", min = "0", max = "64", planningAffecting = true,
        doc = "How many links deep the crawl goes from its seeds; it shapes the crawl plan.")
    int maxDepth,

    @Setting(min = "1", doc = "Connections per host; unset means no per-host limit.")
    OptionalInt perHostLimit)
    implements PolitenessSettingsContract.Mixin {}
