package io.aiox.web.admin;

import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the administration group asks of the hub, under the same rules as the operator's CLI ({@code ./aiox user
 * add}, {@code user set --quota}). A refusal fails the future with a {@link io.aiox.web.http.ProblemException}.
 */
public interface ConsoleAdmin {
  /** Every user, oldest first: {@code {id, username, jid, agents (live), created_at}}. */
  Future<List<JsonObject>> users();

  /**
   * Registers the XMPP account with a generated password and creates the hub user:
   * {@code {id, username, jid, password}}; the password is not kept anywhere else.
   */
  Future<JsonObject> createUser(String username);

  /** Merges the patch into the user's {@code quota_config} (null removes a key), checked; the stored config. */
  Future<JsonObject> setQuota(OwnerId user, JsonObject patch);

  /** The configured models with their health here: {@code {name, provider, local, default, healthy, ...}}. */
  List<JsonObject> models();

  /** The federation policy in force (the {@code federation} section). */
  JsonObject federation();
}
