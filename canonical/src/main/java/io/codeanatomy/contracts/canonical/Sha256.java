package io.codeanatomy.contracts.canonical;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lowercase hex, the only hash form contracts use. */
public final class Sha256 {

  private static final HexFormat HEX = HexFormat.of();

  // MessageDigest.getInstance walks the provider list on every call; one digest per thread avoids
  // that on hot paths (plan fingerprints, settings hashes) and is reset by digest().
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** The SHA-256 of {@code bytes} as 64 lowercase hex characters. */
  public static String hex(byte[] bytes) {
    return hex(bytes, 0, bytes.length);
  }

  /** The SHA-256 of {@code length} bytes of {@code bytes} from {@code offset}, as lowercase hex. */
  public static String hex(byte[] bytes, int offset, int length) {
    MessageDigest digest = DIGEST.get();
    digest.update(bytes, offset, length);
    return HEX.formatHex(digest.digest());
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text} (strict: unpaired surrogates rejected). */
  public static String hexOfUtf8(String text) {
    return hex(Utf8.bytes(text));
  }

  /** Whether {@code value} looks like a SHA-256 hex digest: exactly 64 lowercase hex characters. */
  public static boolean isHex(String value) {
    if (value == null || value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform is required to provide SHA-256.
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
