package io.aiox.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

class BrowserIT {
  @RegisterExtension
  final Browsers browsers = new Browsers();

  private HttpServer server;
  private String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Map<String, String> pages = Map.of(
        "/", "<!doctype html><title>fixture</title><script src=\"/log.js\"></script><p id=\"p\">hello</p>",
        "/log.js", "console.error('marker-from-the-page');");
    server.createContext("/", ex -> {
      String body = pages.getOrDefault(ex.getRequestURI().getPath(), "");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("content-type", ex.getRequestURI().getPath().endsWith(".js")
          ? "text/javascript" : "text/html");
      ex.sendResponseHeaders(body.isEmpty() ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        ex.getResponseBody().write(bytes);
      }
      ex.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void keeps_the_screenshot_page_and_console_log_of_a_browser(@TempDir Path dir) throws IOException {
    Browser browser = browsers.start("alice");
    browser.open(base + "/");
    assertThat(browser.visible("#p").getText()).isEqualTo("hello");

    browser.keep(dir, "BrowserIT.example");

    byte[] png = Files.readAllBytes(dir.resolve("BrowserIT.example-alice.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(dir.resolve("BrowserIT.example-alice.html"))).contains("hello");
    assertThat(Files.readString(dir.resolve("BrowserIT.example-alice.console.log")))
        .contains(base).contains("marker-from-the-page");
  }

  @Test
  void a_loopback_page_is_a_secure_context_as_the_xmpp_client_needs() {
    Browser browser = browsers.start("bob");
    browser.open(base + "/");
    Object secure = ((JavascriptExecutor) browser.driver())
        .executeScript("return window.isSecureContext && typeof crypto.randomUUID === 'function'");
    assertThat(secure).isEqualTo(true);
  }

  @Test
  void each_browser_starts_with_a_fresh_profile() {
    Browser first = browsers.start("first");
    first.open(base + "/");
    ((JavascriptExecutor) first.driver()).executeScript("localStorage.setItem('k', 'v')");
    Browser second = browsers.start("second");
    second.open(base + "/");
    assertThat(((JavascriptExecutor) second.driver()).executeScript("return localStorage.getItem('k')")).isNull();
  }
}
