package io.codeanatomy.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Master URLs: which ones run in this JVM, and whether a remote one answers at all. Spark itself
 * registers with a standalone master asynchronously and retries for about a minute before it
 * gives up, while the first job waits for resources forever; a bounded TCP connect first turns an
 * unreachable master into one clear error.
 */
final class Masters {

  private Masters() {}

  /** Whether the master runs inside this JVM ({@code local}, {@code local[4]}, ...). */
  static boolean isLocal(String master) {
    return master.equals("local") || master.startsWith("local[")
        || master.startsWith("local-cluster[");
  }

  /** Whether executors come from a standalone master ({@code spark://host:port[,host:port]}). */
  static boolean isStandalone(String master) {
    return master.startsWith("spark://");
  }

  /**
   * The host and port pairs a remote master is reached at; empty when Spark resolves it
   * elsewhere ({@code yarn} reads the Hadoop configuration).
   *
   * @throws EngineUnavailableException for a URL that names no host and port
   */
  static List<InetSocketAddress> addresses(String master) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    if (isStandalone(master)) {
      for (String hostPort : master.substring("spark://".length()).split(",")) {
        addresses.add(address(master, "spark://" + hostPort, 7077));
      }
    } else if (master.startsWith("k8s://")) {
      String url = master.substring("k8s://".length());
      addresses.add(address(master, url.contains("://") ? url : "https://" + url, 443));
    } else if (!master.equals("yarn") && !isLocal(master)) {
      throw new EngineUnavailableException("unknown Spark master URL '" + master + "': expected "
          + "local[N], local[*], spark://HOST:PORT, k8s://HOST:PORT or yarn", null);
    }
    return addresses;
  }

  private static InetSocketAddress address(String master, String url, int defaultPort) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new EngineUnavailableException("the Spark master URL '" + master
          + "' does not parse: " + e.getMessage(), e);
    }
    if (uri.getHost() == null) {
      throw new EngineUnavailableException("the Spark master URL '" + master
          + "' names no host", null);
    }
    return InetSocketAddress.createUnresolved(uri.getHost(),
        uri.getPort() < 0 ? defaultPort : uri.getPort());
  }

  /**
   * Connects to each address once, within {@code timeout}; fine when one answers.
   *
   * @throws EngineUnavailableException naming the master when none does
   */
  static void checkReachable(String master, Duration timeout) {
    List<InetSocketAddress> addresses = addresses(master);
    if (addresses.isEmpty()) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (InetSocketAddress unresolved : addresses) {
      InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(),
          unresolved.getPort());
      if (address.isUnresolved()) {
        failures.add(unresolved.getHostString() + ": unknown host");
        continue;
      }
      try (Socket socket = new Socket()) {
        socket.connect(address, (int) timeout.toMillis());
        return;
      } catch (IOException e) {
        failures.add(unresolved.getHostString() + ":" + unresolved.getPort() + ": "
            + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().toLowerCase(Locale.ROOT)));
      }
    }
    throw new EngineUnavailableException("cannot reach the Spark master " + master + " (waited "
        + timeout.toSeconds() + " s: " + String.join("; ", failures) + ")", null);
  }
}
