package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ejabberd nodes in one cluster (Erlang distribution, shared Mnesia), as docs/scaling.md runs them: node {@code i}
 * listens on {@code 127.A.B.i} (A and B drawn per cluster, so clusters of parallel test JVMs never meet), every
 * node takes the same distribution port on its own address and no epmd runs, the cookie is a file in the cluster's
 * folder, and each node after the first joins the first. Nodes share the users' domain, the agents domain and the
 * component secret, so one hub can connect its component to each. Each node's start is bounded (its ports answer
 * within 30 s, the joining nodes' only once they are members); {@link #close()} stops the nodes it started.
 */
public final class EjabberdCluster implements AutoCloseable {
  private final List<EjabberdServer> nodes = new ArrayList<>();

  private EjabberdCluster() {}

  /** Starts {@code size} nodes one after the other (a node joins a running one), their folders under {@code dir}. */
  public static EjabberdCluster start(Path root, Path dir, String domain, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster has at least one node, not " + size);
    }
    EjabberdCluster cluster = new EjabberdCluster();
    try {
      Path cookie = cookie(dir);
      String prefix = addressPrefix();
      String secret = UUID.randomUUID().toString();
      int distPort = Ports.free();
      for (int i = 1; i <= size; i++) {
        String ip = prefix + i;
        Ports.requireFree("ejabberd distribution", ip, distPort);
        Map<String, String> env = new HashMap<>(Map.of("AIOX_CLUSTER_COOKIE_FILE", cookie.toString(),
            "AIOX_DIST_PORT", Integer.toString(distPort)));
        if (i > 1) {
          env.put("AIOX_CLUSTER_JOIN", cluster.nodes.get(0).nodeName());
        }
        cluster.nodes.add(EjabberdServer.startNode(root, dir.resolve("node" + i), domain, ip, secret, env));
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The cluster's shared secret (Erlang cookie) in a file only this user may read, as run-ejabberd takes it. */
  private static Path cookie(Path dir) {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("cookie");
      Files.writeString(file, HexFormat.of().formatHex(bytes));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cluster's cookie into " + dir, e);
    }
  }

  /** {@code 127.A.B.}: A and B from 1..250, drawn at random. */
  private static String addressPrefix() {
    SecureRandom random = new SecureRandom();
    return "127." + (1 + random.nextInt(250)) + "." + (1 + random.nextInt(250)) + ".";
  }

  /** Node {@code i}, from 0. */
  public EjabberdServer node(int i) {
    return nodes.get(i);
  }

  public List<EjabberdServer> nodes() {
    return List.copyOf(nodes);
  }

  /** The nodes' Erlang names as the API lists them ({@code list_cluster}) and as a node to join is named. */
  public List<String> nodeNames() {
    return nodes.stream().map(EjabberdServer::nodeName).toList();
  }

  @Override
  public void close() {
    nodes.parallelStream().forEach(EjabberdServer::close);
  }
}
