package example;

import io.codeanatomy.contracts.annotations.PlanningPolicy;
import io.codeanatomy.contracts.annotations.Profile;

/** Golden input: a policy with a parent chain, an unset and a hyphenated profile name. */
@PlanningPolicy(name = "server", version = 1)
@Profile(name = "default", doc = "The shipped defaults.")
@Profile(name = "dev", extendsProfile = "default", doc = "Local development.",
    set = {"server.http.port=8081", "server.log.level=debug",
        "server.http.proxy=http://proxy:3128", "server.http.idle_timeout=2m"})
@Profile(name = "prod", extendsProfile = "default",
    set = {"server.http.cache_size=1GiB", "server.http.sample_rate=0.01",
        "server.http.allowed_methods=GET,POST,PUT,DELETE", "server.log.structured=true",
        "server.http.shutdown_grace=90s", "server.http.fallback_compression=none"},
    unset = {"server.http.workers"})
@Profile(name = "edge-small", extendsProfile = "prod",
    set = {"server.http.max_body_size=512KiB", "server.http.http3=true",
        "server.http.load_factor=0.5", "server.http.tls.enabled=true"})
public record ServerPolicy(HttpSettings http, LogSettings log) implements ServerPolicyContract.Mixin {}
