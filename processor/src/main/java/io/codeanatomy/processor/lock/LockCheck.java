package io.codeanatomy.processor.lock;

import io.codeanatomy.compat.Change;
import io.codeanatomy.compat.CompatInputException;
import io.codeanatomy.compat.Compatibility;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.processor.diagnostics.DiagnosticCode;
import io.codeanatomy.processor.diagnostics.Problem;
import io.codeanatomy.processor.model.Origin;
import io.codeanatomy.processor.resolve.ResolvedSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compares a compilation's resolved contracts with its lock, before anything is written: every
 * incompatible change is a problem at the declaration that made it (found by
 * {@link ChangeLocator}); compatible news (new items, bumped versions) are notes. Nothing here
 * prints; the reporting package does. A release rewrites the lock only when it is asked for and
 * the compilation is clean ({@link #write}).
 */
public final class LockCheck {

  /**
   * What comparing with the lock found.
   *
   * @param problems every incompatible change, each at its declaration, and an unreadable lock
   * @param notes compatible news worth telling
   * @param lock the lock to put in the jar (so that readers know the released versions): the
   *     released one when releasing, the one read otherwise; empty when there is none
   * @param release the lock to write back to the source tree; present only when a release was
   *     asked for and nothing is incompatible
   */
  public record Outcome(List<Problem> problems, List<String> notes, Optional<Lock> lock,
      Optional<Lock> release) {
    public Outcome {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }

    public boolean failed() {
      return !problems.isEmpty();
    }
  }

  private LockCheck() {}

  /**
   * @param set the compilation's resolved contracts, to locate each change
   * @param manifest the manifest of {@code set}
   * @param lockFile where the lock is; it need not exist yet
   * @param releasing whether a release was asked for ({@code codeanatomy.lock.update})
   */
  public static Outcome check(ResolvedSet set, Manifest manifest, Path lockFile,
      boolean releasing) {
    Origin atLock = Origin.of(lockFile.toString());
    Lock lock;
    if (Files.exists(lockFile)) {
      try {
        lock = Lock.read(lockFile);
      } catch (CompatInputException e) {
        return failure(new Problem(DiagnosticCode.UNREADABLE_LOCK, atLock, e.getMessage()
            + "; fix the file, or restore it from version control"));
      }
    } else if (releasing) {
      lock = Lock.empty(set.name());
    } else {
      return new Outcome(List.of(), List.of("codeanatomy: no lock at " + lockFile
          + ", so compatibility is not checked; create it with -Dcodeanatomy.lock.update=true "
          + "(Maven) or -Acodeanatomy.lock.update=true"), Optional.empty(), Optional.empty());
    }
    Compatibility.Report report;
    try {
      report = Compatibility.check(lock, manifest, releasing);
    } catch (CompatInputException e) {
      return failure(new Problem(DiagnosticCode.UNREADABLE_LOCK, atLock,
          lockFile + ": " + e.getMessage()));
    }
    ChangeLocator locator = new ChangeLocator(set);
    List<Problem> problems = new ArrayList<>();
    for (Change change : report.changes()) {
      problems.add(new Problem(change.rule().tag(),
          locator.locate(change.subject()).orElse(atLock), change.message()));
    }
    List<String> notes = report.notes().stream().map(note -> "codeanatomy: " + note).toList();
    if (!problems.isEmpty()) {
      return new Outcome(problems, List.of(), Optional.of(lock), Optional.empty());
    }
    if (!releasing) {
      return new Outcome(List.of(), notes, Optional.of(lock), Optional.empty());
    }
    Lock released = lock.release(manifest);
    return new Outcome(List.of(), List.of(), Optional.of(released), Optional.of(released));
  }

  /**
   * Writes a released lock to the source tree, unless it already holds these bytes.
   *
   * @return a note saying it was written, or a problem when it could not be
   */
  public static Written write(Lock released, Path lockFile) {
    try {
      byte[] bytes = released.render();
      if (Files.exists(lockFile) && Arrays.equals(Files.readAllBytes(lockFile), bytes)) {
        return new Written(Optional.empty(), Optional.empty());
      }
      Path parent = lockFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      released.write(lockFile);
      return new Written(Optional.of("codeanatomy: wrote " + lockFile), Optional.empty());
    } catch (IOException e) {
      return new Written(Optional.empty(), Optional.of(new Problem(DiagnosticCode.UNREADABLE_LOCK,
          Origin.of(lockFile.toString()), "cannot write " + lockFile + ": " + e.getMessage())));
    }
  }

  /** What writing a lock did: a note, or a problem. */
  public record Written(Optional<String> note, Optional<Problem> problem) {}

  private static Outcome failure(Problem problem) {
    return new Outcome(List.of(problem), List.of(), Optional.empty(), Optional.empty());
  }
}
