package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names for test hubs in {@code /etc/hosts}, so that servers resolve each other the way real hubs do through DNS.
 * Each run adds one block between marker lines that carry its token and process id, on loopback addresses
 * {@code 127.A.B.n} no other block uses, and {@link #close()} removes exactly that block. Writers take a lock on
 * the file, so concurrent runs do not lose each other's lines; the file is rewritten in place (it is often a bind
 * mount that cannot be replaced). Blocks of runs whose process is gone (killed) are removed by the next run.
 * Needs root, as the project's tests run here and in CI.
 */
public final class HostsFile implements AutoCloseable {
  static final Path HOSTS = Path.of("/etc/hosts");
  private static final String MARK = "# aiox-testkit ";
  private static final Pattern BEGIN = Pattern.compile("# aiox-testkit (\\S+) pid (\\d+) begin");
  private static final Object JVM_LOCK = new Object(); // FileLock is per process, not per thread
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String token;
  private final List<String> addresses;
  private final Thread cleanup;
  private boolean removed;

  private HostsFile(String token, List<String> addresses) {
    this.token = token;
    this.addresses = addresses;
    this.cleanup = new Thread(this::remove, "aiox-testkit-hosts-" + token);
  }

  /**
   * Adds one address per group, {@code 127.A.B.1}, {@code 127.A.B.2}…, with that group's names.
   *
   * @param token a run-unique word (lower-case letters and digits) that also appears in the names
   */
  public static HostsFile add(String token, List<List<String>> nameGroups) {
    List<String> chosen = new ArrayList<>();
    update(lines -> {
      List<String> kept = withoutDeadBlocks(lines);
      String prefix = freePrefix(kept);
      kept.add(MARK + token + " pid " + ProcessHandle.current().pid() + " begin");
      for (int i = 0; i < nameGroups.size(); i++) {
        chosen.add(prefix + (i + 1));
        kept.add(prefix + (i + 1) + " " + String.join(" ", nameGroups.get(i)));
      }
      kept.add(MARK + token + " end");
      return kept;
    });
    HostsFile hosts = new HostsFile(token, List.copyOf(chosen));
    Runtime.getRuntime().addShutdownHook(hosts.cleanup); // a JVM ended by a timeout still removes its lines
    return hosts;
  }

  /** The address of the {@code i}-th group of names. */
  public String address(int group) {
    return addresses.get(group);
  }

  @Override
  public void close() {
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) remove(), which does nothing twice
    }
  }

  private synchronized void remove() {
    if (!removed) {
      update(lines -> withoutBlock(lines, token));
      removed = true;
    }
  }

  /** A {@code 127.A.B.} prefix that no line of the file uses and whose port 5269 nobody listens on. */
  private static String freePrefix(List<String> lines) {
    for (int attempt = 0; attempt < 100; attempt++) {
      String prefix = "127." + (10 + RANDOM.nextInt(240)) + "." + (1 + RANDOM.nextInt(254)) + ".";
      boolean used = lines.stream().anyMatch(l -> l.startsWith(prefix));
      if (!used && !Ports.answers(prefix + "1", S2sListener.STANDARD_PORT)
          && !Ports.answers(prefix + "2", S2sListener.STANDARD_PORT)) {
        return prefix;
      }
    }
    throw new IllegalStateException("no free 127.A.B.0/24 for test hubs after 100 tries");
  }

  private static List<String> withoutBlock(List<String> lines, String token) {
    List<String> kept = new ArrayList<>();
    boolean inside = false;
    for (String line : lines) {
      if (line.startsWith(MARK + token + " pid ") && line.endsWith(" begin")) {
        inside = true;
      } else if (inside && line.equals(MARK + token + " end")) {
        inside = false;
      } else if (!inside) {
        kept.add(line);
      }
    }
    return kept;
  }

  private static List<String> withoutDeadBlocks(List<String> lines) {
    List<String> kept = lines;
    for (String line : lines) {
      Matcher m = BEGIN.matcher(line);
      if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
        kept = withoutBlock(kept, m.group(1));
      }
    }
    return new ArrayList<>(kept);
  }

  /** Reads, changes and rewrites the file under an exclusive lock. */
  private static void update(UnaryOperator<List<String>> change) {
    synchronized (JVM_LOCK) {
      try (FileChannel channel = FileChannel.open(HOSTS, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
          while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read the whole file
          }
          String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
          List<String> lines = new ArrayList<>(text.lines().toList());
          String updated = String.join("\n", change.apply(lines)) + "\n";
          byte[] bytes = updated.getBytes(StandardCharsets.UTF_8);
          // Write first, then cut: a resolver reading meanwhile never sees an empty file.
          ByteBuffer out = ByteBuffer.wrap(bytes);
          while (out.hasRemaining()) {
            channel.write(out, out.position());
          }
          channel.truncate(bytes.length);
          channel.force(true);
        } finally {
          lock.release();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot update " + HOSTS + " (federation tests add names there and need"
            + " root): " + e.getMessage(), e);
      }
    }
  }

  /** Whether this process may add names (the file is writable). */
  public static boolean writable() {
    return Files.isWritable(HOSTS);
  }
}
