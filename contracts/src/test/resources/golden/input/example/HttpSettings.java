package example;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Golden input: one setting of every supported type. */
@SettingsSchema(namespace = "server.http", version = 2)
public record HttpSettings(
    @Setting(defaultValue = "8080", min = "1", max = "65535", planningAffecting = true,
        doc = "The port to listen on.")
    int port,

    @Setting(defaultValue = "true", doc = "Whether connections are kept alive.")
    boolean keepAlive,

    @Setting(defaultValue = "10000000000", doc = "Requests served before a restart.")
    long maxRequests,

    @Setting(defaultValue = "0.75", min = "0", max = "1", doc = "Connection pool load factor.")
    double loadFactor,

    @Setting(defaultValue = "localhost", planningAffecting = true, doc = "The host name.")
    String host,

    @Setting(defaultValue = "gzip", doc = "Response compression.")
    Compression compression,

    @Setting(defaultValue = "30s", min = "1s", max = "1h", doc = "Idle connection timeout.")
    Duration idleTimeout,

    @Setting(defaultValue = "8MiB", unit = Setting.Unit.BYTES, doc = "Largest request body.")
    long maxBodySize,

    @Setting(defaultValue = "GET,POST", doc = "Methods the server answers.")
    List<String> allowedMethods,

    @Setting(doc = "Outbound proxy; unset for direct connections.")
    Optional<String> proxy,

    @Setting(defaultValue = "4", min = "1", doc = "Worker threads; unset means one per core.")
    OptionalInt workers,

    @Setting(unit = Setting.Unit.BYTES, doc = "Response cache size; unset disables the cache.")
    OptionalLong cacheSize,

    @Setting(min = "0", max = "1", doc = "Fraction of requests traced.")
    OptionalDouble sampleRate,

    @Setting(doc = "Grace period on shutdown.")
    Optional<Duration> shutdownGrace,

    @Setting(doc = "Compression when the client refuses the preferred one.")
    Optional<Compression> fallbackCompression,

    @Setting(defaultValue = "false", featureGate = true, doc = "Whether HTTP/3 is offered.")
    boolean http3,

    @Setting(key = "tls.enabled", defaultValue = "false", scope = Setting.Scope.RUNTIME,
        doc = "Whether TLS is on.")
    boolean tlsEnabled)
    implements HttpSettingsContract.Mixin {}
