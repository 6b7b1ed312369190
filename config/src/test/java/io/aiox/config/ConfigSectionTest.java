package io.aiox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigSectionTest {
  private static ConfigSection section(JsonObject json) {
    return ConfigSection.of("memory", json, Set.of("max_batch", "name", "on", "paths", "ratio", "sub", "ttl_ms"));
  }

  @Test
  void unknown_key_is_refused_with_its_full_name_and_the_known_ones() {
    assertThatThrownBy(() -> section(new JsonObject().put("max_btach", 1)))
        .hasMessage("unknown configuration key memory.max_btach (known: max_batch, name, on, paths, ratio, sub,"
            + " ttl_ms)");
  }

  @Test
  void absent_keys_take_the_default() {
    ConfigSection s = section(new JsonObject());
    assertThat(s.integer("max_batch", 7)).isEqualTo(7);
    assertThat(s.bool("on", true)).isTrue();
    assertThat(s.string("name")).isEmpty();
    assertThat(s.millis("ttl_ms", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.strings("paths")).isEmpty();
  }

  @Test
  void a_value_of_the_wrong_type_names_the_key_and_shows_the_value() {
    assertThatThrownBy(() -> section(new JsonObject().put("max_batch", "ten")).integer("max_batch", 1))
        .hasMessage("memory.max_batch must be a whole number, was \"ten\"");
    assertThatThrownBy(() -> section(new JsonObject().put("max_batch", 2.5)).integer("max_batch", 1))
        .hasMessage("memory.max_batch must be a whole number, was 2.5");
    assertThatThrownBy(() -> section(new JsonObject().put("on", "yes")).bool("on", false))
        .hasMessage("memory.on must be true or false, was \"yes\"");
    assertThatThrownBy(() -> section(new JsonObject().put("ratio", "x")).number("ratio", 1))
        .hasMessage("memory.ratio must be a number, was \"x\"");
    assertThatThrownBy(() -> section(new JsonObject().put("paths", new JsonArray().add(3))).strings("paths"))
        .hasMessage("memory.paths must be a list of strings; '3' is not");
    assertThatThrownBy(() -> section(new JsonObject().put("sub", 3)).object("sub"))
        .hasMessage("memory.sub must be an object, was 3");
  }

  @Test
  void a_bounded_whole_number_outside_its_range_names_the_range() {
    assertThatThrownBy(() -> section(new JsonObject().put("max_batch", 50)).integer("max_batch", 1, 1, 20))
        .hasMessage("memory.max_batch must be a whole number 1..20, was 50");
    assertThat(section(new JsonObject().put("max_batch", 20.0)).integer("max_batch", 1, 1, 20)).isEqualTo(20);
  }

  @Test
  void nested_sections_carry_the_full_path() {
    ConfigSection s = section(new JsonObject().put("sub", new JsonObject().put("x", 1)));
    assertThatThrownBy(() -> s.section("sub", Set.of("y"))).hasMessage("unknown configuration key memory.sub.x"
        + " (known: y)");
  }
}
