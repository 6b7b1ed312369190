package io.aiox.component.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.aiox.web.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The operator's HTTP listener: {@code GET /metrics} (Prometheus text format 0.0.4), {@code GET /health/live} (the
 * process answers) and {@code GET /health/ready} (every dependency answers: 200, else 503 naming the failing
 * checks). Any other request gets a problem document. {@code start()} completes once the port is bound.
 */
public final class ObservabilityServer extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ObservabilityServer.class.getName());
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final ObservabilityConfig config;
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness;
  private final Supplier<Future<Void>> beforeScrape;
  private HttpServer server;

  /** {@code beforeScrape} brings values read from elsewhere up to date; it always completes, and promptly. */
  public ObservabilityServer(ObservabilityConfig config, PrometheusMeterRegistry registry, Readiness readiness,
                             Supplier<Future<Void>> beforeScrape) {
    this.config = config;
    this.registry = registry;
    this.readiness = readiness;
    this.beforeScrape = beforeScrape;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::metrics);
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
    router.get("/health/ready").handler(this::ready);
    router.errorHandler(404, ctx -> new Problem("not-found", 404, "Not Found", "no such resource: "
        + ctx.request().path() + " (try /metrics, /health/live or /health/ready)").send(ctx.response(),
        new JsonObject()));
    router.errorHandler(405, ctx -> new Problem("method-not-allowed", 405, "Method Not Allowed",
        "only GET is served here").send(ctx.response(), new JsonObject()));
    router.errorHandler(500, ctx -> new Problem("internal", 500, "Internal Server Error",
        "the request failed; the hub's log says why").send(ctx.response(), new JsonObject()));
    return vertx.createHttpServer().requestHandler(router).listen(config.port(), config.bind())
        .onSuccess(s -> {
          server = s;
          LOG.info(() -> "metrics and health on http://" + config.bind() + ":" + s.actualPort());
        }).recover(e -> Future.failedFuture(new IllegalStateException("observability listener on "
            + config.bind() + ":" + config.port() + " could not start: " + e.getMessage(), e)));
  }

  /** The bound port (the chosen one when the configuration asked for port 0). */
  public int port() {
    return server.actualPort();
  }

  private void metrics(RoutingContext ctx) {
    // Collecting the JVM's meters walks threads and memory pools: off the event loop.
    beforeScrape.get().compose(v -> vertx.executeBlocking(registry::scrape, false)).onComplete(r -> {
      if (r.succeeded()) {
        ctx.response().putHeader("content-type", METRICS_CONTENT_TYPE).end(r.result());
      } else {
        LOG.warning(() -> "metrics scrape failed: " + r.cause());
        ctx.fail(500);
      }
    });
  }

  private void ready(RoutingContext ctx) {
    readiness.check().onSuccess(report -> {
      JsonObject checks = new JsonObject().put("checks", report.checks());
      if (report.ready()) {
        json(ctx, 200, new JsonObject().put("status", "up").mergeIn(checks));
      } else {
        new Problem("not-ready", 503, "Not Ready", "the hub cannot serve turns: " + report.failures())
            .send(ctx.response(), checks);
      }
    });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
