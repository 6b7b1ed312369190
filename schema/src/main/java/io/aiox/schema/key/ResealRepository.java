package io.aiox.schema.key;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A rotation's second half: finds the owner's values sealed under an older data key version and swaps in their
 * re-sealed form. Each swap is a compare-and-set on the old ciphertext, so a value written meanwhile (by a hub
 * that set a new prompt, say) is never overwritten with the re-encrypted old one.
 */
public final class ResealRepository {
  private final OwnerScope scope;

  public ResealRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Up to {@code limit} of the owner's values (deleted agents' included) not sealed under {@code version}. */
  public Future<List<StaleValue>> stale(OwnerId owner, int version, int limit) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT 'agent' AS kind, id::text AS ref, system_prompt_enc AS ciphertext,"
            + " system_prompt_key AS key_version FROM agents"
            + " WHERE owner_user_id = $1 AND system_prompt_key IS NOT NULL AND system_prompt_key <> $2"
            + " UNION ALL SELECT 'secret', name, ciphertext, key_version FROM owner_secrets"
            + " WHERE owner_user_id = $1 AND key_version <> $2 LIMIT $3")
        .execute(Tuple.of(owner.value(), version, limit)).map(rows -> {
          List<StaleValue> stale = new ArrayList<>(rows.size());
          rows.forEach(r -> stale.add(toStale(r)));
          return stale;
        }));
  }

  /** Replaces {@code old} with {@code next} where it still is; false when the value changed meanwhile. */
  public Future<Boolean> replace(OwnerId owner, StaleValue old, Sealed next) {
    Tuple args = Tuple.of(owner.value(), next.buffer(), next.keyVersion(), old.sealed().buffer());
    String sql = switch (old.field()) {
      case SealedField.AgentPrompt p -> {
        args.addUUID(p.agent().value());
        yield "UPDATE agents SET system_prompt_enc = $2, system_prompt_key = $3"
            + " WHERE owner_user_id = $1 AND system_prompt_enc = $4 AND id = $5";
      }
      case SealedField.OwnerSecret s -> {
        args.addString(s.name().value());
        yield "UPDATE owner_secrets SET ciphertext = $2, key_version = $3"
            + " WHERE owner_user_id = $1 AND ciphertext = $4 AND name = $5";
      }
    };
    return scope.run(owner, conn -> conn.preparedQuery(sql).execute(args).map(rows -> rows.rowCount() == 1));
  }

  private static StaleValue toStale(Row r) {
    String ref = r.getString("ref");
    SealedField field = r.getString("kind").equals("agent") ? new SealedField.AgentPrompt(AgentId.parse(ref))
        : new SealedField.OwnerSecret(new SecretName(ref));
    return new StaleValue(field, new Sealed(r.getBuffer("ciphertext").getBytes(), r.getInteger("key_version")));
  }
}
