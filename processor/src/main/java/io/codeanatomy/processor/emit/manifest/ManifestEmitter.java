package io.codeanatomy.processor.emit.manifest;

import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import io.codeanatomy.processor.resolve.ManifestEntries;
import io.codeanatomy.processor.resolve.ResolvedSet;

/**
 * The manifest of a contract set: compat's typed manifest of the resolved set, rendered by the
 * one manifest writer ({@link ManifestJson}).
 */
public final class ManifestEmitter {

  /** Where the manifest goes in the class output, and so in the jar. */
  public static final String RESOURCE = "META-INF/codeanatomy/contracts.manifest.json";

  private ManifestEmitter() {}

  /** The manifest of everything the set declares. */
  public static Manifest manifest(ResolvedSet set) {
    return ManifestEntries.manifest(set);
  }

  /** The manifest's bytes: UTF-8 JSON, two-space indentation, {@code \n} line ends. */
  public static byte[] render(Manifest manifest) {
    return ManifestJson.render(manifest);
  }
}
