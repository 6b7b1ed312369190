package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The servers of one test JVM, each started on first use in its own sub-folder of one temporary folder, and all
 * stopped by {@link #close()}. The folder is deleted unless a test failed, so that the logs stay for reading.
 */
public final class TestServers implements AutoCloseable {
  private final Path root = ProjectRoot.get();
  private final Path dir;
  private final List<AutoCloseable> started = new ArrayList<>();
  private PostgresServer postgres;
  private RedisServer redis;
  private EjabberdServer ejabberd;
  private ProsodyServer prosody;
  private TestCa smtpCa;
  private SmtpServer smtpTls;
  private SmtpServer smtpPlain;
  private volatile boolean keepLogs;

  public TestServers() {
    try {
      // Open to others so that PostgreSQL, run as the 'postgres' user when the tests run as root, can enter it.
      dir = Files.createTempDirectory("aiox-test-", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the test servers' folder", e);
    }
    // A JVM ended by a timeout or a signal still stops its servers.
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "aiox-testkit-stop"));
  }

  /** Starts every server at once; the four come up in parallel. */
  public TestServers startAll() {
    CompletableFuture.allOf(CompletableFuture.runAsync(this::postgres), CompletableFuture.runAsync(this::redis),
        CompletableFuture.runAsync(this::ejabberd), CompletableFuture.runAsync(this::prosody)).join();
    return this;
  }

  public synchronized PostgresServer postgres() {
    if (postgres == null) {
      postgres = track(() -> PostgresServer.start(root, dir.resolve("postgres")));
    }
    return postgres;
  }

  public synchronized RedisServer redis() {
    if (redis == null) {
      redis = track(() -> RedisServer.start(root, dir.resolve("redis")));
    }
    return redis;
  }

  public synchronized EjabberdServer ejabberd() {
    if (ejabberd == null) {
      ejabberd = track(() -> EjabberdServer.start(root, dir.resolve("ejabberd"), EjabberdServer.DEFAULT_DOMAIN));
    }
    return ejabberd;
  }

  public synchronized ProsodyServer prosody() {
    if (prosody == null) {
      prosody = track(() -> ProsodyServer.start(root, dir.resolve("prosody"), ProsodyServer.DEFAULT_DOMAIN));
    }
    return prosody;
  }

  /**
   * A new ejabberd cluster of {@code size} nodes for the domain ({@link EjabberdCluster}), in the sub-folder
   * {@code name}; stopped with the other servers unless the test closes it first.
   */
  public EjabberdCluster ejabberdCluster(String name, String domain, int size) {
    return track(() -> EjabberdCluster.start(root, dir.resolve(name), domain, size));
  }

  /**
   * A test SMTP server: with {@code starttls}, one that offers and requires STARTTLS with a certificate for
   * 127.0.0.1 from {@link #smtpCa()}; without, one that speaks plain text only.
   */
  public synchronized SmtpServer smtp(boolean starttls) {
    if (starttls && smtpTls == null) {
      TestCa.ServerCertificate cert = smtpCa().issue("smtp", List.of(Ports.LOOPBACK));
      smtpTls = track(() -> SmtpServer.start(root, dir.resolve("smtp-tls"), Optional.of(cert)));
    } else if (!starttls && smtpPlain == null) {
      smtpPlain = track(() -> SmtpServer.start(root, dir.resolve("smtp-plain"), Optional.empty()));
    }
    return starttls ? smtpTls : smtpPlain;
  }

  /** The CA that signed the STARTTLS server's certificate, for clients' trust stores. */
  public synchronized TestCa smtpCa() {
    if (smtpCa == null) {
      smtpCa = TestCa.create(dir.resolve("smtp-ca"));
    }
    return smtpCa;
  }

  /** The folder holding every server's data and logs. */
  public Path dir() {
    return dir;
  }

  /** Keep the folder after {@link #close()}: a test failed and its logs may explain why. */
  public void keepLogs() {
    keepLogs = true;
  }

  private <T extends AutoCloseable> T track(Supplier<T> start) {
    T server = start.get();
    synchronized (this) {
      started.add(server);
    }
    return server;
  }

  @Override
  public synchronized void close() {
    List<AutoCloseable> servers = new ArrayList<>(started);
    servers.parallelStream().forEach(TestServers::closeQuietly);
    started.clear();
    if (!Files.exists(dir)) {
      return;
    }
    if (keepLogs) {
      System.err.println("[aiox-testkit] a test failed; server folders and logs kept in " + dir);
    } else {
      deleteTree(dir);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("[aiox-testkit] stopping " + c + " failed: " + e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("[aiox-testkit] cannot delete " + dir + ": " + e);
    }
  }
}
