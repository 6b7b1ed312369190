package io.aiox.web.agents;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.id.AgentId;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.Caller;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ConsoleServer;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/agents}, {@code /api/models} and {@code /api/tools} (docs/console.md). A caller reaches their own
 * agents; an admin reaches everyone's. Any other id is a 404 with the same words as an id that does not exist, and
 * when the agent does exist the attempt is appended to its owner's audit chain ({@value #DENIED}).
 */
public final class AgentRoutes implements ConsoleRoutes {
  /** The audit event of a caller naming another owner's agent. */
  public static final String DENIED = "console.denied";

  private final Authenticator auth;
  private final ConsoleAgents agents;
  private final AuditLog audit;

  public AgentRoutes(Authenticator auth, ConsoleAgents agents, AuditLog audit) {
    this.auth = auth;
    this.agents = agents;
    this.audit = audit;
  }

  @Override
  public void mount(Router router) {
    for (String path : List.of("/api/agents", "/api/agents/*", "/api/models", "/api/tools")) {
      router.route(path).handler(auth.signedIn());
    }
    router.get("/api/agents").handler(this::list);
    router.post("/api/agents").handler(this::create);
    router.get("/api/agents/:id").handler(ctx -> answer(ctx, 200, target(ctx, "get").compose(this::view)));
    router.patch("/api/agents/:id").handler(ctx -> {
      AgentInput changes = AgentInput.fromJson(ConsoleServer.jsonBody(ctx));
      answer(ctx, 200, target(ctx, "update").compose(a -> agents.update(a, changes)).compose(this::view));
    });
    router.delete("/api/agents/:id").handler(ctx -> target(ctx, "delete").compose(agents::delete)
        .onSuccess(a -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    router.put("/api/agents/:id/tools/:tool").handler(this::tool);
    router.get("/api/models").handler(ctx -> json(ctx, 200, new JsonObject()
        .put("models", new JsonArray(List.copyOf(agents.models())))));
    router.get("/api/tools").handler(ctx -> json(ctx, 200, agents.tools()));
  }

  @Override
  public Optional<String> openApi() {
    return Optional.of("openapi/agents.json");
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    boolean all = "true".equals(ctx.request().getParam("all"));
    if (all && !caller.admin()) {
      throw ProblemException.forbidden("all=true lists every owner's agents and needs the admin role");
    }
    Future<List<Agent>> listed = all ? agents.all() : agents.list(caller.owner());
    answer(ctx, 200, listed.compose(list -> Future.all(list.stream().map(a -> ownerName(caller, a)
        .map(name -> AgentView.summary(a, name))).toList()).map(done -> new JsonObject()
        .put("agents", new JsonArray(done.list())))));
  }

  private Future<String> ownerName(Caller caller, Agent a) {
    return a.owner().equals(caller.owner()) ? Future.succeededFuture(caller.username())
        : agents.details(a).map(AgentDetails::ownerName);
  }

  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    AgentInput input = AgentInput.fromJson(ConsoleServer.jsonBody(ctx));
    // an admin is the operator's door, not held to agents.max_per_user (rfc section 8.1)
    answer(ctx, 201, agents.create(caller.owner(), !caller.admin(), input).compose(this::view));
  }

  private void tool(RoutingContext ctx) {
    String name = ctx.pathParam("tool");
    JsonObject body = ConsoleServer.jsonBody(ctx);
    if (!(body.getValue("enabled") instanceof Boolean enabled)) {
      throw ProblemException.badRequest("enabled must be true or false");
    }
    if (body.getValue("policy") != null && !(body.getValue("policy") instanceof JsonObject)) {
      throw ProblemException.badRequest("policy must be a JSON object of overrides of the tool's default policy");
    }
    JsonObject policy = body.getJsonObject("policy", new JsonObject());
    answer(ctx, 200, target(ctx, "tool").compose(a -> agents.setTool(a, name, enabled, policy))
        .map(stored -> new JsonObject().put("name", name).put("enabled", enabled).put("policy", stored)));
  }

  private Future<JsonObject> view(Agent agent) {
    return agents.details(agent).map(d -> AgentView.of(agent, d));
  }

  /**
   * The agent the path names, when the caller may reach it: their own, or anyone's for an admin. Otherwise 404, and
   * when it exists, an entry in its owner's chain naming the route and the caller.
   */
  private Future<Agent> target(RoutingContext ctx, String route) {
    Caller caller = Caller.of(ctx);
    String text = ctx.pathParam("id");
    AgentId id;
    try {
      id = AgentId.parse(text);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(notFound(text));
    }
    return agents.find(id).compose(found -> {
      if (found.isEmpty() || found.get().deleted() && !"get".equals(route)) {
        return Future.failedFuture(notFound(text));
      }
      Agent agent = found.get();
      if (agent.owner().equals(caller.owner()) || caller.admin()) {
        return Future.succeededFuture(agent);
      }
      JsonObject details = new JsonObject().put("route", ctx.request().method().name() + " "
          + ctx.request().path()).put("caller_id", caller.owner().toString()).put("caller", caller.username());
      return audit.append(new AuditEvent(agent.owner(), Optional.of(agent.id()), DENIED, Severity.WARNING,
          caller.jid(), details)).transform(logged -> Future.failedFuture(notFound(text)));
    });
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("you have no agent " + id);
  }

  private static void answer(RoutingContext ctx, int status, Future<JsonObject> body) {
    body.onSuccess(json -> json(ctx, status, json)).onFailure(ctx::fail);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
