package io.aiox.worker.tool.document;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.schema.id.OwnerId;
import io.aiox.policy.tool.net.NetworkDenied;
import io.aiox.policy.tool.net.UrlAuthority;
import io.aiox.worker.document.DocumentReader;
import io.aiox.worker.document.DocumentUnreadable;
import io.aiox.worker.document.ExtractedText;
import io.aiox.worker.document.TextLimits;
import io.aiox.worker.document.TextShape;
import io.aiox.worker.memory.DocumentFetcher;
import io.aiox.worker.memory.DocumentFetcher.Fetched;
import io.aiox.worker.memory.MemoryFailure;
import io.aiox.worker.tool.Tool;
import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code document_parser}: the text of the document at {@code document} (a URL), as plain text or Markdown. The
 * document is fetched by memory's {@link DocumentFetcher} (the network rule, the vetted address, no redirects, the
 * policy's byte cap and timeout), then read on a worker thread within the operator's character and page caps and
 * what is left of the timeout. A file on the hub's own upload service is fetched under the operator's rule for that
 * service instead of the agent's allowed domains. Nothing is written anywhere: the tool is read-only.
 */
public final class DocumentParserTool implements Tool {
  /** Reading gets at least this long, even when the download used up the timeout. */
  static final Duration MIN_READ_TIME = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final DocumentFetcher fetcher;
  private final DocumentParserConfig config;
  private final ToolDefinition definition = ToolCatalog.find(ToolCatalog.DOCUMENT_PARSER).orElseThrow();

  public DocumentParserTool(Vertx vertx, DocumentFetcher fetcher, DocumentParserConfig config) {
    this.vertx = vertx;
    this.fetcher = fetcher;
    this.config = config;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public Optional<String> problem(JsonObject args) {
    try {
      DocumentFetcher.parse(args.getString("document"));
      return Optional.empty();
    } catch (MemoryFailure e) {
      return Optional.of("document: " + e.getMessage());
    }
  }

  /** A file on a trusted upload service is judged by the operator's rule in {@link #execute}, not the owner's. */
  @Override
  public Optional<String> host(JsonObject args) {
    URI uri = DocumentFetcher.parse(args.getString("document"));
    return config.uploadService(uri).isPresent() ? Optional.empty() : Optional.of(UrlAuthority.of(uri).host());
  }

  @Override
  public Future<JsonObject> execute(OwnerId owner, JsonObject args, ToolPolicy policy) {
    URI uri = DocumentFetcher.parse(args.getString("document"));
    Optional<UploadService> upload = config.uploadService(uri);
    ToolPolicy fetchPolicy = upload.map(u -> policy.reaching(u.endpoint())).orElse(policy);
    TextShape shape = TextShape.valueOf(args.getString("format", "text").toUpperCase(Locale.ROOT));
    long started = System.nanoTime();
    return fetcher.fetch(uri, fetchPolicy, "the agent's document_parser max_response_bytes", Map.of())
        .recover(e -> Future.failedFuture(fetchFailure(e)))
        .compose(doc -> {
          Duration left = policy.timeout().minusNanos(System.nanoTime() - started);
          TextLimits limits = new TextLimits(config.maxCharacters(), config.maxPages(),
              left.compareTo(MIN_READ_TIME) < 0 ? MIN_READ_TIME : left);
          return vertx.executeBlocking(() -> DocumentReader.read(uri.toString(), doc.mediaType(), doc.bytes(),
              shape, limits), false).transform(read -> read.succeeded()
                  ? Future.succeededFuture(result(doc, read.result(), shape, upload.isPresent()))
                  : Future.failedFuture(readFailure(read.cause())));
        });
  }

  /** The network rule's refusal stays one (the call is denied); anything else is a failed call with its reason. */
  private static Throwable fetchFailure(Throwable e) {
    if (e instanceof MemoryFailure f && f.getCause() instanceof NetworkDenied denied) {
      return denied;
    }
    return new ToolFailed(e.getMessage());
  }

  private static Throwable readFailure(Throwable e) {
    return new ToolFailed(e instanceof DocumentUnreadable ? e.getMessage()
        : "the document could not be read: " + e);
  }

  private static JsonObject result(Fetched doc, ExtractedText text, TextShape shape, boolean uploaded) {
    JsonObject json = new JsonObject().put("document", doc.url().toString()).put("type", text.format().label())
        .put("media_type", doc.mediaType()).put("bytes", doc.bytes().length)
        .put("format", shape.name().toLowerCase(Locale.ROOT)).put("text", text.text())
        .put("characters", text.text().length()).put("pages", text.pages()).put("truncated", text.truncated())
        .put("uploaded", uploaded);
    text.cutBy().ifPresent(limit -> json.put("truncated_by", limit));
    return json;
  }

  @Override
  public JsonObject auditSummary(JsonObject result) {
    JsonObject summary = result.copy();
    summary.remove("text");
    return summary;
  }
}
