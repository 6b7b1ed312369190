package io.aiox.policy.crypto;

import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.ResealRepository;
import io.aiox.schema.key.StaleValue;
import io.aiox.schema.key.TenantKeyRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Key rotation while hubs keep serving. A new data key version seals from the moment it exists, every older
 * version keeps opening, and the values are re-sealed in place one by one (compare-and-set, so a concurrent write
 * wins). A new master key re-wraps the data keys without changing them, so no value needs re-sealing. Either pass
 * can be interrupted and run again: it picks up what is left.
 */
public final class KeyRotation {
  private static final Logger LOG = Logger.getLogger(KeyRotation.class.getName());
  private static final int PAGE = 100;

  private final Envelopes envelopes;
  private final TenantKeyRepository keys;
  private final ResealRepository reseal;

  KeyRotation(Envelopes envelopes, TenantKeyRepository keys, ResealRepository reseal) {
    this.envelopes = envelopes;
    this.keys = keys;
    this.reseal = reseal;
  }

  /**
   * What a pass did: owners visited, data keys added or re-wrapped, values re-sealed, and values left as they were
   * because they do not open (altered in the database; each is logged with its owner and row).
   */
  public record Report(int owners, int dataKeys, int values, int unreadable) {
    Report plus(Report o) {
      return new Report(owners + o.owners, dataKeys + o.dataKeys, values + o.values, unreadable + o.unreadable);
    }
  }

  /** Every owner with data keys gets a new version, and their values are re-sealed with it. */
  public Future<Report> rotateDataKeys() {
    return eachOwner(owner -> envelopes.keys().rotate(owner).compose(key -> resealAll(owner, key))
        .map(r -> new Report(1, 1, 0, 0).plus(r)));
  }

  /** Every data key not wrapped by the current master key is re-wrapped by it. */
  public Future<Report> rewrapDataKeys() {
    return eachOwner(owner -> envelopes.keys().rewrap(owner).map(n -> new Report(1, n, 0, 0)));
  }

  /** Puts a new master key at the top of the key file (blocking: call it off the event loop), then re-wraps. */
  public Future<Report> rotateMasterKey(MasterKey next) {
    try {
      envelopes.keys().masterKeys().addCurrent(next);
    } catch (CryptoFailure e) {
      return Future.failedFuture(e);
    }
    return rewrapDataKeys();
  }

  /** Re-seals the owner's values that an older data key version sealed. */
  public Future<Report> reseal(OwnerId owner) {
    return envelopes.keys().current(owner).compose(key -> resealAll(owner, key));
  }

  /** How many data keys each master key wraps (all owners): a master key at 0 may leave the key file. */
  public Future<Map<String, Long>> masterKeyUsage() {
    return keys.countByMasterKey();
  }

  /** The master keys this process holds, current first. */
  public List<String> masterKeyIds() {
    return envelopes.keys().masterKeys().ring().ids();
  }

  private Future<Report> resealAll(OwnerId owner, DataKey key) {
    return reseal.stale(owner, key.version(), PAGE).compose(batch -> {
      Future<Report> done = Future.succeededFuture(new Report(0, 0, 0, 0));
      for (StaleValue value : batch) {
        done = done.compose(r -> resealOne(owner, key, value).map(r::plus));
      }
      // A full page that made progress may have more behind it; one with nothing re-sealed would only repeat.
      return done.compose(r -> batch.size() < PAGE || r.values() == 0 ? Future.succeededFuture(r)
          : resealAll(owner, key).map(r::plus));
    });
  }

  private Future<Report> resealOne(OwnerId owner, DataKey key, StaleValue value) {
    return envelopes.open(owner, value.field(), value.sealed())
        .compose(plain -> reseal.replace(owner, value, Envelopes.seal(key, value.field(), plain)))
        .map(replaced -> new Report(0, 0, replaced ? 1 : 0, 0))
        .recover(e -> {
          if (!(e instanceof CryptoFailure c) || c.kind() != CryptoFailure.Kind.CANNOT_OPEN) {
            return Future.failedFuture(e);
          }
          // One altered row must not stop the rotation of everyone else's keys; it stays on its old version.
          LOG.warning(() -> "rotation left " + Envelopes.describe(value.field()) + " of owner " + owner
              + " on its old data key: " + e.getMessage());
          return Future.succeededFuture(new Report(0, 0, 0, 1));
        });
  }

  private Future<Report> eachOwner(Function<OwnerId, Future<Report>> work) {
    return page(null, work, new Report(0, 0, 0, 0));
  }

  private Future<Report> page(OwnerId after, Function<OwnerId, Future<Report>> work, Report sofar) {
    return keys.owners(after, PAGE).compose(owners -> {
      Future<Report> total = Future.succeededFuture(sofar);
      for (OwnerId owner : owners) {
        total = total.compose(r -> work.apply(owner).map(r::plus));
      }
      return owners.size() < PAGE ? total : total.compose(r -> page(owners.getLast(), work, r));
    });
  }
}
