package io.aiox.component.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.inference.DemoModelFixture;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.browser.Browser;
import io.aiox.testkit.browser.Browsers;
import io.aiox.testkit.llm.GgufChatServer;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.aiox.testkit.llm.ScriptedToolModel.Call;
import io.aiox.testkit.llm.ScriptedToolModel.Calls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The console in a real headless Chromium against a real hub, ejabberd (its WebSocket endpoint carries the
 * browser's XMPP chat), PostgreSQL and Redis: a person signs in, makes an agent, chats and watches the answer being
 * written, sees the quota go down, approves a tool call and finds it in the audit; another person can neither see
 * nor open that agent, an admin can. The models are fixtures: a slowly streaming GGUF server and a scripted
 * OpenAI-compatible server that asks for a tool. A failed test keeps screenshots under target/browser-failures.
 */
@ExtendWith(RealServers.class)
class ConsoleBrowserIT {
  private static final long DAY_TOKENS = 100_000;

  @RegisterExtension
  final Browsers browsers = new Browsers();

  private static TestServers servers;
  private static Hub hub;
  private static GgufChatServer slow;
  private static ScriptedToolModel scripted;
  private static Vertx webVertx;
  private static HttpServer report;
  private static final AtomicInteger reportHits = new AtomicInteger();
  private static String console;
  private static Path masterKey;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    webVertx = Vertx.vertx();
    report = webVertx.createHttpServer().requestHandler(req -> {
      reportHits.incrementAndGet();
      req.response().end("the daily report: all green");
    }).listen(0, "127.0.0.1").await();
    slow = GgufChatServer.start(DemoModelFixture.model(), "gemma3-slow", 2);
    slow.paceStream(100);
    scripted = ScriptedToolModel.start(ConsoleBrowserIT::script);
    JsonObject config = TestHubConfig.json(servers);
    // system prompts are sealed under the master key
    masterKey = TestHubConfig.sealed(config);
    config.getJsonObject("xmpp").put("progressive", new JsonObject().put("firstAfterMs", 300)
        .put("correctEveryMs", 300));
    config.put("quota", new JsonObject().put("user", new JsonObject().put("max_tokens_per_day", DAY_TOKENS)));
    config.put("inference", new JsonObject().put("default_model", "slow").put("models", new JsonObject()
        .put("slow", new JsonObject().put("provider", "openai").put("base_url", slow.baseUrl())
            .put("model", "gemma3-slow").put("slots", 2).put("timeout_seconds", 60))
        .put("scripted", new JsonObject().put("provider", "openai").put("base_url", scripted.baseUrl())
            .put("model", "scripted").put("timeout_seconds", 60))));
    hub = Hub.start(HubConfig.fromJson(config));
    console = "http://127.0.0.1:" + hub.consolePort() + "/";
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
    if (slow != null) {
      slow.close();
    }
    if (scripted != null) {
      scripted.close();
    }
    webVertx.close().await();
    Files.deleteIfExists(masterKey);
  }

  /** The scripted model asks once for the report through http_request, then answers with what the tool said. */
  private static ScriptedToolModel.Step script(JsonObject body) {
    if (!body.containsKey("tools")) {
      return new Answer("no tools offered");
    }
    if (ScriptedToolModel.afterTool(body)) {
      return new Answer("tool said: " + ScriptedToolModel.lastToolResult(body));
    }
    return new Calls(List.of(new Call("http_request", new JsonObject()
        .put("url", "http://127.0.0.1:" + report.actualPort() + "/report").encode())));
  }

  @Test
  void a_person_signs_in_makes_an_agent_watches_its_answer_being_written_and_sees_the_quota_go_down() {
    Person alice = person("alice");
    Browser browser = browsers.start("alice");
    signIn(browser, alice);
    long before = quotaRemaining(browser);

    String agent = createAgent(browser, "Writer", "slow");
    browser.click("#nav-agents");
    browser.visible(".agent-row[data-agent-id='" + agent + "']");

    browser.open(console + "#/chat/" + agent);
    List<String> seen = say(browser, "Write a long story.");
    String answer = seen.getLast();
    assertThat(answer).isNotBlank();
    assertThat(seen).as("the answer was shown while it was written (XEP-0308 corrections), then completed")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(seen.getFirst()).isNotEqualTo(answer);
    assertThat(browser.all(".msg.from-agent")).as("corrections replace the message, never add one").hasSize(1);
    assertThat(browser.all(".msg.from-me").getFirst().getText()).isEqualTo("Write a long story.");

    browser.waitFor(d -> quotaRemaining(browser) < before);
    browser.visible("#usage-chart svg");
    browser.visible("#latency svg");
    browser.screenshot(Path.of("target", "console-dashboard.png"));
  }

  @Test
  void a_tool_call_waits_for_the_owner_who_approves_it_in_the_browser_and_the_audit_shows_it() {
    Person carol = person("carol");
    Browser browser = browsers.start("carol");
    signIn(browser, carol);
    String agent = createAgent(browser, "Reporter", "scripted");
    WebElement tool = browser.visible(".tool-row[data-tool='http_request']");
    tool.findElement(By.cssSelector(".tool-enabled")).click();
    WebElement policy = tool.findElement(By.cssSelector(".tool-policy"));
    policy.clear();
    policy.sendKeys(new JsonObject().put("allowed_domains", new JsonArray().add("127.0.0.1"))
        .put("allowed_addresses", new JsonArray().add("127.0.0.1")).put("requires_approval", true)
        .put("approval_timeout_seconds", 60).encode());
    tool.findElement(By.cssSelector("button")).click();
    browser.waitFor(d -> tool.getText().contains("saved"));

    browser.open(console + "#/chat/" + agent);
    browser.waitFor(d -> d.findElement(By.id("chat-input")).isEnabled());
    browser.type("#chat-input", "fetch the report");
    browser.click("#chat-send");

    String chat = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.TAB);
    browser.open(console + "#/approvals");
    WebElement row = browser.waitFor(Duration.ofSeconds(30), d -> {
      List<WebElement> rows = d.findElements(By.cssSelector(".approval-row"));
      return rows.isEmpty() ? null : rows.getFirst();
    });
    assertThat(row.getText()).contains("http_request").contains("/report");
    assertThat(reportHits.get()).as("nothing runs before the owner decides").isZero();
    row.findElement(By.cssSelector(".approve")).click();

    browser.driver().switchTo().window(chat);
    WebElement answer = browser.waitFor(Duration.ofSeconds(60),
        d -> d.findElements(By.cssSelector(".msg.from-agent[data-final='true']")).stream().findFirst().orElse(null));
    assertThat(answer.getText()).contains("tool said:").contains("all green");
    assertThat(reportHits.get()).isEqualTo(1);

    browser.click("#nav-audit");
    browser.visible(".audit-row[data-event='tool.executed']");
    browser.click("#audit-verify");
    browser.waitFor(d -> d.findElement(By.id("audit-verify-result")).getText().contains("intact"));
  }

  @Test
  void another_person_can_neither_see_nor_open_an_agent_of_someone_else_but_an_admin_can() {
    Person dave = person("dave");
    Browser owner = browsers.start("dave");
    signIn(owner, dave);
    String agent = createAgent(owner, "Private diary", "slow");

    Person erin = person("erin");
    Browser other = browsers.start("erin");
    signIn(other, erin);
    other.visible("#agent-list");
    assertThat(other.all(".agent-row[data-agent-id='" + agent + "']")).isEmpty();
    other.open(console + "#/agents/" + agent);
    assertThat(other.visible("#error-banner").getText()).isNotBlank();
    assertThat(other.all("#agent-name")).isEmpty();
    other.open(console + "#/chat/" + agent);
    assertThat(other.visible("#error-banner").getText()).isNotBlank();
    assertThat(other.all("#chat-log")).isEmpty();

    Person root = admin("root");
    Browser admin = browsers.start("admin");
    signIn(admin, root);
    admin.click("#nav-admin");
    admin.visible("#user-list .user-row");
    admin.open(console + "#/agents/all");
    admin.visible(".agent-row[data-agent-id='" + agent + "']");
    admin.open(console + "#/agents/" + agent);
    assertThat(admin.visible("#agent-name").getAttribute("value")).isEqualTo("Private diary");
  }

  // --- the person's side ----------------------------------------------------------------------------------

  private record Person(String username, String password, User user) {}

  /** A new account: the same one for XMPP and the console (registered in ejabberd, known to the hub). */
  private static Person person(String prefix) {
    EjabberdServer ejabberd = servers.ejabberd();
    String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    String jid = ejabberd.register(username, password);
    User user = new UserRepository(hub.database().ownerScope()).create(username, jid).await();
    return new Person(username, password, user);
  }

  private static Person admin(String prefix) {
    Person p = person(prefix);
    new UserRepository(hub.database().ownerScope()).setRole(p.user().id(), "admin").await();
    return p;
  }

  private void signIn(Browser browser, Person p) {
    browser.open(console);
    browser.type("#username", p.username());
    browser.type("#password", p.password());
    browser.click("#signin-submit");
    browser.visible("#nav-agents");
    browser.visible("#agent-list");
  }

  /** Makes an agent with the form; its id (the form moves to the agent's address). */
  private String createAgent(Browser browser, String name, String model) {
    browser.click("#nav-agents");
    browser.click("#new-agent");
    browser.type("#agent-name", name);
    browser.type("#agent-description", "made in the browser test");
    browser.type("#agent-system-prompt", "You are brief.");
    new org.openqa.selenium.support.ui.Select(browser.visible("#agent-model")).selectByValue(model);
    new org.openqa.selenium.support.ui.Select(browser.visible("#agent-visibility")).selectByValue("private");
    browser.click("#agent-save");
    String url = browser.waitFor(d -> d.getCurrentUrl().matches(".*#/agents/[0-9a-f-]{36}$") ? d.getCurrentUrl() : null);
    browser.visible("#agent-jid");
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /** Sends {@code text} in the open chat; every text the agent's message showed, up to the complete answer. */
  private static List<String> say(Browser browser, String text) {
    browser.waitFor(d -> d.findElement(By.id("chat-input")).isEnabled());
    browser.type("#chat-input", text);
    browser.click("#chat-send");
    List<String> seen = new ArrayList<>();
    browser.waitFor(Duration.ofSeconds(60), d -> {
      List<WebElement> answers = d.findElements(By.cssSelector(".msg.from-agent"));
      if (answers.isEmpty()) {
        return false;
      }
      WebElement last = answers.getLast();
      String now = last.getText();
      if (!now.isBlank() && (seen.isEmpty() || !seen.getLast().equals(now))) {
        seen.add(now);
      }
      return "true".equals(last.getAttribute("data-final"));
    });
    return seen;
  }

  /** The day's remaining tokens the dashboard shows (loaded afresh). */
  private long quotaRemaining(Browser browser) {
    browser.open(console + "#/dashboard");
    browser.driver().navigate().refresh();
    String text = browser.visible("#quota-remaining .quota-number").getText().replaceAll("[^0-9]", "");
    return Long.parseLong(text);
  }
}
