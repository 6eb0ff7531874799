package example;

import io.codeanatomy.contracts.annotations.Setting;
import io.codeanatomy.contracts.annotations.SettingsSchema;

/** Golden input: a second schema of the policy. */
@SettingsSchema(namespace = "server.log", version = 1)
public record LogSettings(
    @Setting(defaultValue = "info", doc = "The log level.")
    Level level,

    @Setting(defaultValue = "false", featureGate = true, doc = "Whether logs are JSON lines.")
    boolean structured) {

  /** Log levels. */
  public enum Level {
    DEBUG,
    INFO,
    WARN
  }
}
