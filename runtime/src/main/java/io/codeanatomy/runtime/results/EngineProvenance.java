package io.codeanatomy.runtime.results;

import java.util.Objects;

/**
 * Which engine executed a run: recorded in the run manifest as provenance. It never enters a plan
 * fingerprint or the package fingerprint: the sealed plan is the same plan on every engine.
 *
 * @param name the engine ({@code embedded}, {@code spark})
 * @param version its version
 * @param master where it ran: a Spark master URL, {@code in-process} for the embedded engine
 */
public record EngineProvenance(String name, String version, String master) {

  public EngineProvenance {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(master, "master");
  }

  /** The embedded engine: Calcite's Enumerable engine in this JVM, at Calcite's version. */
  public static EngineProvenance embedded() {
    return new EngineProvenance("embedded", "calcite-" + calciteVersion(), "in-process");
  }

  private static String calciteVersion() {
    // calcite-core's manifest names its version.
    String version = org.apache.calcite.rel.RelNode.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
