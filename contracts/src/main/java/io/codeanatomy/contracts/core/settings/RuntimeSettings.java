package io.codeanatomy.contracts.core.settings;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The runtime environment: memory pool, spill directory and caches. Runtime scope: applied when
 * the engine's {@code RuntimeEnv} is built, not per session; none of these affects planning.
 */
@SettingsSchema(namespace = "datafusion.runtime", version = 1)
public record RuntimeSettings(
    @Setting(unit = Setting.Unit.BYTES, min = "1MiB", scope = Setting.Scope.RUNTIME,
        doc = "The memory pool's limit; unset means no limit.")
    OptionalLong memoryLimit,

    @Setting(scope = Setting.Scope.RUNTIME,
        doc = "The directory that spill files go to; unset uses the system's temporary directory.")
    Optional<String> tempDirectory,

    @Setting(defaultValue = "100GiB", unit = Setting.Unit.BYTES, min = "0",
        scope = Setting.Scope.RUNTIME,
        doc = "The most disk that spill files may use.")
    long maxTempDirectorySize,

    @Setting(defaultValue = "1MiB", unit = Setting.Unit.BYTES, min = "0",
        scope = Setting.Scope.RUNTIME,
        doc = "The size of the cache of file listings.")
    long listFilesCacheLimit,

    @Setting(min = "1s", scope = Setting.Scope.RUNTIME,
        doc = "How long a cached file listing stays valid; unset means until evicted.")
    Optional<Duration> listFilesCacheTtl,

    @Setting(defaultValue = "50MiB", unit = Setting.Unit.BYTES, min = "0",
        scope = Setting.Scope.RUNTIME,
        doc = "The size of the cache of file metadata (Parquet footers).")
    long metadataCacheLimit)
    implements RuntimeSettingsContract.Mixin {}
