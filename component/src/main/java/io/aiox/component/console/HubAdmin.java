package io.aiox.component.console;

import io.aiox.component.users.UserAccounts;
import io.aiox.policy.access.FederationConfig;
import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.id.OwnerId;
import io.aiox.web.admin.ConsoleAdmin;
import io.aiox.worker.model.ModelRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The console's administration over the operator's rules ({@link UserAccounts}, the hub's configuration). */
public final class HubAdmin implements ConsoleAdmin {
  private final UserAccounts accounts;
  private final OperatorQueries operator;
  private final ModelRegistry models;
  private final Optional<Supplier<Map<String, String>>> unavailable;
  private final FederationConfig federation;

  /**
   * @param unavailable the models this hub's inference failed to load, by name, with why; empty when this hub serves
   *     no turns (its health is then that of the workers elsewhere, not known here)
   */
  public HubAdmin(UserAccounts accounts, OperatorQueries operator, ModelRegistry models,
                  Optional<Supplier<Map<String, String>>> unavailable, FederationConfig federation) {
    this.accounts = accounts;
    this.operator = operator;
    this.models = models;
    this.unavailable = unavailable;
    this.federation = federation;
  }

  @Override
  public Future<List<JsonObject>> users() {
    return operator.allUsers().map(all -> all.stream().map(u -> new JsonObject().put("id", u.user().id().toString())
        .put("username", u.user().username()).put("jid", u.user().xmppJid()).put("agents", u.liveAgents())
        .put("enabled", u.user().enabled()).put("created_at", u.createdAt().toString())).toList());
  }

  @Override
  public Future<JsonObject> createUser(String username) {
    return accounts.add(username).map(made -> new JsonObject().put("id", made.user().id().toString())
        .put("username", made.user().username()).put("jid", made.user().xmppJid()).put("password", made.password()))
        .recover(Refusals::asProblem);
  }

  @Override
  public Future<JsonObject> setQuota(OwnerId user, JsonObject patch) {
    return accounts.setQuota(user, patch).recover(Refusals::asProblem);
  }

  @Override
  public List<JsonObject> models() {
    Map<String, String> down = unavailable.map(Supplier::get).orElse(Map.of());
    return models.names().stream().sorted().map(name -> {
      JsonObject json = HubAgents.model(models, name);
      models.get(name).filter(s -> s.slots() > 0).ifPresent(s -> json.put("slots", s.slots()));
      if (unavailable.isEmpty()) {
        return json.putNull("healthy").put("reason", "this hub serves no turns (inference.serve_turns is false)");
      }
      return down.containsKey(name) ? json.put("healthy", false).put("reason", down.get(name))
          : json.put("healthy", true);
    }).toList();
  }

  @Override
  public JsonObject federation() {
    return federation.toJson();
  }
}
