package io.aiox.testkit.search;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test fixture, not a search engine: a Vert.x HTTP server on 127.0.0.1 (free port) that speaks the part of
 * SearXNG's search API a client uses, {@code GET /search?q=...&format=json} answering
 * {@code {query, number_of_results, results: [{title, url, content, engine, score}]}}, over a fixed list of fixture
 * documents. A document matches when every term of the query occurs in its title or content (case-insensitive);
 * matches are ranked by how often the terms occur. Like SearXNG, a format other than {@code json} is refused with
 * 403; a blank query gets 400; when a key is required, a request without it gets 401.
 */
public final class SearxngFixture implements AutoCloseable {
  /** One indexed fixture document. */
  public record Doc(String title, String url, String content) {}

  private final HttpServer server;
  private final List<Doc> docs;
  private final Optional<Map.Entry<String, String>> requiredHeader;
  private final AtomicInteger searches = new AtomicInteger();
  private final List<String> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

  private SearxngFixture(Vertx vertx, List<Doc> docs, Optional<Map.Entry<String, String>> requiredHeader) {
    this.docs = List.copyOf(docs);
    this.requiredHeader = requiredHeader;
    this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  /** Starts the fixture over these documents. */
  public static SearxngFixture start(Vertx vertx, List<Doc> docs) {
    return new SearxngFixture(vertx, docs, Optional.empty());
  }

  /** Starts the fixture so that it answers only requests carrying {@code header: value}. */
  public static SearxngFixture startRequiring(Vertx vertx, List<Doc> docs, String header, String value) {
    return new SearxngFixture(vertx, docs, Optional.of(Map.entry(header, value)));
  }

  /** Where clients point: {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public int port() {
    return server.actualPort();
  }

  /** How many search requests it answered with results. */
  public int searches() {
    return searches.get();
  }

  /** The queries it was asked, in order. */
  public List<String> queries() {
    return List.copyOf(queries);
  }

  private void handle(HttpServerRequest req) {
    if (!req.path().equals("/search")) {
      req.response().setStatusCode(404).end();
      return;
    }
    if (requiredHeader.isPresent() && !requiredHeader.get().getValue().equals(req.getHeader(
        requiredHeader.get().getKey()))) {
      req.response().setStatusCode(401).end("missing or wrong API key");
      return;
    }
    if (!"json".equals(req.getParam("format"))) {
      req.response().setStatusCode(403).end("format not allowed");
      return;
    }
    String q = req.getParam("q", "").strip();
    if (q.isEmpty()) {
      req.response().setStatusCode(400).end("no query");
      return;
    }
    queries.add(q);
    searches.incrementAndGet();
    JsonArray results = new JsonArray();
    search(q).forEach(d -> results.add(new JsonObject().put("title", d.title()).put("url", d.url())
        .put("content", d.content()).put("engine", "fixture").put("score", score(d, terms(q)))));
    req.response().putHeader("content-type", "application/json").end(new JsonObject().put("query", q)
        .put("number_of_results", results.size()).put("results", results).encode());
  }

  private List<Doc> search(String q) {
    List<String> terms = terms(q);
    List<Doc> hits = new ArrayList<>();
    for (Doc d : docs) {
      String text = (d.title() + " " + d.content()).toLowerCase(Locale.ROOT);
      if (terms.stream().allMatch(text::contains)) {
        hits.add(d);
      }
    }
    hits.sort(Comparator.comparingInt((Doc d) -> score(d, terms)).reversed());
    return hits;
  }

  private static List<String> terms(String q) {
    return Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+")).filter(t -> !t.isEmpty()).toList();
  }

  private static int score(Doc d, List<String> terms) {
    String text = (d.title() + " " + d.content()).toLowerCase(Locale.ROOT);
    int n = 0;
    for (String t : terms) {
      for (int i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + t.length())) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    server.close().await();
  }
}
