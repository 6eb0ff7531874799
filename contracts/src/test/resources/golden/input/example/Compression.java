package example;

/** Golden input: an enum-typed setting. */
public enum Compression {
  NONE,
  GZIP,
  ZSTD
}
