package io.aiox.component.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./aiox config check}: the hub's own validation of the merged files, with no server running. */
class ConfigCommandsTest {
  @TempDir
  Path dir;

  private String files(JsonObject operator) throws IOException {
    Files.writeString(dir.resolve("hub.generated.json"), new JsonObject()
        .put("xmpp", new JsonObject().put("domain", "hub.test").put("componentSecret", "s3cret")).encode());
    return Files.writeString(dir.resolve("hub.json"), operator.encode()).toString();
  }

  @Test
  void check_says_ok_and_where_each_setting_came_from() throws IOException {
    String file = files(new JsonObject().put("quota", new JsonObject().put("user",
        new JsonObject().put("max_tokens_per_day", 5000))));

    CliRun check = CliRun.of("config", "check", "--config", file);

    assertThat(check.code()).as(check.err()).isZero();
    assertThat(check.out()).isEqualTo("ok\nconfig: xmpp from " + dir.resolve("hub.generated.json") + "; quota from "
        + file + "\n");
    JsonObject json = new JsonObject(CliRun.of("config", "check", "--json", "--config", file).out());
    assertThat(json.getBoolean("ok")).isTrue();
    assertThat(json.getJsonArray("files")).containsExactly(dir.resolve("hub.generated.json").toString(), file);
  }

  @Test
  void check_exits_non_zero_with_one_line_naming_the_bad_key() throws IOException {
    String file = files(new JsonObject().put("quota", new JsonObject().put("remote_domains",
        new JsonObject().put("partner.example", new JsonObject().put("max_tokens_per_dya", 1)))));

    CliRun check = CliRun.of("config", "check", "--config", file);

    assertThat(check.code()).isEqualTo(2);
    assertThat(check.out()).isEmpty();
    assertThat(check.err()).endsWith(
        ": unknown configuration key quota.remote_domains.partner.example.max_tokens_per_dya\n").hasLineCount(1);
    assertThat(CliRun.of("config", "show", "--config", file).err())
        .isEqualTo("aiox: unknown config command show (known: check)\n");
  }
}
