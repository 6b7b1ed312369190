package io.aiox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServers.class)
class TestServersIT {
  private static Duration startAll;

  @BeforeAll
  static void start(TestServers servers) {
    long t0 = System.nanoTime();
    servers.startAll();
    startAll = Duration.ofNanos(System.nanoTime() - t0);
    System.out.println("[aiox-testkit] ejabberd, Prosody, PostgreSQL and Redis ready in " + startAll.toMillis() + " ms");
  }

  /**
   * The four servers start together and each answers on its port. How fast is not asserted here (a loaded CI
   * machine took 19 s once): start-up time is printed above and belongs to a benchmark, not a test.
   */
  @Test
  void all_four_servers_start_together_and_answer(TestServers servers) throws Exception {
    for (int port : List.of(servers.ejabberd().c2sPort(), servers.prosody().c2sPort(), servers.redis().port(),
        servers.postgres().port())) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        assertThat(s.isConnected()).as("port " + port).isTrue();
      }
    }
    assertThat(startAll).isPositive();
  }

  @Test
  void a_registered_user_logs_into_ejabberd_with_smack(TestServers servers) {
    EjabberdServer ejabberd = servers.ejabberd();
    String jid = ejabberd.register("romeo", "montague");
    XMPPTCPConnection romeo = ejabberd.connect("romeo", "montague");
    try {
      assertThat(romeo.isAuthenticated()).isTrue();
      assertThat(romeo.getUser().asBareJid().toString()).isEqualTo(jid);
    } finally {
      romeo.disconnect();
    }
    assertThatThrownBy(() -> ejabberd.connect("romeo", "capulet")).hasMessageContaining("cannot log in");
  }

  /**
   * Test hubs send nothing off the machine, DNS included: ejabberd runs with an Erlang inet configuration that
   * resolves from the hosts file only and leaves the resolver no name server, so even the SRV lookup of an outgoing
   * s2s link (which ignores the 'lookup' setting) asks no one. Checked on the running server's command line, then
   * the file's effect on the same Erlang runtime after such a lookup.
   */
  @Test
  void ejabberd_resolves_from_the_hosts_file_and_asks_no_name_server(TestServers servers) throws Exception {
    List<String> args = List.of(Files.readString(Path.of("/proc", Long.toString(servers.ejabberd().pid()), "cmdline"))
        .split("\0"));
    int at = args.indexOf("inetrc");
    assertThat(at).as("ejabberd's command line: %s", args).isPositive();
    assertThat(args.get(at - 1)).isEqualTo("-kernel");
    String inetrc = args.get(at + 1);
    Process erl = new ProcessBuilder("erl", "-noshell", "-kernel", "inetrc", inetrc, "-eval",
        "R = inet_res:getbyname(\"_xmpp-server._tcp.nowhere.invalid\", srv, 2000), "
            + "io:format(\"~p ~p ~p~n\", [inet_db:res_option(lookup), inet_db:res_option(nameservers), R]), halt().")
        .redirectErrorStream(true).start();
    assertThat(erl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(erl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo("[file] [] {error,nxdomain}");
  }

  @Test
  void a_user_registered_on_prosody_logs_in_there(TestServers servers) throws Exception {
    ProsodyServer prosody = servers.prosody();
    prosody.register("juliet", "capulet");
    XMPPTCPConnection juliet = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain(prosody.domain()).setHost(prosody.host()).setPort(prosody.c2sPort())
        .setUsernameAndPassword("juliet", "capulet").setSecurityMode(SecurityMode.disabled).build());
    try {
      juliet.connect().login();
      assertThat(juliet.getUser().asBareJid().toString()).isEqualTo("juliet@" + prosody.domain());
    } finally {
      juliet.disconnect();
    }
  }

  @Test
  void postgres_has_pgvector_in_a_new_database(TestServers servers) throws Exception {
    String db = servers.postgres().newDatabase();
    try (Connection c = servers.postgres().adminConnection(db);
         ResultSet rs = c.createStatement().executeQuery("SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector")) {
      rs.next();
      assertThat(rs.getDouble(1)).isEqualTo(1.0);
    }
  }

  @Test
  void redis_answers_ping(TestServers servers) throws Exception {
    try (Socket s = new Socket(servers.redis().host(), servers.redis().port())) {
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
    }
  }

  @Test
  void a_taken_port_is_refused_so_a_stale_server_cannot_pass_for_a_new_one() throws Exception {
    try (ServerSocket stale = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
      assertThatThrownBy(() -> Ports.requireFree("ejabberd", stale.getLocalPort()))
          .hasMessageContaining("already taken");
    }
  }

  @Test
  void servers_bind_to_loopback_only(TestServers servers) {
    assertThat(servers.ejabberd().host()).isEqualTo("127.0.0.1");
    assertThat(UUID.randomUUID()).isNotNull();
  }
}
