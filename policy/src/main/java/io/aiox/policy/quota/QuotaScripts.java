package io.aiox.policy.quota;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The quota Lua scripts, run by their SHA-1 (EVALSHA) so each call sends only keys and arguments. A Redis that does
 * not know a script (restarted, flushed, a new replica promoted) answers NOSCRIPT, and the call is repeated with
 * the source (EVAL), which also caches it again.
 */
enum QuotaScripts {
  RESERVE("window.lua", "reserve.lua"), EXTEND("window.lua", "extend.lua"), SETTLE("settle.lua"),
  STATUS("window.lua", "status.lua");

  private final String source;
  private final String sha;

  /** {@code files}: the script's source in order; a shared prelude (the clock and the minute window) first. */
  QuotaScripts(String... files) {
    StringBuilder text = new StringBuilder();
    for (String file : files) {
      text.append(load(file)).append('\n');
    }
    this.source = text.toString();
    this.sha = sha1(source);
  }

  Future<Response> run(Redis redis, List<String> keys, List<String> args) {
    return redis.send(request(Command.EVALSHA, sha, keys, args)).recover(e -> {
      String message = String.valueOf(e.getMessage());
      return message.startsWith("NOSCRIPT") ? redis.send(request(Command.EVAL, source, keys, args))
          : Future.failedFuture(e);
    });
  }

  private static Request request(Command command, String script, List<String> keys, List<String> args) {
    Request r = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(r::arg);
    args.forEach(r::arg);
    return r;
  }

  private static String load(String file) {
    try (InputStream in = QuotaScripts.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("quota script " + file + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read quota script " + file, e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    }
  }
}
