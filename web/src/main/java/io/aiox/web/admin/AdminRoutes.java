package io.aiox.web.admin;

import io.aiox.schema.id.OwnerId;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.Role;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ConsoleServer;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code /api/admin/*} (docs/console.md, "Administration"): signed in with the admin role, or 403. */
public final class AdminRoutes implements ConsoleRoutes {
  private static final Set<String> USER_MEMBERS = Set.of("username", "role");
  private static final Set<String> PATCH_MEMBERS = Set.of("role", "quota");

  private final Authenticator auth;
  private final ConsoleAdmin admin;
  private final UserRoles roles;

  public AdminRoutes(Authenticator auth, ConsoleAdmin admin, UserRoles roles) {
    this.auth = auth;
    this.admin = admin;
    this.roles = roles;
  }

  @Override
  public void mount(Router router) {
    router.route("/api/admin/*").handler(auth.signedIn()).handler(Authenticator.adminOnly());
    router.get("/api/admin/users").handler(this::users);
    router.post("/api/admin/users").handler(this::create);
    router.patch("/api/admin/users/:id").handler(this::change);
    router.get("/api/admin/models").handler(ctx -> json(ctx, 200, new JsonObject()
        .put("models", new JsonArray(List.copyOf(admin.models())))));
    router.get("/api/admin/federation").handler(ctx -> json(ctx, 200, admin.federation()));
  }

  @Override
  public Optional<String> openApi() {
    return Optional.of("openapi/admin.json");
  }

  private void users(RoutingContext ctx) {
    answer(ctx, 200, admin.users().compose(users -> Future.all(users.stream().map(u -> roles
        .role(OwnerId.parse(u.getString("id"))).map(r -> u.copy().put("role", r.wire()))).toList()))
        .map(all -> new JsonObject().put("users", new JsonArray(all.list()))));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = ConsoleServer.jsonBody(ctx);
    only(body, USER_MEMBERS);
    if (!(body.getValue("username") instanceof String username)) {
      throw ProblemException.badRequest("username is required: lower-case letters, digits, '.', '_' or '-'");
    }
    Role role = role(body).orElse(Role.USER);
    answer(ctx, 201, admin.createUser(username).compose(user -> roles
        .setRole(OwnerId.parse(user.getString("id")), role).map(v -> user.copy().put("role", role.wire()))));
  }

  private void change(RoutingContext ctx) {
    OwnerId user = userId(ctx.pathParam("id"));
    JsonObject body = ConsoleServer.jsonBody(ctx);
    only(body, PATCH_MEMBERS);
    Optional<Role> role = role(body);
    Object quota = body.getValue("quota");
    if (quota != null && !(quota instanceof JsonObject)) {
      throw ProblemException.badRequest("quota must be a JSON object merged into the user's quota_config, e.g."
          + " {\"max_tokens_per_day\": 200000}");
    }
    if (role.isEmpty() && quota == null) {
      throw ProblemException.badRequest("nothing to change: give role or quota");
    }
    JsonObject answer = new JsonObject().put("id", user.toString());
    Future<Void> quotaSet = quota == null ? Future.succeededFuture()
        : admin.setQuota(user, (JsonObject) quota).map(stored -> {
          answer.put("quota", stored);
          return null;
        });
    // the quota first: it is the step that checks the user exists and refuses bad values
    answer(ctx, 200, quotaSet.compose(v -> role.map(r -> roles.setRole(user, r)).orElse(Future.succeededFuture()))
        .compose(v -> roles.role(user)).map(r -> answer.put("role", r.wire())));
  }

  private static OwnerId userId(String text) {
    try {
      return OwnerId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("no user " + text);
    }
  }

  private static Optional<Role> role(JsonObject body) {
    Object v = body.getValue("role");
    if (v == null) {
      return Optional.empty();
    }
    for (Role r : Role.values()) {
      if (r.wire().equals(String.valueOf(v).toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    throw ProblemException.badRequest("role must be user or admin, was " + v);
  }

  private static void only(JsonObject body, Set<String> members) {
    body.fieldNames().stream().filter(k -> !members.contains(k)).findFirst().ifPresent(k -> {
      throw ProblemException.badRequest("unknown member " + k + " (known: " + members.stream().sorted().toList()
          + ")");
    });
  }

  private static void answer(RoutingContext ctx, int status, Future<JsonObject> body) {
    body.onSuccess(json -> json(ctx, status, json)).onFailure(ctx::fail);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
