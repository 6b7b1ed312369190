package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A test SMTP server: Debian's aiosmtpd, run by {@code scripts/servers/run-smtp}, writing every accepted message to
 * a folder. With a certificate it offers STARTTLS and refuses mail before it; without one it speaks plain text
 * only. Recipients at {@code reject.test} are refused with 550.
 */
public final class SmtpServer implements AutoCloseable {
  private final ServerProcess process;
  private final int port;
  private final Path mail;

  private SmtpServer(ServerProcess process, int port, Path mail) {
    this.process = process;
    this.port = port;
    this.mail = mail;
  }

  /** Starts a server in {@code dir}; with {@code certificate}, STARTTLS is offered and required. */
  public static SmtpServer start(Path root, Path dir, Optional<TestCa.ServerCertificate> certificate) {
    int port = Ports.free();
    Ports.requireFree("SMTP", port);
    List<String> cmd = new ArrayList<>(List.of(root.resolve("scripts/servers/run-smtp").toString(), dir.toString(),
        Integer.toString(port)));
    certificate.ifPresent(c -> cmd.addAll(List.of(c.certificate().toString(), c.key().toString())));
    ServerProcess process = ServerProcess.start("SMTP", dir, cmd, Map.of());
    Ports.awaitOpen(process, port, Duration.ofSeconds(15));
    return new SmtpServer(process, port, dir.resolve("mail"));
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public int port() {
    return port;
  }

  /** The messages received so far, each as the server wrote it: envelope lines, then the message as sent. */
  public List<String> received() {
    try (Stream<Path> files = Files.list(mail)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().map(SmtpServer::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until at least {@code count} messages arrived; the server writes a message before it answers 250. */
  public List<String> awaitReceived(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> got = received();
    while (got.size() < count && System.nanoTime() < deadline) {
      Ports.sleep(Duration.ofMillis(25));
      got = received();
    }
    return got;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
