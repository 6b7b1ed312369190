package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** PostgreSQL 15 with pgvector, run by {@code scripts/servers/run-postgres}; superuser {@code aiox_admin}. */
public final class PostgresServer implements AutoCloseable {
  public static final String ADMIN_USER = "aiox_admin";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final ServerProcess process;
  private final int port;
  private final String adminPassword;

  private PostgresServer(ServerProcess process, int port, String adminPassword) {
    this.process = process;
    this.port = port;
    this.adminPassword = adminPassword;
  }

  /** Starts a fresh cluster in {@code dir} (initdb, then postgres) and waits until it takes logins. */
  public static PostgresServer start(Path root, Path dir) {
    int port = Ports.free();
    Ports.requireFree("PostgreSQL", port);
    String password = UUID.randomUUID().toString();
    Path pwfile = writeSecret(dir.resolveSibling(dir.getFileName() + ".pw"), password);
    List<String> cmd = List.of(root.resolve("scripts/servers/run-postgres").toString(), dir.toString(),
        Integer.toString(port), pwfile.toString(), "-c", "fsync=off", "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off", "-c", "max_connections=200");
    ServerProcess process = ServerProcess.start("PostgreSQL", dir, cmd, Map.of());
    PostgresServer server = new PostgresServer(process, port, password);
    Ports.awaitOpen(process, port, Duration.ofSeconds(30));
    server.awaitLogin(Duration.ofSeconds(10));
    return server;
  }

  private static Path writeSecret(Path file, String secret) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, secret);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public int port() {
    return port;
  }

  public String adminUser() {
    return ADMIN_USER;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
  }

  /** A JDBC connection as the superuser; for fixtures and hand-written queries in tests. */
  public Connection adminConnection(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), ADMIN_USER, adminPassword);
  }

  /** Creates an empty database with the vector extension and returns its name. */
  public String newDatabase() {
    String name = "t" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
    try {
      try (Connection c = adminConnection("postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      try (Connection c = adminConnection(name); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION vector");
      }
      return name;
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + host() + ":" + port + ": cannot create a test database", e);
    }
  }

  private void awaitLogin(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try (Connection c = adminConnection("postgres")) {
        if (c.isValid(1)) {
          return;
        }
      } catch (SQLException e) {
        last = e; // "the database system is starting up"
        Ports.sleep(Duration.ofMillis(50));
      }
    }
    throw process.failure("took no login within " + timeout.toMillis() + " ms: " + (last == null ? "" : last.getMessage()));
  }

  @Override
  public void close() {
    process.close();
  }
}
