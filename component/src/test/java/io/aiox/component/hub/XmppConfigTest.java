package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code xmpp.servers}: the nodes of an ejabberd cluster, each with its component listener. */
class XmppConfigTest {
  private static JsonObject base() {
    return new JsonObject().put("domain", "hub.test").put("componentSecret", "s3cret");
  }

  private static JsonObject server(String host, Integer port) {
    JsonObject s = new JsonObject().put("host", host);
    return port == null ? s : s.put("componentPort", port);
  }

  @Test
  void one_server_from_host_and_component_port_as_before() {
    XmppConfig config = XmppConfig.fromJson(base().put("host", "127.0.0.5").put("componentPort", 5400));
    assertThat(config.servers()).containsExactly(new ComponentServer("127.0.0.5", 5400));
    assertThat(XmppConfig.fromJson(base()).servers()).containsExactly(new ComponentServer("127.0.0.1", 5347));
  }

  @Test
  void lists_every_node_of_a_cluster_with_the_default_port_where_none_is_given() {
    XmppConfig config = XmppConfig.fromJson(base().put("servers", new JsonArray()
        .add(server("127.0.0.2", 5347)).add(server("127.0.0.3", null))));
    assertThat(config.servers()).isEqualTo(List.of(new ComponentServer("127.0.0.2", 5347),
        new ComponentServer("127.0.0.3", XmppConfig.DEFAULT_COMPONENT_PORT)));
  }

  @Test
  void refuses_servers_together_with_host_or_component_port() {
    assertThatThrownBy(() -> XmppConfig.fromJson(base().put("host", "127.0.0.2")
        .put("servers", new JsonArray().add(server("127.0.0.2", 5347)))))
        .hasMessageContaining("xmpp.servers replaces xmpp.host and xmpp.componentPort");
  }

  @Test
  void refuses_an_empty_list_a_server_twice_and_names_the_bad_entry() {
    assertThatThrownBy(() -> XmppConfig.fromJson(base().put("servers", new JsonArray())))
        .hasMessageContaining("xmpp.servers must be a non-empty list");
    assertThatThrownBy(() -> XmppConfig.fromJson(base().put("servers", new JsonArray()
        .add(server("127.0.0.2", 5347)).add(server("127.0.0.2", 5347)))))
        .hasMessageContaining("xmpp.servers lists a server twice");
    assertThatThrownBy(() -> XmppConfig.fromJson(base().put("servers", new JsonArray()
        .add(server("127.0.0.2", 5347)).add(server("127.0.0.3", 70_000)))))
        .hasMessageStartingWith("xmpp.servers[1].componentPort must be a whole number 1..65535");
    assertThatThrownBy(() -> XmppConfig.fromJson(base().put("servers", new JsonArray()
        .add(new JsonObject().put("componentPort", 5347)))))
        .hasMessage("xmpp.servers[0].host must be set");
    assertThatThrownBy(() -> XmppConfig.fromJson(base().put("servers", new JsonArray()
        .add(server("127.0.0.2", 5347).put("port", 1)))))
        .hasMessageStartingWith("unknown configuration key xmpp.servers[0].port");
    assertThatThrownBy(() -> XmppConfig.fromJson(base().put("servers", new JsonArray().add("127.0.0.2"))))
        .hasMessage("xmpp.servers[0] must be an object, was 127.0.0.2");
  }
}
