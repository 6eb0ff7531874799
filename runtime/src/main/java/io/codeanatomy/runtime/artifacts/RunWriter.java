package io.codeanatomy.runtime.artifacts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Writes a run folder whole or not at all. The files go into a new hidden sibling folder
 * ({@code .NAME.writing-*}), each forced to disk (files an engine writes itself, its results, go
 * into that folder first: {@link #stage}, then {@link #commit}); only when all of them are written
 * does that folder take the run folder's name: the previous run is renamed aside
 * ({@code .NAME.previous-*}), the new one renamed into place, and the previous one deleted. A
 * failure before the renames (a full disk, a killed process) leaves the previous run as it was;
 * a failure between the two renames, which follow each other directly, puts the previous run
 * back. A run folder therefore holds the previous complete set or the new one, never a mix; a
 * killed run may leave its hidden {@code .writing-} folder behind, which nothing reads.
 */
final class RunWriter {

  /** Where the bytes of one file go: the disk, or (in tests) something that fails midway. */
  @FunctionalInterface
  interface FileOutput {
    void write(Path file, byte[] bytes) throws IOException;
  }

  /** Writes a new file and forces it to the storage device before the folder is renamed. */
  static final FileOutput DISK = (file, bytes) -> {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  };

  private static final SecureRandom RANDOM = new SecureRandom();

  private RunWriter() {}

  /**
   * Whether a run can be written to {@code dir}: a folder that does not exist yet (in a place
   * where folders can be made), an empty folder, or a folder that holds a run (it has a
   * {@code run.json}), which the new run replaces whole. Checked before any work.
   *
   * @throws RunLocationException naming the folder and what is wrong with it
   */
  static void checkLocation(Path dir) throws RunLocationException {
    if (dir.toString().isEmpty()) {
      throw new RunLocationException("the output folder is empty text: name a folder");
    }
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new RunLocationException(dir + " is the root of the file system: name a folder in it");
    }
    if (Files.isSymbolicLink(target)) {
      throw new RunLocationException(dir + " is a symbolic link: name the folder itself");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new RunLocationException(dir + " is " + (Files.isRegularFile(target)
            ? "a file" : "not a folder (a device or a special file)") + ": name a folder");
      }
      if (!isEmpty(target) && !Files.isRegularFile(target.resolve(RunLayout.RUN),
          LinkOption.NOFOLLOW_LINKS)) {
        throw new RunLocationException(dir + " holds files but no run (" + RunLayout.RUN
            + "): a run replaces its whole folder, so it is written only to a new folder, an "
            + "empty one, or one that holds a run");
      }
    }
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new RunLocationException("cannot make " + dir + ": " + existing + " is not a folder");
    }
    // The one sure test of whether a folder can be made there is to make one.
    try {
      Files.delete(Files.createTempDirectory(existing, ".codeanatomy-probe-"));
    } catch (IOException | UnsupportedOperationException e) {
      throw new RunLocationException("cannot write in " + existing + ": " + reason(e), e);
    }
  }

  /**
   * Writes {@code files} (relative names with '/', bytes) as the run folder {@code dir}.
   *
   * @throws RunLocationException when {@code dir} cannot hold a run (see {@link #checkLocation})
   * @throws IOException when writing fails; the previous run, if any, is then as it was
   */
  static void write(Path dir, SortedMap<String, byte[]> files, FileOutput output)
      throws IOException {
    commit(dir, stage(dir), files, output);
  }

  /**
   * Checks {@code dir} and makes the hidden sibling folder its next run is written into, for
   * files written by others (an engine's results) before {@link #commit} writes the rest.
   *
   * @return the new, empty staging folder
   * @throws RunLocationException when {@code dir} cannot hold a run (see {@link #checkLocation})
   */
  static Path stage(Path dir) throws IOException {
    checkLocation(dir);
    Path target = dir.toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    return newSibling(target, "writing");
  }

  /**
   * Writes {@code files} into {@code staging}, forces them and every file already there to disk,
   * and puts {@code staging} in place as the run folder {@code dir}. On failure {@code staging}
   * is deleted and the previous run, if any, is as it was.
   */
  static void commit(Path dir, Path staging, SortedMap<String, byte[]> files, FileOutput output)
      throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path path = staging.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        try {
          output.write(path, file.getValue());
        } catch (IOException e) {
          throw new IOException("cannot write " + file.getKey() + " of the run in " + staging
              + ": " + reason(e), e);
        }
      }
      forceWrittenBefore(staging, files.keySet());
      forceFolders(staging);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staging, e);
      throw e;
    }
    replace(target, staging);
  }

  /**
   * Forces the files others wrote into {@code staging} (an engine writes without forcing) to
   * disk, so that the renamed folder holds them whole after a crash.
   */
  private static void forceWrittenBefore(Path staging, java.util.Set<String> written)
      throws IOException {
    try (Stream<Path> all = Files.walk(staging)) {
      for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        String name = staging.relativize(file).toString().replace('\\', '/');
        if (!written.contains(name)) {
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
          } catch (IOException e) {
            throw new IOException("cannot force " + name + " of the run in " + staging
                + " to disk: " + reason(e), e);
          }
        }
      }
    }
  }

  /**
   * A new empty folder {@code .NAME.KIND-RANDOM} beside {@code target}, made as any folder is
   * (with the permissions the process gives new folders; a temporary folder would be private).
   */
  private static Path newSibling(Path target, String kind) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path sibling = target.resolveSibling("." + target.getFileName() + "." + kind + "-"
          + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
      try {
        return Files.createDirectory(sibling);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  /** Renames {@code staging} to {@code target}, the previous run aside first and then away. */
  private static void replace(Path target, Path staging) throws IOException {
    Path parent = target.getParent();
    String suffix = staging.getFileName().toString()
        .substring(staging.getFileName().toString().lastIndexOf("-") + 1);
    Path previous = null;
    try {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        previous = parent.resolve("." + target.getFileName() + ".previous-" + suffix);
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (previous != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          e.addSuppressed(restore);
        }
      } else if (previous != null) {
        // Another run took the name meanwhile: its complete run is in place, ours is dropped.
        deleteQuietly(previous, e);
      }
      deleteQuietly(staging, e);
      throw new IOException("cannot put the run in place at " + target + ": " + reason(e), e);
    }
    force(parent);
    if (previous != null) {
      // The new run is in place; a previous one that cannot be deleted is only left beside it.
      deleteQuietly(previous, null);
    }
  }

  private static boolean isEmpty(Path folder) throws RunLocationException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new RunLocationException("cannot read " + folder + ": " + reason(e), e);
    }
  }

  /** Forces every folder under {@code root} to disk, so that the renames find their files. */
  private static void forceFolders(Path root) throws IOException {
    try (Stream<Path> folders = Files.walk(root)) {
      for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
        force(folder);
      }
    }
  }

  private static void force(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every platform opens folders (Windows does not); the files themselves are forced.
    }
  }

  /** Deletes a folder tree; a failure is attached to {@code cause} (if any), never thrown. */
  static void deleteQuietly(Path root, Throwable cause) {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
            throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.delete(folder);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      // already gone
    } catch (IOException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      }
    }
  }

  /** What went wrong, in words: a FileSystemException's message is often only the path. */
  static String reason(Exception e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied" + (denied.getFile() == null ? "" : " (" + denied.getFile() + ")");
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or folder (" + missing.getFile() + ")";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
