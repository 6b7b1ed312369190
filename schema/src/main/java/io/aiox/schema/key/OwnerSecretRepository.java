package io.aiox.schema.key;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Owner-level secrets (provider API keys, tool secrets), stored sealed; plaintext never reaches this class. */
public final class OwnerSecretRepository {
  private final OwnerScope scope;

  public OwnerSecretRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Stores or replaces the secret {@code name}. */
  public Future<Void> put(OwnerId owner, SecretName name, Sealed sealed) {
    return scope.run(owner, conn -> conn
        .preparedQuery("INSERT INTO owner_secrets (owner_user_id, name, ciphertext, key_version)"
            + " VALUES ($1, $2, $3, $4) ON CONFLICT (owner_user_id, name) DO UPDATE"
            + " SET ciphertext = EXCLUDED.ciphertext, key_version = EXCLUDED.key_version, updated_at = now()")
        .execute(Tuple.of(owner.value(), name.value(), sealed.buffer(), sealed.keyVersion())).mapEmpty());
  }

  public Future<Optional<Sealed>> get(OwnerId owner, SecretName name) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT ciphertext, key_version FROM owner_secrets WHERE owner_user_id = $1 AND name = $2")
        .execute(Tuple.of(owner.value(), name.value()))
        .map(rows -> rows.size() == 0 ? Optional.<Sealed>empty() : Optional.of(sealed(rows.iterator().next()))));
  }

  private static Sealed sealed(Row r) {
    return new Sealed(r.getBuffer("ciphertext").getBytes(), r.getInteger("key_version"));
  }

  /** True when there was such a secret. */
  public Future<Boolean> delete(OwnerId owner, SecretName name) {
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM owner_secrets WHERE owner_user_id = $1 AND name = $2")
        .execute(Tuple.of(owner.value(), name.value())).map(rows -> rows.rowCount() == 1));
  }

  /** The names of the owner's secrets, sorted; the values stay sealed. */
  public Future<List<SecretName>> names(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT name FROM owner_secrets WHERE owner_user_id = $1 ORDER BY name")
        .execute(Tuple.of(owner.value())).map(rows -> {
          List<SecretName> names = new ArrayList<>(rows.size());
          rows.forEach(r -> names.add(new SecretName(r.getString(0))));
          return names;
        }));
  }
}
