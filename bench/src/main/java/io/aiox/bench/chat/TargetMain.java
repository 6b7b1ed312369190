package io.aiox.bench.chat;

import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM that answers the load: started by {@link TargetProcess} with a JSON file naming the target and its
 * settings, it prints {@code ready} once the target is connected and stops when its standard input ends. Running
 * the target in its own process makes that process's CPU time the target's own.
 */
public final class TargetMain {
  private TargetMain() {}

  public static void main(String[] args) throws IOException {
    JsonObject settings = new JsonObject(Files.readString(Path.of(args[0])));
    TargetKind kind = TargetKind.of(settings.getString("target"));
    AutoCloseable running;
    try {
      running = start(kind, settings);
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
      return;
    }
    System.out.println("ready");
    System.out.flush();
    awaitEndOfInput(System.in);
    try {
      running.close();
    } catch (Exception e) {
      System.err.println("stopping the target failed: " + e);
    }
    System.exit(0);
  }

  private static AutoCloseable start(TargetKind kind, JsonObject s) {
    return switch (kind) {
      case AIOX -> {
        Hub hub = Hub.start(HubConfig.fromJson(s.getJsonObject("hub")));
        ZeroCostModel.answerTurns(hub.vertx().eventBus());
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

  private static void awaitEndOfInput(InputStream in) throws IOException {
    byte[] sink = new byte[256];
    while (in.read(sink) >= 0) {
      // the parent writes nothing; it closes the stream to stop this process
    }
  }
}
