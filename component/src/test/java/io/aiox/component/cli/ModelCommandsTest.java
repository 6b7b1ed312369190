package io.aiox.component.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiox model ...} as the operator types it, against an HTTP server on 127.0.0.1 serving a generated file. */
class ModelCommandsTest {
  private static final byte[] FILE = new byte[200_000];

  static {
    new Random(3).nextBytes(FILE);
  }

  @TempDir
  Path models;
  private HttpServer server;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/m.gguf", exchange -> {
      exchange.sendResponseHeaders(200, FILE.length);
      exchange.getResponseBody().write(FILE);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private int aiox(String... argv) {
    return Commands.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/m.gguf";
  }

  @Test
  void pull_prints_progress_and_the_hub_json_entry_that_serves_the_model() throws Exception {
    int code = aiox("model", "pull", "gemma-3-1b-it", "--url", url(), "--sha256", sha256(FILE),
        "--dir", models.toString());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    Path file = models.resolve("gemma-3-1b-it.gguf").toAbsolutePath();
    assertThat(Files.readAllBytes(file)).isEqualTo(FILE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("(100%)");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("verified against --sha256");
    JsonObject entry = new JsonObject(printed.substring(printed.indexOf('{')));
    assertThat(entry.getJsonObject("gemma-3-1b-it").getString("provider")).isEqualTo("local");
    assertThat(entry.getJsonObject("gemma-3-1b-it").getString("path")).isEqualTo(file.toString());
  }

  @Test
  void a_wrong_checksum_exits_1_saying_so_and_leaves_no_file() throws IOException {
    int code = aiox("model", "pull", "tiny", "--url", url(), "--sha256", "0".repeat(64), "--dir", models.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("checksum mismatch for tiny");
    try (var left = Files.list(models)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void an_unknown_name_exits_2_with_the_known_names() {
    assertThat(aiox("model", "pull", "llama-99", "--dir", models.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown model llama-99").contains("gemma-3-1b-it");
  }

  @Test
  void list_names_the_catalog() {
    assertThat(aiox("model", "list")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("gemma-3-1b-it").contains("gemma-3-4b-it")
        .contains("Q4_K_M");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
