package io.aiox.bench.memory;

import io.aiox.testkit.Ports;
import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * PostgreSQL for the memory benchmark, run by the same {@code scripts/servers/run-postgres} as the tests but sized
 * like a server: shared buffers large enough to hold a 1M-memory table and its HNSW index (the tests' default of
 * 128 MB would measure the page cache instead), and memory for building the index in one pass. Its folder is
 * removed on close.
 */
public final class BenchPostgres implements AutoCloseable {
  public static final String ADMIN = "aiox_admin";
  private static final List<String> SETTINGS = List.of("shared_buffers=6GB", "effective_cache_size=12GB",
      "maintenance_work_mem=6GB", "max_parallel_maintenance_workers=1", "work_mem=64MB", "max_wal_size=16GB",
      "checkpoint_timeout=30min", "fsync=off", "synchronous_commit=off", "full_page_writes=off",
      "max_connections=50");

  private final ServerProcess process;
  private final Path dir;
  private final int port;
  private final String password;

  private BenchPostgres(ServerProcess process, Path dir, int port, String password) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  public static BenchPostgres start() {
    try {
      Path dir = Files.createTempDirectory("aiox-bench-memory-");
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      String password = UUID.randomUUID().toString();
      Path pwfile = Files.writeString(dir.resolve("admin.pw"), password);
      int port = Ports.free();
      List<String> cmd = new ArrayList<>(List.of(ProjectRoot.get().resolve("scripts/servers/run-postgres").toString(),
          dir.resolve("pg").toString(), Integer.toString(port), pwfile.toString()));
      SETTINGS.forEach(s -> cmd.addAll(List.of("-c", s)));
      ServerProcess process = ServerProcess.start("PostgreSQL (bench)", dir.resolve("pg"), cmd, Map.of());
      BenchPostgres pg = new BenchPostgres(process, dir, port, password);
      Ports.awaitOpen(process, port, Duration.ofSeconds(60));
      pg.awaitLogin();
      return pg;
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

  public String adminPassword() {
    return password;
  }

  public Connection admin(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port + "/" + database, ADMIN, password);
  }

  private void awaitLogin() {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Connection c = admin("postgres")) {
        if (c.isValid(1)) {
          return;
        }
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw process.failure("took no login: " + e.getMessage());
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(ie);
        }
      }
    }
  }

  @Override
  public void close() {
    process.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }
}
