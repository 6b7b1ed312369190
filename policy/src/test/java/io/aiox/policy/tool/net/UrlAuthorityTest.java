package io.aiox.policy.tool.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The host of a URL is taken as written, so the network rule judges it; java.net.URI drops numeric forms. */
class UrlAuthorityTest {
  @Test
  void numeric_hosts_that_uri_does_not_name_are_read_with_their_port() {
    assertThat(UrlAuthority.of(URI.create("http://127.1:8080/x"))).isEqualTo(new UrlAuthority("127.1", 8080));
    assertThat(UrlAuthority.of(URI.create("http://0x7f.1/"))).isEqualTo(new UrlAuthority("0x7f.1", -1));
    assertThat(UrlAuthority.of(URI.create("https://127.0.0.1.:9/"))).isEqualTo(new UrlAuthority("127.0.0.1.", 9));
    assertThat(UrlAuthority.of(URI.create("http://[::ffff:127.0.0.1]:81/")))
        .isEqualTo(new UrlAuthority("[::ffff:127.0.0.1]", 81));
    assertThat(UrlAuthority.of(URI.create("http://example.org:/")).portOr(true)).isEqualTo(443);
    assertThat(UrlAuthority.of(URI.create("http://example.org/")).portOr(false)).isEqualTo(80);
  }

  @Test
  void a_url_without_a_host_with_user_information_or_a_bad_port_is_malformed() {
    assertThatThrownBy(() -> UrlAuthority.of(URI.create("http:///x"))).hasMessage("must name a host");
    assertThatThrownBy(() -> UrlAuthority.of(URI.create("http://:80/"))).hasMessage("must name a host");
    assertThatThrownBy(() -> UrlAuthority.of(URI.create("http://u@127.1/"))).hasMessageContaining("user information");
    assertThatThrownBy(() -> UrlAuthority.of(URI.create("http://h:99999/"))).hasMessageContaining("no valid port");
    assertThatThrownBy(() -> UrlAuthority.of(URI.create("http://h:0/"))).hasMessageContaining("no valid port");
    assertThatThrownBy(() -> UrlAuthority.of(URI.create("http://[::1]x/"))).isInstanceOf(
        IllegalArgumentException.class);
  }
}
