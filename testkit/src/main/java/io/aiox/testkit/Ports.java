package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback port helpers: pick free ports, refuse taken ones, probe for readiness. */
public final class Ports {
  public static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** Ports this JVM handed out: the kernel may offer a port again once it is closed, before its server started. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * A port nobody listens on right now, chosen by the kernel, and never one this JVM handed out before: a server
   * given two ports (c2s, s2s, HTTP) must get different ones even when it binds them only later.
   */
  public static int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
        s.setReuseAddress(false);
        if (HANDED_OUT.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free loopback port", e);
      }
    }
    throw new IllegalStateException("no loopback port this JVM has not handed out already");
  }

  /** Whether something accepts TCP connections on the loopback port. */
  public static boolean answers(int port) {
    return answers(LOOPBACK, port);
  }

  /** Whether something accepts TCP connections on the port of {@code host} (a loopback address such as 127.9.8.1). */
  public static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails when the port already answers: a stale server must never pass the readiness probe for a new one. */
  public static void requireFree(String server, int port) {
    requireFree(server, LOOPBACK, port);
  }

  public static void requireFree(String server, String host, int port) {
    if (answers(host, port)) {
      throw new IllegalStateException(server + ": port " + port + " on " + host
          + " is already taken (a stale server?); refusing to start");
    }
  }

  /** Waits until the port answers, the process dies, or the timeout passes. */
  public static void awaitOpen(ServerProcess process, int port, Duration timeout) {
    awaitOpen(process, LOOPBACK, port, timeout);
  }

  /** Waits until the port of {@code host} answers, the process dies, or the timeout passes. */
  public static void awaitOpen(ServerProcess process, String host, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw process.failure("exited with code " + process.exitCode() + " before port " + port + " answered");
      }
      if (answers(host, port)) {
        return;
      }
      sleep(Duration.ofMillis(25));
    }
    throw process.failure("port " + port + " on " + host + " did not answer within " + timeout.toMillis() + " ms");
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
