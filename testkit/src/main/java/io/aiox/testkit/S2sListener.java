package io.aiox.testkit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A hub's server-to-server listener: the address and port it binds, and the CA file its TLS streams trust (empty:
 * the system's). A hub that federates listens on port 5269 of the address its names resolve to, because without
 * SRV records that is where other servers connect; a hub on its own takes a free loopback port.
 */
public record S2sListener(String ip, int port, Optional<Path> caFile) {
  public static final int STANDARD_PORT = 5269;

  /** A free port on 127.0.0.1: no other server can reach this hub. */
  public static S2sListener isolated() {
    return new S2sListener(Ports.LOOPBACK, Ports.free(), Optional.empty());
  }

  /** The standard port on {@code ip}, trusting the CA in {@code caFile}. */
  public static S2sListener federated(String ip, Path caFile) {
    return new S2sListener(ip, STANDARD_PORT, Optional.of(caFile));
  }

  /** The run scripts' environment for this listener ({@code AIOX_S2S_IP}, {@code AIOX_S2S_PORT}, {@code AIOX_CA_FILE}). */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("AIOX_S2S_IP", ip);
    env.put("AIOX_S2S_PORT", Integer.toString(port));
    caFile.ifPresent(ca -> env.put("AIOX_CA_FILE", ca.toAbsolutePath().toString()));
    return env;
  }
}
