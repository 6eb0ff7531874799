package io.codeanatomy.runtime.artifacts;

import java.io.IOException;

/**
 * A place a run cannot be written to (a file, a device, a folder that holds other files, a
 * folder nothing can be written in): found before any work, so it is a usage error, not a
 * failure of the run.
 */
public final class RunLocationException extends IOException {

  private static final long serialVersionUID = 1L;

  public RunLocationException(String message) {
    super(message);
  }

  public RunLocationException(String message, Throwable cause) {
    super(message, cause);
  }
}
