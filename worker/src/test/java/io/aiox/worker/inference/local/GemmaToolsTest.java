package io.aiox.worker.inference.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.Sampling;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local Gemma tool convention (rfc/aiox-agents.md section 9.10): the reply schema and reading a reply. */
class GemmaToolsTest {
  private static ChatRequest request(boolean required) {
    return new ChatRequest("You are Tester.", List.<ChatTurn>of(), "fetch it",
        Sampling.of(new JsonObject()), List.of(ToolCatalog.find(ToolCatalog.HTTP_REQUEST).orElseThrow()), List.of(),
        required);
  }

  @Test
  void a_required_call_offers_only_the_tools_with_their_required_arguments_bounded() {
    JsonObject schema = GemmaTools.replySchema(request(true), 12);
    assertThat(schema.getJsonArray("oneOf")).hasSize(1);
    JsonObject args = schema.getJsonArray("oneOf").getJsonObject(0).getJsonObject("properties")
        .getJsonObject("arguments");
    assertThat(args.getJsonObject("properties").fieldNames()).containsExactly("url");
    assertThat(args.getJsonObject("properties").getJsonObject("url").getInteger("maxLength")).isEqualTo(12);
    assertThat(GemmaTools.replySchema(request(false), 12).getJsonArray("oneOf")).as("or an answer").hasSize(2);
  }

  @Test
  void a_whole_call_an_answer_and_a_call_cut_short_are_told_apart() {
    GemmaTools.Reply call = GemmaTools.parse("{\"tool\": \"http_request\", \"arguments\": {\"url\": \"x\"}}", 1);
    assertThat(call.call().name()).isEqualTo("http_request");
    assertThat(call.call().arguments()).contains(new JsonObject().put("url", "x"));
    assertThat(GemmaTools.parse("{\"answer\": \"hello\"}", 1).answer()).isEqualTo("hello");
    GemmaTools.Reply cut = GemmaTools.parse(" { \"tool\" : \"http_request\", \"arguments\": {\"url\": \"htt", 2);
    assertThat(cut.call().name()).isEqualTo("http_request");
    assertThat(cut.call().arguments()).as("malformed: answered as an error, never run").isEmpty();
    assertThat(GemmaTools.parse("plain words", 1).answer()).isEqualTo("plain words");
  }
}
