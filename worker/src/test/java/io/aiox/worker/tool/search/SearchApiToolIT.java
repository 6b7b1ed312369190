package io.aiox.worker.tool.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.ToolRateLimiter;
import io.aiox.schema.agent.Agent;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.search.SearxngFixture;
import io.aiox.testkit.search.SearxngFixture.Doc;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolTestBed;
import io.aiox.worker.tool.ToolOutcome;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.aiox.worker.tool.ToolsConfig;
import io.aiox.worker.tool.document.DocumentParserConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code search_api} through {@link ToolCalls#invoke} (rfc/aiox-agents.md section 9.7) against the testkit's
 * SearXNG fixture: bounded results, the operator's configuration (none, a key, an endpoint that is down or on a
 * link-local address) and the agent's rate limit.
 */
@ExtendWith(RealServers.class)
class SearchApiToolIT {
  private static ToolTestBed harness;
  private static SearxngFixture searx;
  private static SearxngFixture keyed;
  private static ToolCalls calls;

  @BeforeAll
  static void start(TestServers servers) {
    harness = new ToolTestBed(servers, "sam-search");
    List<Doc> docs = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      docs.add(new Doc("Warehouse safety rule " + i, "https://rules.example.test/" + i,
          "Rule " + i + " of warehouse safety: " + "keep the aisles clear and wear boots. ".repeat(i)));
    }
    docs.add(new Doc("Warehouse safety trap", "javascript:alert(1)", "warehouse safety, but not a web page"));
    docs.add(new Doc("Forklift charging", "https://fleet.example.test/charging", "Charge forklifts overnight."));
    searx = SearxngFixture.start(harness.vertx, docs);
    keyed = SearxngFixture.startRequiring(harness.vertx, docs, "X-Api-Key", "s3cret");
    calls = harness.calls(config(new JsonObject().put("url", searx.url()).put("max_results", 5)
        .put("snippet_characters", 60)));
  }

  @AfterAll
  static void stop() {
    searx.close();
    keyed.close();
    harness.close();
  }

  private static ToolsConfig config(JsonObject searchApi) {
    return new ToolsConfig(DocumentParserConfig.DEFAULTS, SearchApiConfig.fromJson(searchApi,
        Map.of("SEARCH_KEY", "s3cret")::get), io.aiox.worker.tool.codeexecutor.CodeExecutorConfig.DEFAULTS);
  }

  private static ToolOutcome search(ToolCalls via, Agent agent, JsonObject args) {
    return via.invoke(harness.owner.id(), agent.id(), "search_api", args, "looking it up").await();
  }

  @Test
  void returns_bounded_title_url_snippet_results_whatever_the_allowed_domains() {
    Agent agent = harness.agentWith("search_api", new JsonObject());
    ToolOutcome out = search(calls, agent, new JsonObject().put("query", "warehouse safety").put("max_results", 3));
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    JsonArray results = out.result().getJsonArray("results");
    assertThat(results).hasSize(3);
    assertThat(out.result().getInteger("count")).isEqualTo(3);
    for (Object r : results) {
      JsonObject hit = (JsonObject) r;
      assertThat(hit.fieldNames()).containsExactlyInAnyOrder("title", "url", "snippet");
      assertThat(hit.getString("title")).startsWith("Warehouse safety rule");
      assertThat(hit.getString("url")).startsWith("https://rules.example.test/");
      assertThat(hit.getString("snippet").length()).isLessThanOrEqualTo(60);
    }
    assertThat(searx.queries()).contains("warehouse safety");
  }

  @Test
  void never_returns_more_than_the_operator_allows_nor_non_web_urls() {
    Agent agent = harness.agentWith("search_api", new JsonObject());
    ToolOutcome out = search(calls, agent, new JsonObject().put("query", "warehouse").put("max_results", 20));
    assertThat(out.result().getJsonArray("results")).hasSize(5)
        .allSatisfy(r -> assertThat(((JsonObject) r).getString("url")).startsWith("https://"));
    ToolOutcome none = search(calls, agent, new JsonObject().put("query", "zeppelin"));
    assertThat(none.status()).isEqualTo(Status.EXECUTED);
    assertThat(none.result().getJsonArray("results")).isEmpty();
  }

  @Test
  void an_unconfigured_endpoint_is_refused_saying_what_is_missing() {
    ToolCalls unconfigured = harness.calls(ToolsConfig.DEFAULTS);
    Agent agent = harness.agentWith("search_api", new JsonObject());
    ToolOutcome out = search(unconfigured, agent, new JsonObject().put("query", "warehouse"));
    assertThat(out.status()).isEqualTo(Status.DENIED);
    assertThat(out.reason()).isEqualTo("search_api: the operator has not configured a search endpoint"
        + " (tools.search_api.url)");
  }

  @Test
  void an_endpoint_that_is_down_fails_with_a_clear_error() {
    SearxngFixture gone = SearxngFixture.start(harness.vertx, List.of());
    String url = gone.url();
    gone.close();
    Agent agent = harness.agentWith("search_api", new JsonObject());
    ToolOutcome out = search(harness.calls(config(new JsonObject().put("url", url).put("timeout_seconds", 3))),
        agent, new JsonObject().put("query", "warehouse"));
    assertThat(out.status()).isEqualTo(Status.FAILED);
    assertThat(out.reason()).startsWith("the search endpoint failed: 127.0.0.1").contains("refused");
  }

  @Test
  void sends_the_operators_api_key_from_the_environment() {
    Agent agent = harness.agentWith("search_api", new JsonObject());
    ToolOutcome withKey = search(harness.calls(config(new JsonObject().put("url", keyed.url())
        .put("api_key_env", "SEARCH_KEY").put("api_key_header", "X-Api-Key"))), agent,
        new JsonObject().put("query", "forklift"));
    assertThat(withKey.status()).as(withKey.reason()).isEqualTo(Status.EXECUTED);
    assertThat(withKey.result().getJsonArray("results").getJsonObject(0).getString("title"))
        .isEqualTo("Forklift charging");
    ToolOutcome without = search(harness.calls(config(new JsonObject().put("url", keyed.url()))), agent,
        new JsonObject().put("query", "forklift"));
    assertThat(without.status()).isEqualTo(Status.FAILED);
    assertThat(without.reason()).contains("answered 401");
  }

  @Test
  void a_link_local_endpoint_is_refused_unless_the_operator_lists_it() {
    Agent agent = harness.agentWith("search_api", new JsonObject());
    ToolOutcome out = search(harness.calls(config(new JsonObject().put("url", "http://169.254.169.254"))), agent,
        new JsonObject().put("query", "credentials"));
    assertThat(out.status()).isEqualTo(Status.FAILED);
    assertThat(out.reason()).contains("may not be reached").contains("link-local")
        .contains("tools.search_api.allowed_addresses");
  }

  @Test
  void the_agents_rate_limit_refuses_calls_beyond_it() throws InterruptedException {
    Agent agent = harness.agentWith("search_api", new JsonObject().put("rate_limit_per_minute", 2));
    if (ToolRateLimiter.secondsLeftInMinute() < 5) {
      Thread.sleep(ToolRateLimiter.secondsLeftInMinute() * 1_000 + 200); // keep the three calls in one minute
    }
    int before = searx.searches();
    JsonObject args = new JsonObject().put("query", "forklift");
    assertThat(search(calls, agent, args).status()).isEqualTo(Status.EXECUTED);
    assertThat(search(calls, agent, args).status()).isEqualTo(Status.EXECUTED);
    ToolOutcome third = search(calls, agent, args);
    assertThat(third.status()).isEqualTo(Status.DENIED);
    assertThat(third.reason()).startsWith("rate limit of 2 search_api calls per minute reached");
    assertThat(searx.searches() - before).isEqualTo(2);
  }
}
