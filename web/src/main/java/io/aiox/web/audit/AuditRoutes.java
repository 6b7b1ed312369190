package io.aiox.web.audit;

import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.audit.AuditEntries;
import io.aiox.schema.audit.AuditEntry;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.ChainReport;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ProblemException;
import io.aiox.web.usage.Params;
import io.aiox.web.usage.Subject;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/audit} (the chain, newest first, in pages going back by sequence number, of one agent when asked)
 * and {@code GET /api/audit/verify} (the whole chain recomputed). An owner reads their own chain; an admin names
 * another with {@code ?owner=}. An agent filter naming another owner's agent is 404, audited in the caller's chain.
 */
public final class AuditRoutes implements ConsoleRoutes {
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 500;

  private final Authenticator auth;
  private final AuditEntries entries;
  private final AgentRepository agents;
  private final AuditLog audit;

  public AuditRoutes(Authenticator auth, AuditEntries entries, AgentRepository agents, AuditLog audit) {
    this.auth = auth;
    this.entries = entries;
    this.agents = agents;
    this.audit = audit;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/audit").handler(auth.signedIn()).handler(this::page);
    router.get("/api/audit/verify").handler(auth.signedIn()).handler(this::verify);
  }

  @Override
  public Optional<String> openApi() {
    return Optional.of("openapi/audit.json");
  }

  private void page(RoutingContext ctx) {
    int limit = (int) Params.number(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    Optional<Long> before = ctx.request().getParam("before") == null ? Optional.empty()
        : Optional.of(Params.number(ctx, "before", 0, 1, Long.MAX_VALUE));
    Subject.of(ctx, false, audit).compose(s -> {
      OwnerId owner = ((Subject.One) s).owner();
      return agentFilter(ctx, owner).compose(agent -> entries.page(owner, agent, before, limit));
    }).onSuccess(list -> send(ctx, new JsonObject().put("entries", json(list))
        .put("next_before", list.size() == limit ? list.getLast().seq() : null))).onFailure(ctx::fail);
  }

  /** The {@code agent} parameter, when given, as one of {@code owner}'s agents (deleted ones included). */
  private Future<Optional<AgentId>> agentFilter(RoutingContext ctx, OwnerId owner) {
    String asked = ctx.request().getParam("agent");
    if (asked == null) {
      return Future.succeededFuture(Optional.empty());
    }
    Optional<AgentId> id = Params.uuid(asked).map(AgentId::new);
    if (id.isEmpty()) {
      return Future.failedFuture(ProblemException.badRequest("agent must be an agent id (a UUID), was " + asked));
    }
    return agents.get(owner, id.get()).compose(found -> found.isPresent() ? Future.succeededFuture(id)
        : Subject.Denials.deny(ctx, audit, ProblemException.notFound("no agent " + asked + " of this owner"),
            new JsonObject().put("agent", asked)));
  }

  private void verify(RoutingContext ctx) {
    Subject.of(ctx, false, audit).compose(s -> entries.verify(((Subject.One) s).owner()))
        .onSuccess(report -> send(ctx, json(report))).onFailure(ctx::fail);
  }

  private static JsonArray json(List<AuditEntry> list) {
    JsonArray out = new JsonArray();
    list.forEach(e -> out.add(new JsonObject().put("seq", e.seq()).put("at", e.at().toString())
        .put("event", e.event()).put("severity", e.severity())
        .put("agent_id", e.agent().map(AgentId::toString).orElse(null)).put("actor", e.actor())
        .put("detail", e.details())));
    return out;
  }

  private static JsonObject json(ChainReport report) {
    JsonArray breaks = new JsonArray();
    report.broken().ifPresent(b -> breaks.add(new JsonObject().put("seq", b.seq()).put("entry", b.entry().toString())
        .put("reason", b.reason().code()).put("detail", b.detail())));
    return new JsonObject().put("owner", report.owner().toString()).put("intact", report.holds())
        .put("checked", report.entries()).put("head_seq", report.headSeq()).put("head_hash", report.headHash())
        .put("breaks", breaks);
  }

  private static void send(RoutingContext ctx, JsonObject json) {
    ctx.response().putHeader("content-type", "application/json").end(json.encode());
  }
}
