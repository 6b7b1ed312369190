package io.aiox.policy.tool.net;

/** The network rule refused a host; the message says which host, which address and why. */
public final class NetworkDenied extends RuntimeException {
  public NetworkDenied(String message) {
    super(message, null, false, false);
  }
}
