package io.aiox.bench.chat;

/** The accounts the benchmark registers: senders that drive the load, and echoing peers for client to client. */
final class BenchUsers {
  static final String ECHO_RESOURCE = "echo";

  private BenchUsers() {}

  static String sender(int i) {
    return "load-" + i;
  }

  static String echo(int i) {
    return "echo-" + i;
  }

  static String password(String user) {
    return "pw-" + user;
  }

  /** The full JID an echoing peer binds; messages to it need no presence. */
  static String echoJid(int i, String domain) {
    return echo(i) + "@" + domain + "/" + ECHO_RESOURCE;
  }
}
