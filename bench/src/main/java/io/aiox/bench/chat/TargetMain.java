package io.aiox.bench.chat;

import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.xmpp.component.ComponentException;

/**
 * The child JVM that answers the load: started by {@link TargetProcess} with a JSON file naming the target and its
 * settings, it prints {@code ready} once the target is connected and stops when its standard input ends. Running
 * the target in its own process makes that process's CPU time the target's own. In between, the parent may write
 * {@value #DISCONNECT} (answered {@value #DISCONNECTED} once the target's connections are closed) and
 * {@value #CONNECT} (answered {@code ready}): the JVM, and what its JIT compiled, outlive the connections.
 */
public final class TargetMain {
  static final String READY = "ready";
  static final String CONNECT = "connect";
  static final String DISCONNECT = "disconnect";
  static final String DISCONNECTED = "disconnected";

  private TargetMain() {}

  public static void main(String[] args) throws IOException {
    JsonObject settings = new JsonObject(Files.readString(Path.of(args[0])));
    TargetKind kind = TargetKind.of(settings.getString("target"));
    AutoCloseable running = startOrExit(kind, settings);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals(DISCONNECT)) {
        if (running != null) {
          stop(running);
          running = null;
        }
        say(DISCONNECTED);
      } else if (line.equals(CONNECT)) {
        if (running == null) {
          running = startOrExit(kind, settings);
        } else {
          say(READY);
        }
      }
    }
    // the parent closed the stream: stop
    if (running != null) {
      stop(running);
    }
    System.exit(0);
  }

  /** Starts the target and says {@code ready}; a target that cannot start ends the process (the parent sees why). */
  private static AutoCloseable startOrExit(TargetKind kind, JsonObject settings) {
    try {
      AutoCloseable running = start(kind, settings);
      say(READY);
      return running;
    } catch (Exception | LinkageError e) {
      // a class that fails to load leaves Vert.x's threads running: without the exit the parent would wait
      e.printStackTrace();
      System.exit(1);
      throw new IllegalStateException("unreachable", e);
    }
  }

  private static void stop(AutoCloseable running) {
    try {
      running.close();
    } catch (Exception e) {
      System.err.println("stopping the target failed: " + e);
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static AutoCloseable start(TargetKind kind, JsonObject s) throws ComponentException {
    return switch (kind) {
      case AIOX -> {
        Hub hub = Hub.start(HubConfig.fromJson(s.getJsonObject("hub")));
        if (s.getBoolean("zeroCost", true)) {
          ZeroCostModel.answerTurns(hub.vertx().eventBus());
        }
        yield hub;
      }
      case ECHO_COMPONENT -> {
        Vertx vertx = Vertx.vertx();
        EchoComponent component = EchoComponent.connect(vertx, s.getString("host"), s.getInteger("componentPort"),
            s.getString("componentDomain"), s.getString("componentSecret")).await();
        yield () -> {
          component.close().await();
          vertx.close().await();
        };
      }
      case WHACK -> {
        WhackEcho component = WhackEcho.connect(s.getString("host"), s.getInteger("componentPort"),
            s.getString("domain"), s.getString("componentDomain"), s.getString("componentSecret"));
        yield component;
      }
      case CLIENTS -> {
        Vertx vertx = Vertx.vertx();
        NetClient peers = EchoClients.login(vertx, Endpoint.fromJson(s.getJsonObject("xmpp")), s.getInteger("count"));
        yield () -> {
          peers.close().await();
          vertx.close().await();
        };
      }
    };
  }
}
