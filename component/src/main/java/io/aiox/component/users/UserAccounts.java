package io.aiox.component.users;

import io.aiox.component.users.UserRefused.Kind;
import io.aiox.component.xmpp.XmppAccounts;
import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.NoSuchElementException;

/**
 * Creates hub users with their XMPP accounts and changes their quotas, with one set of rules for the operator's
 * CLI ({@code user add}, {@code user set --quota}) and the console's administration.
 */
public final class UserAccounts {
  /** The usernames the {@code users} table accepts, which are also valid XMPP localparts. */
  public static final String NAME = "[a-z0-9][a-z0-9._-]{0,63}";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final XmppAccounts accounts;
  private final UserRepository users;
  private final QuotaRepository quotas;

  public UserAccounts(Vertx vertx, XmppAccounts accounts, UserRepository users, QuotaRepository quotas) {
    this.vertx = vertx;
    this.accounts = accounts;
    this.users = users;
    this.quotas = quotas;
  }

  /** A user just made, with the generated password of their XMPP account (shown once, kept nowhere). */
  public record NewUser(User user, String password) {}

  /** Registers {@code name@domain} with a generated password, then the hub user for it. */
  public Future<NewUser> add(String name) {
    if (name == null || !name.matches(NAME)) {
      return Future.failedFuture(new UserRefused(Kind.INVALID, "user name must be lower-case letters, digits, '.',"
          + " '_' or '-' (at most 64), was " + name));
    }
    String password = password();
    return users.findByName(name).compose(found -> found.isPresent()
        ? Future.failedFuture(new UserRefused(Kind.EXISTS, "user " + name + " exists already"))
        // ejabberd's admin API is blocking HTTP
        : vertx.executeBlocking(() -> accounts.register(name, password), false))
        .compose(jid -> users.create(name, jid)).map(user -> new NewUser(user, password));
  }

  /** Merges {@code patch} into the owner's {@code quota_config} (a key set to null is removed), checked. */
  public Future<JsonObject> setQuota(OwnerId owner, JsonObject patch) {
    return quotas.updateConfig(owner, current -> {
      JsonObject merged = current.copy().mergeIn(patch);
      merged.fieldNames().removeIf(k -> merged.getValue(k) == null);
      try {
        QuotaDefaults.checkOwnerConfig(merged);
      } catch (IllegalArgumentException e) {
        throw new UserRefused(Kind.INVALID, e.getMessage());
      }
      return merged;
    }).recover(e -> Future.failedFuture(e instanceof NoSuchElementException
        ? new UserRefused(Kind.NOT_FOUND, "no user " + owner) : e));
  }

  private static String password() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
