package io.codeanatomy.runtime.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/** Reads contract manifests from files and from the class path. */
public final class Manifests {

  /** Where the processor puts the manifest in a jar. */
  public static final String RESOURCE = "META-INF/codeanatomy/contracts.manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Manifests() {}

  /** Reads a manifest file. */
  public static ContractManifest read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new ManifestException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every manifest on the class path of {@code loader}, one per contract set jar. */
  public static List<ContractManifest> onClassPath(ClassLoader loader) {
    List<ContractManifest> manifests = new ArrayList<>();
    try {
      Enumeration<URL> urls = loader.getResources(RESOURCE);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        try (InputStream in = url.openStream()) {
          manifests.add(parse(in, url.toString()));
        }
      }
    } catch (IOException e) {
      throw new ManifestException("cannot list manifests on the class path: " + e.getMessage(), e);
    }
    return manifests;
  }

  /** The manifest of the contract set named {@code name} on the class path of {@code loader}. */
  public static ContractManifest onClassPath(ClassLoader loader, String contractSet) {
    List<ContractManifest> all = onClassPath(loader);
    return all.stream().filter(m -> contractSet.equals(m.contractSet())).findFirst()
        .orElseThrow(() -> new ManifestException("no manifest of contract set '" + contractSet
            + "' on the class path; found: "
            + all.stream().map(ContractManifest::contractSet).toList()));
  }

  private static ContractManifest parse(InputStream in, String source) throws IOException {
    ContractManifest manifest;
    try {
      manifest = JSON.readValue(in, ContractManifest.class);
    } catch (JsonProcessingException e) {
      throw new ManifestException("manifest " + source + " is not valid: "
          + e.getOriginalMessage(), e);
    }
    if (manifest == null || !ContractManifest.FORMAT.equals(manifest.format())) {
      throw new ManifestException("manifest " + source + " has format "
          + (manifest == null ? "nothing" : "'" + manifest.format() + "'") + ", expected '"
          + ContractManifest.FORMAT + "'");
    }
    if (manifest.contractSet() == null) {
      throw new ManifestException("manifest " + source + " names no contract set");
    }
    return manifest;
  }
}
