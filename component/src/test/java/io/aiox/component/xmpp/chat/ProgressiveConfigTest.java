package io.aiox.component.xmpp.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code xmpp.progressive} keys (docs/operations.md): defaults, and bad values named by their key. */
class ProgressiveConfigTest {
  @Test
  void an_absent_section_shows_answers_after_a_second_and_corrects_at_most_once_a_second() {
    ProgressiveConfig c = ProgressiveConfig.fromJson(new JsonObject());
    assertThat(c.enabled()).isTrue();
    assertThat(c.firstAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.every()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refuses_an_unknown_key() {
    assertThatThrownBy(() -> ProgressiveConfig.fromJson(new JsonObject().put("everyMs", 500)))
        .hasMessageStartingWith("unknown configuration key xmpp.progressive.everyMs (known: ");
  }

  @Test
  void refuses_corrections_more_often_than_five_a_second() {
    assertThatThrownBy(() -> ProgressiveConfig.fromJson(new JsonObject().put("correctEveryMs", 100)))
        .hasMessage("xmpp.progressive.correctEveryMs must be 200..60000, was 100");
  }

  @Test
  void refuses_a_duration_that_is_no_whole_number() {
    assertThatThrownBy(() -> ProgressiveConfig.fromJson(new JsonObject().put("firstAfterMs", "1s")))
        .hasMessageStartingWith("xmpp.progressive.firstAfterMs must be a whole number");
    assertThatThrownBy(() -> ProgressiveConfig.fromJson(new JsonObject().put("enabled", "yes")))
        .hasMessageStartingWith("xmpp.progressive.enabled must be true or false");
  }
}
