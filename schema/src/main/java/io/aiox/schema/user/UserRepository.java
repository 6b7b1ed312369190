package io.aiox.schema.user;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
import java.util.Optional;

/** Users and their linked JIDs. Lookups by JID or name cross owners through SECURITY DEFINER functions only. */
public final class UserRepository {
  private final OwnerScope scope;

  public UserRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Creates a user whose XMPP account is {@code xmppJid}; the username must be free. */
  public Future<User> create(String username, String xmppJid) {
    OwnerId id = OwnerId.random();
    return scope.run(id, conn -> conn
        .preparedQuery("INSERT INTO users (id, username, xmpp_jid) VALUES ($1, $2, $3)"
            + " RETURNING id, username, xmpp_jid, disabled_at")
        .execute(Tuple.of(id.value(), username, xmppJid.toLowerCase(Locale.ROOT)))
        .map(rows -> toUser(rows.iterator().next())));
  }

  /** The user whose account, or one of whose linked JIDs, is this bare JID. */
  public Future<Optional<User>> findByJid(String bareJid) {
    return scope.pool().preparedQuery("SELECT * FROM aiox_user_by_jid($1)")
        .execute(Tuple.of(bareJid)).map(UserRepository::first);
  }

  /** The owner's own row, read as that owner. */
  public Future<Optional<User>> findById(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT id, username, xmpp_jid, disabled_at FROM users WHERE id = $1")
        .execute(Tuple.of(owner.value())).map(UserRepository::first));
  }

  public Future<Optional<User>> findByName(String username) {
    return scope.pool().preparedQuery("SELECT * FROM aiox_user_by_name($1)")
        .execute(Tuple.of(username)).map(UserRepository::first);
  }

  /** The user's role ({@code user} or {@code admin}), read as that owner; empty when there is no such user. */
  public Future<Optional<String>> role(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT role FROM users WHERE id = $1")
        .execute(Tuple.of(owner.value()))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0))));
  }

  /** Sets the user's role ({@code user} or {@code admin}; the table refuses anything else). */
  public Future<Void> setRole(OwnerId owner, String role) {
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE users SET role = $2 WHERE id = $1")
        .execute(Tuple.of(owner.value(), role)).mapEmpty());
  }

  /** Lets the owner reach their private agents from another address (another account, a federated hub). */
  public Future<Void> linkJid(OwnerId owner, String bareJid) {
    return scope.run(owner, conn -> conn
        .preparedQuery("INSERT INTO user_linked_jids (owner_user_id, jid) VALUES ($1, $2)")
        .execute(Tuple.of(owner.value(), bareJid.toLowerCase(Locale.ROOT))).mapEmpty());
  }

  /** Removes a linked JID; false when it was not linked to this owner (their own account JID never is). */
  public Future<Boolean> unlinkJid(OwnerId owner, String bareJid) {
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM user_linked_jids WHERE owner_user_id = $1 AND jid = $2")
        .execute(Tuple.of(owner.value(), bareJid.toLowerCase(Locale.ROOT))).map(rows -> rows.rowCount() == 1));
  }

  private static Optional<User> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toUser(rows.iterator().next()));
  }

  private static User toUser(Row r) {
    return new User(new OwnerId(r.getUUID("id")), r.getString("username"), r.getString("xmpp_jid"),
        r.getOffsetDateTime("disabled_at"));
  }
}
