package io.aiox.web.http;

import io.aiox.web.ConsoleConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's listener: security headers on everything, bodies bounded, each {@link ConsoleRoutes} group mounted,
 * the built front end (classpath folder {@code console/}) at {@code /}, and every error under {@code /api} and
 * {@code /v1} answered as {@code application/problem+json}. {@code start()} completes once the port is bound.
 */
public final class ConsoleServer extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ConsoleServer.class.getName());

  private final ConsoleConfig config;
  private final List<ConsoleRoutes> groups;
  private HttpServer server;
  private List<String> routes = List.of();

  public ConsoleServer(ConsoleConfig config, List<ConsoleRoutes> groups) {
    this.config = config;
    List<ConsoleRoutes> all = new java.util.ArrayList<>(groups);
    all.add(new OpenApiRoutes(groups, "1"));
    this.groups = List.copyOf(all);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders(config.websocketUrl()));
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    router.route("/api/*").handler(bodies);
    router.route("/v1/*").handler(bodies);
    groups.forEach(g -> g.mount(router));
    routes = mounted(router);
    router.route("/api/*").handler(ctx -> ctx.fail(ProblemException.notFound("no such resource: "
        + ctx.request().method() + " " + ctx.request().path() + " (the routes are listed at /api/openapi.json)")));
    router.route("/v1/*").handler(ctx -> ctx.fail(ProblemException.notFound("no such resource: "
        + ctx.request().method() + " " + ctx.request().path())));
    router.route("/*").handler(StaticHandler.create("console").setCachingEnabled(false)
        .setIndexPage("index.html"));
    router.route().failureHandler(this::failed);
    router.errorHandler(404, this::failed);
    router.errorHandler(405, this::failed);
    return vertx.createHttpServer().requestHandler(router).listen(config.port(), config.bind())
        .onSuccess(s -> {
          server = s;
          LOG.info(() -> "console on http://" + config.bind() + ":" + s.actualPort());
        }).recover(e -> Future.failedFuture(new IllegalStateException("console listener on " + config.bind() + ":"
            + config.port() + " could not start: " + e.getMessage(), e)));
  }

  /**
   * Every route the groups mounted, as {@code METHOD /path/{param}} (the OpenAPI spelling), so a test can hold the
   * OpenAPI document and docs/console.md to them.
   */
  public List<String> routes() {
    return routes;
  }

  /** The mounted routes that the OpenAPI document does not describe (none, when every group keeps its fragment). */
  public List<String> undocumented() {
    JsonObject paths = groups.stream().filter(OpenApiRoutes.class::isInstance).map(OpenApiRoutes.class::cast)
        .findFirst().map(o -> o.document().getJsonObject("paths")).orElse(new JsonObject());
    return routes.stream().filter(r -> {
      String[] mp = r.split(" ", 2);
      JsonObject path = paths.getJsonObject(mp[1]);
      return path == null || !path.containsKey(mp[0].toLowerCase(java.util.Locale.ROOT));
    }).toList();
  }

  private static List<String> mounted(Router router) {
    List<String> out = new java.util.ArrayList<>();
    for (io.vertx.ext.web.Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || route.methods().isEmpty() || path.endsWith("*")) {
        continue;
      }
      String spelled = path.replaceAll(":([A-Za-z_]+)", "{$1}");
      route.methods().forEach(m -> out.add(m.name() + " " + spelled));
    }
    return out.stream().distinct().sorted().toList();
  }

  /** The bound port (the chosen one when the configuration asked for port 0). */
  public int port() {
    return server.actualPort();
  }

  private void failed(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Throwable cause = ctx.failure();
    ProblemException problem = switch (cause) {
      case ProblemException p -> p;
      case DecodeException d -> ProblemException.badRequest("the body is not valid JSON: " + d.getMessage());
      case null -> byStatus(ctx);
      default -> {
        LOG.log(Level.WARNING, "console request " + ctx.request().method() + " " + ctx.request().path() + " failed",
            cause);
        yield new ProblemException(new Problem("internal", 500, "Internal Server Error",
            "the request failed; the hub's log says why"));
      }
    };
    if (problem.problem().status() == 429) {
      ctx.response().putHeader("retry-after", String.valueOf(problem.extra().getLong("retry_after_s", 1L)));
    }
    problem.problem().send(ctx.response(), problem.extra());
  }

  private static ProblemException byStatus(RoutingContext ctx) {
    int status = ctx.statusCode();
    return switch (status) {
      case 400 -> ProblemException.badRequest("the request could not be read");
      case 401 -> ProblemException.unauthorized("sign in first");
      case 403 -> ProblemException.forbidden("not allowed");
      case 404 -> ProblemException.notFound("no such resource: " + ctx.request().path());
      case 405 -> new ProblemException(new Problem("method-not-allowed", 405, "Method Not Allowed",
          ctx.request().method() + " is not served on " + ctx.request().path()));
      case 413 -> new ProblemException(new Problem("too-large", 413, "Content Too Large",
          "the body is larger than web.max_body_bytes"));
      case 415 -> new ProblemException(new Problem("unsupported-media-type", 415, "Unsupported Media Type",
          "send application/json"));
      default -> new ProblemException(new Problem("internal", status < 400 ? 500 : status, "Error",
          "the request failed (" + status + ")"));
    };
  }

  /** For routes: the request's JSON object body, or a 400 problem naming what is wrong. */
  public static JsonObject jsonBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw ProblemException.badRequest("the body must be a JSON object");
    }
    try {
      return ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ProblemException.badRequest("the body must be a JSON object: " + e.getMessage());
    }
  }
}
