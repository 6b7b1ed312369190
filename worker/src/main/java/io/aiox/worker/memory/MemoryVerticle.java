package io.aiox.worker.memory;

import io.aiox.policy.tool.net.HostResolver;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.schema.Database;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.tool.AgentToolRepository;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Serves {@link MemoryService} on the event bus ({@link MemoryBus#ADDRESS}) and runs the retention sweep every
 * {@link MemoryOptions#sweepInterval()}. It shares the embedding model of the node's inference verticle, which
 * deploys it.
 */
public final class MemoryVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(MemoryVerticle.class.getName());

  private final Database database;
  private final Embedder embedder;
  private final MemoryOptions options;
  private final HostResolver resolver;
  private TrustedUploads uploads = TrustedUploads.NONE;
  private RetentionJob retention;
  private boolean sweeping;

  public MemoryVerticle(Database database, Embedder embedder, MemoryOptions options, HostResolver resolver) {
    this.database = database;
    this.embedder = embedder;
    this.options = options;
    this.resolver = resolver;
  }

  /** The hub's own upload services, whose files are fetched under the operator's rule; before deployment. */
  public MemoryVerticle withUploads(TrustedUploads uploads) {
    this.uploads = uploads;
    return this;
  }

  @Override
  public Future<?> start() {
    MemoryRepository memories = new MemoryRepository(database.ownerScope(), options.exactLimit(), options.efSearch());
    DocumentIngest documents = new DocumentIngest(vertx, embedder, memories, Chunker.defaults());
    DocumentFetcher fetcher = new DocumentFetcher(vertx, new NetworkGuard(resolver == null
        ? HostResolver.system(vertx) : resolver));
    MemoryService service = new MemoryService(embedder, memories, documents, fetcher,
        new AgentToolRepository(database.ownerScope()), new AuditLog(database.ownerScope()), uploads);
    retention = new RetentionJob(memories, options.retention(), Clock.systemUTC());
    vertx.setPeriodic(options.sweepInterval().toMillis(), id -> sweep());
    return new MemoryBus(service).register(vertx.eventBus()).completion();
  }

  private void sweep() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    retention.sweep().onComplete(r -> {
      sweeping = false;
      if (r.failed()) {
        LOG.warning(() -> "memory retention sweep failed: " + r.cause());
      } else if (r.result() > 0) {
        LOG.info(() -> "memory retention sweep removed " + r.result() + " memories of deleted agents");
      }
    });
  }
}
