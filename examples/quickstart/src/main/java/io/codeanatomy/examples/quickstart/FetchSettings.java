package io.codeanatomy.examples.quickstart;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;
import java.time.Duration;
import java.util.List;

/** How the crawler fetches pages. */
@SettingsSchema(namespace = "crawler.fetch", version = 1)
public record FetchSettings(
    @Setting(defaultValue = "16", min = "1", max = "1024",
        doc = "Connections open at the same time, across all hosts.")
    int maxConnections,

    @Setting(defaultValue = "30s", min = "1s", max = "10m",
        doc = "How long a request may take before it is abandoned.")
    Duration requestTimeout,

    @Setting(defaultValue = "codeanatomy-quickstart/1.0",
        doc = "The User-Agent header sent with every request.")
    String userAgent,

    @Setting(defaultValue = "2MiB", unit = Setting.Unit.BYTES, min = "1KiB",
        doc = "Pages larger than this are truncated.")
    long maxPageSize,

    @Setting(defaultValue = "true", doc = "Whether HTTP redirects are followed.")
    boolean followRedirects,

    @Setting(defaultValue = "en", doc = "Languages asked for in Accept-Language, in order.")
    List<String> acceptLanguages)
    implements FetchSettingsContract.Mixin {}
