package io.codeanatomy.runtime.relspec;

import io.codeanatomy.contracts.relspec.ExecutionPackage;
import io.codeanatomy.contracts.relspec.ExecutionPackageContract;
import io.codeanatomy.contracts.support.ContractViolationException;
import io.codeanatomy.contracts.support.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seals execution packages: checks the component hashes, derives {@code package_fingerprint} (the
 * package's hash, over the nine hashed fields), and stamps {@code created_at_unix_ms} from the
 * injected clock, or from an explicit time when a package is replayed, so that a replay
 * reproduces the package byte for byte.
 */
public final class ExecutionPackageAssembler {

  private final Clock clock;

  /** @param clock where creation times come from; {@code Clock.systemUTC()} in production */
  public ExecutionPackageAssembler(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Seals {@code components}, stamping the clock's current time. */
  public ExecutionPackage assemble(ExecutionPackage components) {
    return assemble(components, clock.millis());
  }

  /**
   * Seals {@code components} with an explicit creation time: for deterministic replay.
   *
   * @throws ContractViolationException naming every component hash that is not a SHA-256 digest
   */
  public ExecutionPackage assemble(ExecutionPackage components, long createdAtUnixMs) {
    List<Violation> violations = ExecutionPackageContract.validate(components);
    if (!violations.isEmpty()) {
      throw new ContractViolationException("execution package", violations);
    }
    ExecutionPackage.Builder sealed = components.toBuilder()
        .setCreatedAtUnixMs(createdAtUnixMs);
    return sealed.setPackageFingerprint(ExecutionPackageContract.hash(sealed.build())).build();
  }

  /**
   * What differs between a package's recorded fingerprint and its content, and any component
   * hash that is malformed; empty when the package is intact.
   */
  public static List<String> verify(ExecutionPackage sealed) {
    List<String> problems = new ArrayList<>();
    ExecutionPackageContract.validate(sealed).forEach(v -> problems.add(v.toString()));
    String actual = ExecutionPackageContract.hash(sealed);
    if (!actual.equals(sealed.getPackageFingerprint())) {
      problems.add("package_fingerprint: recorded " + sealed.getPackageFingerprint()
          + ", but the content hashes to " + actual);
    }
    return problems;
  }
}
