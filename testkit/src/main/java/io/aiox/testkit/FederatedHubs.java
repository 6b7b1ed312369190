package io.aiox.testkit;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Two independent XMPP hubs federated over server-to-server links on loopback, as docs/federation.md sets them up:
 * hub A is ejabberd with the agents domain ({@code agents.<hub A>}), hub B is Prosody, which also serves a second
 * remote domain (hub C) at no extra cost. Names are run-unique ({@code huba-<token>.test}…) and resolve through a
 * marked block in {@code /etc/hosts}; each server listens for s2s on port 5269 of its own {@code 127.A.B.n}; a test
 * CA signs both servers' certificates (hub A's covers the agents domain too, since remote servers connect to it).
 * {@link #close()} stops both servers and removes the names, also when start-up failed half way.
 */
public final class FederatedHubs implements AutoCloseable {
  private final String token;
  private final List<AutoCloseable> opened = new ArrayList<>();
  private HostsFile hosts;
  private TestCa ca;
  private EjabberdServer hubA;
  private ProsodyServer hubB;

  private FederatedHubs(String token) {
    this.token = token;
  }

  /** Names, certificates, then both servers at once; their folders go under {@code dir}. */
  public static FederatedHubs start(Path root, Path dir) {
    if (!HostsFile.writable()) {
      throw new IllegalStateException("federated test hubs resolve each other through /etc/hosts, which this user"
          + " cannot change; run the tests as root (as the project's scripts and CI do)");
    }
    FederatedHubs hubs = new FederatedHubs(token());
    try {
      hubs.startAll(root, dir);
      return hubs;
    } catch (RuntimeException e) {
      hubs.close();
      throw e;
    }
  }

  private static String token() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private void startAll(Path root, Path dir) {
    hosts = HostsFile.add(token, List.of(List.of(hubADomain(), agentsDomain()),
        List.of(hubBDomain(), hubCDomain())));
    opened.add(hosts);
    ca = TestCa.create(dir.resolve("ca"));
    ca.issue("hub-a", List.of(hubADomain(), agentsDomain())).writeCombined(dir.resolve("hub-a/cert.pem"));
    ca.issue("hub-b", List.of(hubBDomain(), hubCDomain()))
        .copyTo(dir.resolve("hub-b/cert.crt"), dir.resolve("hub-b/cert.key"));
    CompletableFuture<EjabberdServer> a = CompletableFuture.supplyAsync(() -> EjabberdServer.start(root,
        dir.resolve("hub-a"), hubADomain(), S2sListener.federated(hosts.address(0), ca.certificate())));
    CompletableFuture<ProsodyServer> b = CompletableFuture.supplyAsync(() -> ProsodyServer.start(root,
        dir.resolve("hub-b"), hubBDomain(), S2sListener.federated(hosts.address(1), ca.certificate()),
        List.of(hubCDomain())));
    hubA = joinTracked(a);
    hubB = joinTracked(b);
  }

  /** Waits for one server; a started one is closed later even if its sibling failed. */
  private <T extends AutoCloseable> T joinTracked(CompletableFuture<T> start) {
    try {
      T server = start.join();
      opened.add(0, server); // servers stop before their names go away
      return server;
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Hub A: ejabberd, the users' domain {@link #hubADomain()} and the agents domain's component listener. */
  public EjabberdServer hubA() {
    return hubA;
  }

  /** Hub B: Prosody, serving {@link #hubBDomain()} and {@link #hubCDomain()}. */
  public ProsodyServer hubB() {
    return hubB;
  }

  public String hubADomain() {
    return "huba-" + token + ".test";
  }

  public String agentsDomain() {
    return "agents." + hubADomain();
  }

  public String hubBDomain() {
    return "hubb-" + token + ".test";
  }

  /** A second remote domain, served by hub B's server: for rules that must tell two remote servers apart. */
  public String hubCDomain() {
    return "hubc-" + token + ".test";
  }

  /** The test CA's certificate, trusted by both servers. */
  public Path caCertificate() {
    return ca.certificate();
  }

  @Override
  public void close() {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("[aiox-testkit] stopping " + c + " failed: " + e);
      }
    }
    opened.clear();
  }
}
