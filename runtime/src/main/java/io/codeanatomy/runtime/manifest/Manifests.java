package io.codeanatomy.runtime.manifest;

import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.manifest.ManifestJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Finds contract manifests on the class path, one per contract set jar, and reads them with
 * compat's strict reader ({@link ManifestJson}). Every problem is a
 * {@link CompatInputException} naming the resource; the manifests are immutable and may be
 * shared between threads.
 */
public final class Manifests {

  /** Where the processor puts the manifest in a jar. */
  public static final String RESOURCE = "META-INF/codeanatomy/contracts.manifest.json";

  private Manifests() {}

  /** Reads a manifest file. */
  public static Manifest read(Path file) {
    return ManifestJson.read(file);
  }

  /** Every manifest on the class path of {@code loader}, one per contract set jar. */
  public static List<Manifest> onClassPath(ClassLoader loader) {
    List<Manifest> manifests = new ArrayList<>();
    Enumeration<URL> urls;
    try {
      urls = loader.getResources(RESOURCE);
    } catch (IOException e) {
      throw new CompatInputException("cannot list the manifests on the class path: "
          + e.getMessage(), e);
    }
    while (urls.hasMoreElements()) {
      URL url = urls.nextElement();
      try (InputStream in = url.openStream()) {
        manifests.add(ManifestJson.read(in, url.toString()));
      } catch (IOException e) {
        throw new CompatInputException(url + " cannot be read: " + e.getMessage(), e);
      }
    }
    return manifests;
  }

  /** The manifest of the contract set named {@code name} on the class path of {@code loader}. */
  public static Manifest onClassPath(ClassLoader loader, String contractSet) {
    List<Manifest> all = onClassPath(loader);
    return all.stream().filter(m -> contractSet.equals(m.contractSet())).findFirst()
        .orElseThrow(() -> new CompatInputException("no manifest of contract set '"
            + contractSet + "' on the class path; found: "
            + all.stream().map(Manifest::contractSet).toList()));
  }
}
