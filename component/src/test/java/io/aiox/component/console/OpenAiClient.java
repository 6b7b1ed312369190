package io.aiox.component.console;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: the official {@code openai} npm client (pinned; installed with npm under {@code target/} on first
 * use) run with node, as a program using the hub's OpenAI-compatible endpoint would. Each call runs one small
 * script and reads its one line of JSON: the result, or {@code {error: {status, message}}} as the client raised it.
 */
final class OpenAiClient {
  static final String VERSION = "6.49.0";
  private static final Path HOME = Path.of("target", "openai-npm-" + VERSION).toAbsolutePath();
  private static final String SCRIPT = """
      import OpenAI from 'openai';
      const [baseURL, apiKey, mode, model, text] = process.argv.slice(2);
      const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 90000 });
      const out = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
      try {
        if (mode === 'models') {
          const ids = [];
          for await (const m of client.models.list()) ids.push(m.id);
          out({ ids });
        } else if (mode === 'plain') {
          const c = await client.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
          out({ object: c.object, content: c.choices[0].message.content });
        } else {
          const s = await client.chat.completions.create({ model, stream: true,
            messages: [{ role: 'system', content: 'ignored' }, { role: 'user', content: text }] });
          let content = '', chunks = 0, objects = new Set();
          for await (const ch of s) { chunks++; objects.add(ch.object); content += ch.choices[0]?.delta?.content ?? ''; }
          out({ content, chunks, objects: [...objects] });
        }
      } catch (e) {
        out({ error: { status: e.status ?? null, message: e.message, name: e.constructor.name } });
      }
      """;

  private final String baseUrl;
  private final String apiKey;

  OpenAiClient(int consolePort, String apiKey) {
    this.baseUrl = "http://127.0.0.1:" + consolePort + "/v1";
    this.apiKey = apiKey;
  }

  JsonObject models() {
    return run("models", "", "");
  }

  JsonObject plain(String model, String text) {
    return run("plain", model, text);
  }

  JsonObject streamed(String model, String text) {
    return run("stream", model, text);
  }

  private JsonObject run(String mode, String model, String text) {
    Path script = installed().resolve("client.mjs");
    List<String> command = new ArrayList<>(List.of("node", script.toString(), baseUrl, apiKey, mode, model, text));
    String output = exec(command, 120);
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    try {
      return new JsonObject(last);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the openai client printed no result:\n" + output, e);
    }
  }

  private static synchronized Path installed() {
    try {
      if (!Files.isDirectory(HOME.resolve("node_modules/openai"))) {
        Files.createDirectories(HOME);
        exec(List.of("npm", "install", "--prefix", HOME.toString(), "--no-audit", "--no-fund", "--no-save",
            "--no-package-lock", "--ignore-scripts", "--no-update-notifier", "--loglevel=error",
            "openai@" + VERSION), 300);
      }
      Files.writeString(HOME.resolve("client.mjs"), SCRIPT, StandardCharsets.UTF_8);
      return HOME;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String exec(List<String> command, int seconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
