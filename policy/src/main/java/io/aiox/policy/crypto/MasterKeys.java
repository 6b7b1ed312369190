package io.aiox.policy.crypto;

import io.aiox.policy.crypto.CryptoFailure.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Where a process gets its master keys, and the keys it holds now. A key file is read again when a data key names
 * a master key the process does not hold, and before a new data key is wrapped: so when a rotation puts a new key
 * at the top of the file, running hubs follow without a restart.
 */
public final class MasterKeys {
  private final Supplier<MasterKeyRing> loader;
  private final Path file;
  private volatile MasterKeyRing ring;

  private MasterKeys(Supplier<MasterKeyRing> loader, Path file) {
    this.loader = loader;
    this.file = file;
    this.ring = loader.get();
  }

  /** Keys held in memory only (tests, tools); {@link #reload} returns them unchanged. */
  public static MasterKeys fixed(MasterKeyRing ring) {
    return new MasterKeys(() -> ring, null);
  }

  /** Reads {@code file} now and again on {@link #reload}; errors name {@code setting}. */
  public static MasterKeys fromFile(String setting, Path file) {
    return new MasterKeys(() -> MasterKeyRing.fromFile(setting, file), file);
  }

  /** Reads the variable once: a process's environment does not change under it. */
  public static MasterKeys fromEnv(String setting, String variable, Map<String, String> env) {
    MasterKeyRing ring = MasterKeyRing.fromEnv(setting, variable, env);
    return new MasterKeys(() -> ring, null);
  }

  public MasterKeyRing ring() {
    return ring;
  }

  /** Reads the keys again (blocking file I/O: call it off the event loop); on failure the held keys stay. */
  public synchronized MasterKeyRing reload() {
    ring = loader.get();
    return ring;
  }

  /** The key file, when the keys come from one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Puts {@code key} at the top of the key file (the others stay below it and keep unwrapping), replacing the file
   * atomically with mode 600. Refused for keys from the environment, which only the operator can change.
   */
  public synchronized MasterKeyRing addCurrent(MasterKey key) {
    if (file == null) {
      throw new CryptoFailure(Kind.NOT_CONFIGURED, ring.source() + " is not a key file: put the new key first in it"
          + " (new,old), restart the hubs, then re-wrap the data keys (keys rewrap)");
    }
    MasterKeyRing next = reload().withCurrent(key);
    write(next);
    return reload();
  }

  private void write(MasterKeyRing next) {
    StringBuilder text = new StringBuilder("# AIOX master keys, one per line: the first wraps new data keys,"
        + " the others still unwrap the data keys they wrapped.\n");
    next.keys().forEach(k -> text.append(k.hex()).append('\n'));
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.write(StandardCharsets.US_ASCII.encode(text.toString()));
        out.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CryptoFailure(Kind.BAD_MASTER_KEY, "cannot write " + ring.source() + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the move succeeded or the write failed and was reported; a stray temporary file is harmless
      }
    }
  }
}
