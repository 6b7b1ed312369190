package io.aiox.worker.tool.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.agent.Agent;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.document.TestDocuments;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolTestBed;
import io.aiox.worker.tool.ToolOutcome;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.aiox.worker.tool.ToolsConfig;
import io.aiox.worker.tool.search.SearchApiConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code document_parser} through {@link ToolCalls#invoke}, the path a model's call takes (rfc/aiox-agents.md
 * section 9.6), against a local HTTP server serving documents made in the test: the formats, the byte cap of the
 * agent's policy, the operator's character cap, the network rule, and the hub's trusted upload service.
 */
@ExtendWith(RealServers.class)
class DocumentParserToolIT {
  private static final String ALL_TEXT = "Lorem ipsum dolor sit amet. ".repeat(200);
  private static ToolTestBed harness;
  private static HttpServer server;
  private static String base;
  private static ToolCalls calls;
  private static final AtomicInteger hits = new AtomicInteger();

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    harness = new ToolTestBed(servers, "dora-docs");
    byte[] pdf = TestDocuments.pdf("The warehouse opens at seven.", "Deliveries arrive on Tuesdays.");
    byte[] docx = TestDocuments.docx();
    byte[] big = TestDocuments.pdf(java.util.Collections.nCopies(40, "A page of the long report.")
        .toArray(String[]::new));
    server = harness.vertx.createHttpServer().requestHandler(req -> {
      hits.incrementAndGet();
      switch (req.path()) {
        case "/handbook.pdf" -> req.response().putHeader("content-type", "application/pdf").end(Buffer.buffer(pdf));
        case "/handbook.docx" -> req.response().putHeader("content-type", "application/octet-stream")
            .end(Buffer.buffer(docx));
        case "/dock.html" -> req.response().putHeader("content-type", "text/html").end(TestDocuments.html());
        case "/long.txt" -> req.response().putHeader("content-type", "text/plain").end(ALL_TEXT);
        case "/big.pdf" -> req.response().putHeader("content-type", "application/pdf").end(Buffer.buffer(big));
        case "/photo.png" -> req.response().putHeader("content-type", "image/png").end("\u0089PNG");
        case "/upload/5f2a/notes.txt" -> req.response().putHeader("content-type", "text/plain")
            .end("Sent by the owner over HTTP File Upload.");
        case "/private/secret.txt" -> req.response().end("not for agents");
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    base = "http://127.0.0.1:" + server.actualPort();
    DocumentParserConfig config = DocumentParserConfig.fromJson(new JsonObject()
        .put("upload_services", new JsonArray().add(base + "/upload/")).put("max_characters", 2_000));
    calls = harness.calls(new ToolsConfig(config, SearchApiConfig.UNCONFIGURED,
        io.aiox.worker.tool.codeexecutor.CodeExecutorConfig.DEFAULTS));
  }

  @AfterAll
  static void stop() {
    server.close().await();
    harness.close();
  }

  private static Agent allowedLocal(JsonObject more) {
    return harness.agentWith("document_parser", new JsonObject().put("allowed_domains", new JsonArray()
        .add("127.0.0.1")).put("allowed_addresses", new JsonArray().add("127.0.0.1")).mergeIn(more));
  }

  private static ToolOutcome parse(Agent agent, String url, String format) {
    JsonObject args = new JsonObject().put("document", url);
    if (format != null) {
      args.put("format", format);
    }
    return calls.invoke(harness.owner.id(), agent.id(), "document_parser", args, "reading").await();
  }

  @Test
  void reads_a_pdf_a_word_document_and_an_html_page_from_an_allowed_host() {
    Agent agent = allowedLocal(new JsonObject());
    ToolOutcome pdf = parse(agent, base + "/handbook.pdf", null);
    assertThat(pdf.status()).as(pdf.reason()).isEqualTo(Status.EXECUTED);
    assertThat(pdf.result().getString("type")).isEqualTo("pdf");
    assertThat(pdf.result().getString("text")).contains("The warehouse opens at seven.")
        .contains("Deliveries arrive on Tuesdays.");
    assertThat(pdf.result().getInteger("pages")).isEqualTo(2);

    ToolOutcome docx = parse(agent, base + "/handbook.docx", "markdown");
    assertThat(docx.status()).as(docx.reason()).isEqualTo(Status.EXECUTED);
    assertThat(docx.result().getString("type")).isEqualTo("docx");
    assertThat(docx.result().getString("text")).contains("## Opening hours").contains("| Tuesday | Pallets |");

    ToolOutcome html = parse(agent, base + "/dock.html", "text");
    assertThat(html.result().getString("text")).startsWith("Loading dock").contains("The dock code is 4417.")
        .doesNotContain("alert");

    List<JsonObject> executed = harness.audit(agent, "tool.executed");
    assertThat(executed).hasSize(3).allSatisfy(e -> assertThat(e.getJsonObject("result").containsKey("text"))
        .as("the audit log keeps no document text").isFalse());
  }

  @Test
  void cuts_the_text_at_the_operators_character_cap_and_says_so() {
    ToolOutcome out = parse(allowedLocal(new JsonObject()), base + "/long.txt", null);
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getString("text")).hasSize(2_000);
    assertThat(out.result().getBoolean("truncated")).isTrue();
    assertThat(out.result().getString("truncated_by")).isEqualTo("characters");
  }

  @Test
  void refuses_a_document_larger_than_the_agents_byte_cap() {
    ToolOutcome out = parse(allowedLocal(new JsonObject().put("max_response_bytes", 2_000)), base + "/big.pdf", null);
    assertThat(out.status()).isEqualTo(Status.FAILED);
    assertThat(out.reason()).contains("/big.pdf is larger than 2000 bytes")
        .contains("document_parser max_response_bytes");
  }

  @Test
  void refuses_private_and_loopback_addresses_the_policy_does_not_list() {
    Agent agent = harness.agentWith("document_parser", new JsonObject().put("allowed_domains", new JsonArray()
        .add("10.0.0.7").add("127.0.0.1")));
    int before = hits.get();
    ToolOutcome priv = parse(agent, "http://10.0.0.7/handbook.pdf", null);
    assertThat(priv.status()).isEqualTo(Status.DENIED);
    assertThat(priv.reason()).contains("10.0.0.7").contains("private");
    ToolOutcome loop = parse(agent, base + "/handbook.pdf", null);
    assertThat(loop.status()).isEqualTo(Status.DENIED);
    assertThat(loop.reason()).contains("loopback");
    ToolOutcome unlisted = parse(harness.agentWith("document_parser", new JsonObject()),
        "http://docs.example.test/a.pdf", null);
    assertThat(unlisted.reason()).contains("not in the agent's allowed domains");
    assertThat(hits.get()).as("nothing was fetched").isEqualTo(before);
  }

  @Test
  void reads_a_file_on_the_trusted_upload_service_whatever_the_allowed_domains() {
    Agent agent = harness.agentWith("document_parser", new JsonObject());
    ToolOutcome out = parse(agent, base + "/upload/5f2a/notes.txt", null);
    assertThat(out.status()).as(out.reason()).isEqualTo(Status.EXECUTED);
    assertThat(out.result().getString("text")).isEqualTo("Sent by the owner over HTTP File Upload.");
    assertThat(out.result().getBoolean("uploaded")).isTrue();

    int before = hits.get();
    assertThat(parse(agent, base + "/private/secret.txt", null).status()).as("same host, outside the upload path")
        .isEqualTo(Status.DENIED);
    assertThat(parse(agent, base + "/upload/../private/secret.txt", null).status()).as("dot segments")
        .isEqualTo(Status.DENIED);
    assertThat(hits.get()).isEqualTo(before);
  }

  @Test
  void a_format_it_cannot_read_fails_with_the_reason_and_bad_arguments_are_refused() {
    Agent agent = allowedLocal(new JsonObject());
    ToolOutcome png = parse(agent, base + "/photo.png", null);
    assertThat(png.status()).isEqualTo(Status.FAILED);
    assertThat(png.reason()).contains("image/png").contains("readable are PDF");
    assertThat(parse(agent, base + "/handbook.pdf", "pdf").reason()).contains("invalid arguments for"
        + " document_parser: arguments.format must be one of [\"text\",\"markdown\"]");
    assertThat(parse(agent, "ftp://127.0.0.1/handbook.pdf", null).reason())
        .contains("document: a document URL must be http or https");
    assertThat(parse(agent, base + "/missing.pdf", null).reason()).contains("answered 404");
  }
}
