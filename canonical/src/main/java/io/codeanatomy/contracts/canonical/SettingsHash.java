package io.codeanatomy.contracts.canonical;

import java.util.Arrays;
import java.util.Map;

/**
 * The two hashes over settings snapshots (docs/domain.md, sections 2 and 3). The processor computes the
 * expected hash of every profile with these methods at compile time; generated code computes the
 * actual hash with the same methods at run time.
 */
public final class SettingsHash {

  private SettingsHash() {}

  /**
   * The settings hash: SHA-256 of the canonical MessagePack array of {@code [key, value]} pairs
   * sorted by the UTF-8 bytes of the key.
   */
  public static String of(Map<String, String> settings) {
    return new CanonicalWriter(64 * settings.size() + 16).writeSortedPairs(settings).sha256Hex();
  }

  /**
   * The feature-gate parity hash, the one hash the old Python and Rust sides already shared:
   * SHA-256 of the UTF-8 text {@code key=value} for every gate, sorted by key, joined with
   * {@code |}.
   */
  public static String featureGateParity(Map<String, String> gates) {
    String[] keys = gates.keySet().toArray(new String[0]);
    Arrays.sort(keys, Utf8.COMPARATOR);
    StringBuilder text = new StringBuilder();
    for (String key : keys) {
      if (text.length() > 0) {
        text.append('|');
      }
      text.append(key).append('=').append(gates.get(key));
    }
    return Sha256.hexOfUtf8(text.toString());
  }
}
