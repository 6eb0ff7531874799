package io.codeanatomy.processor.lock;

import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.compat.Change;
import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.Compatibility;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.Snapshot;
import io.codeanatomy.processor.diagnostics.DiagnosticCode;
import io.codeanatomy.processor.resolve.ResolvedSet;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.report.DiagnosticPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Compares a compilation with its lock. Every incompatible change is an error at the declaration
 * that made it; compatible news (new items, bumped versions) are notes. With {@code update}, a
 * clean compilation rewrites the lock: that is how a version is released.
 */
public final class LockCheck {

  /** What the check found, and the lock to put in the jar (the released one when updating). */
  public record Result(boolean failed, Optional<Lock> lock) {}

  private LockCheck() {}

  /**
   * @param manifest the compilation's manifest
   * @param lockFile where the lock is; it need not exist yet
   * @param update whether to rewrite the lock when the compilation is clean
   */
  public static Result run(ResolvedSet set, Manifest manifest, Path lockFile, boolean update,
      DiagnosticPrinter printer) {
    Snapshot current;
    try {
      current = Snapshot.of(manifest);
    } catch (CompatInputException e) {
      printer.print(Origin.of(lockFile.toString()), DiagnosticCode.INTERNAL_ERROR.tag()
          + " the manifest of this compilation cannot be compared: " + e.getMessage());
      return new Result(true, Optional.empty());
    }
    Lock lock;
    if (Files.exists(lockFile)) {
      try {
        lock = Lock.read(lockFile);
      } catch (CompatInputException e) {
        printer.print(Origin.of(lockFile.toString()), DiagnosticCode.UNREADABLE_LOCK.tag() + " "
            + e.getMessage() + "; fix the file, or restore it from version control");
        return new Result(true, Optional.empty());
      }
    } else if (update) {
      lock = Lock.empty(set.name());
    } else {
      printer.note("codeanatomy: no lock at " + lockFile + ", so compatibility is not checked; "
          + "create it with -Dcodeanatomy.lock.update=true (Maven) or -Acodeanatomy.lock.update=true");
      return new Result(false, Optional.empty());
    }
    Compatibility.Report report;
    try {
      report = Compatibility.check(lock, current, update);
    } catch (CompatInputException e) {
      printer.print(Origin.of(lockFile.toString()), DiagnosticCode.UNREADABLE_LOCK.tag() + " "
          + lockFile + ": " + e.getMessage());
      return new Result(true, Optional.empty());
    }
    ChangeLocator locator = new ChangeLocator(set);
    for (Change change : report.changes()) {
      Optional<Origin> origin = locator.locate(change.subject());
      printer.print(origin.orElse(Origin.of(lockFile.toString())), change.render());
    }
    if (!report.compatible()) {
      return new Result(true, Optional.of(lock));
    }
    if (!update) {
      report.notes().forEach(note -> printer.note("codeanatomy: " + note));
      return new Result(false, Optional.of(lock));
    }
    Lock released = lock.release(current);
    try {
      byte[] bytes = released.render();
      if (!Files.exists(lockFile) || !Arrays.equals(Files.readAllBytes(lockFile), bytes)) {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        Files.write(lockFile, bytes);
        printer.note("codeanatomy: wrote " + lockFile);
      }
    } catch (IOException e) {
      printer.print(Origin.of(lockFile.toString()), DiagnosticCode.UNREADABLE_LOCK.tag()
          + " cannot write " + lockFile + ": " + e.getMessage());
      return new Result(true, Optional.empty());
    }
    return new Result(false, Optional.of(released));
  }
}
