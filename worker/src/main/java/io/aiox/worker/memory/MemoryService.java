package io.aiox.worker.memory;

import io.aiox.policy.tool.PolicyInvalid;
import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.policy.tool.net.OperatorEndpoint;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.memory.Memory;
import io.aiox.schema.memory.MemoryId;
import io.aiox.schema.memory.MemoryKind;
import io.aiox.schema.memory.MemoryRepository;
import io.aiox.schema.memory.NewMemory;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.tool.ToolBinding;
import io.aiox.worker.memory.DocumentIngest.Added;
import io.aiox.worker.memory.MemoryFailure.Kind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What an owner does with an agent's long-term memory: remember a fact, forget memories, list them, add a document
 * (uploaded, or fetched from a URL under the agent's {@code http_request} network rule). The XMPP ad-hoc commands
 * and the web console reach it over the event bus ({@link MemoryVerticle}); every call names the owner and the
 * agent. Documents fetched by URL are written to the owner's audit log, refused or not.
 */
public final class MemoryService {
  public static final int MAX_FACT_CHARS = 4_000;
  public static final int MAX_LIST = 200;
  /** A URL is kept whole in the audit log up to this length; the owner may paste anything. */
  private static final int MAX_AUDITED_URL = 2_048;
  private static final String OWNER_SOURCE = "told by the owner";
  private static final Logger LOG = Logger.getLogger(MemoryService.class.getName());

  private final Embedder embedder;
  private final MemoryRepository memories;
  private final DocumentIngest documents;
  private final DocumentFetcher fetcher;
  private final AgentToolRepository tools;
  private final AuditLog audit;
  private final TrustedUploads uploads;

  /** {@code uploads}: the hub's own upload services, whose files are fetched under the operator's rule. */
  public MemoryService(Embedder embedder, MemoryRepository memories, DocumentIngest documents,
                       DocumentFetcher fetcher, AgentToolRepository tools, AuditLog audit, TrustedUploads uploads) {
    this.uploads = uploads;
    this.embedder = embedder;
    this.memories = memories;
    this.documents = documents;
    this.fetcher = fetcher;
    this.tools = tools;
    this.audit = audit;
  }

  /** Stores a fact the owner told the agent; recalled in every conversation of the agent. */
  public Future<MemoryId> remember(OwnerId owner, AgentId agent, String text) {
    String fact = text == null ? "" : text.strip();
    if (fact.isEmpty() || fact.length() > MAX_FACT_CHARS) {
      return Future.failedFuture(new MemoryFailure(Kind.INVALID, "a fact to remember has 1.." + MAX_FACT_CHARS
          + " characters"));
    }
    return embedder.embed(fact)
        .compose(v -> memories.add(owner, agent, List.of(new NewMemory(MemoryKind.FACT, OWNER_SOURCE, fact, v,
            new JsonObject().put("model", embedder.model())))))
        .compose(ids -> ids.isEmpty() ? Future.failedFuture(notFound()) : Future.succeededFuture(ids.get(0)));
  }

  public Future<Integer> forget(OwnerId owner, AgentId agent, List<MemoryId> ids) {
    return ids.isEmpty() ? Future.succeededFuture(0) : memories.delete(owner, agent, ids);
  }

  public Future<Integer> forgetAll(OwnerId owner, AgentId agent) {
    return memories.deleteAll(owner, agent);
  }

  /** The agent's memories, newest first. */
  public Future<List<Memory>> list(OwnerId owner, AgentId agent, int limit) {
    return memories.list(owner, agent, Math.max(1, Math.min(limit, MAX_LIST)));
  }

  /** Adds an uploaded document (text or PDF). */
  public Future<Added> addDocument(OwnerId owner, AgentId agent, String name, String mediaType, byte[] bytes) {
    return documents.ingest(owner, agent, name, mediaType, bytes);
  }

  /**
   * Fetches the document at {@code url} under the agent's network rule (or, for a file on the hub's own upload
   * service, the operator's rule for it) and adds it; {@code actor} is who asked.
   * Every outcome is audited once the agent is known to be the owner's, a malformed URL included.
   */
  public Future<Added> addDocumentFromUrl(OwnerId owner, AgentId agent, String url, String actor) {
    String written = url == null ? "" : url.strip();
    return tools.binding(owner, agent, ToolCatalog.HTTP_REQUEST).compose(binding -> binding.isEmpty()
        ? Future.failedFuture(notFound())
        : fetchAndAdd(owner, agent, written, binding.get()).transform(r -> audited(owner, agent, written, actor,
            r.cause(), r.result()).transform(v -> r.succeeded() ? Future.succeededFuture(r.result())
                : Future.failedFuture(r.cause()))));
  }

  private Future<Added> fetchAndAdd(OwnerId owner, AgentId agent, String url, ToolBinding binding) {
    URI uri;
    try {
      uri = DocumentFetcher.parse(url);
    } catch (MemoryFailure e) {
      return Future.failedFuture(e);
    }
    Optional<OperatorEndpoint> upload = uploads.endpoint(uri);
    return (upload.isPresent() ? uploadPolicy(binding, upload.get()) : fetchPolicy(binding))
        .compose(policy -> fetcher.fetch(uri, policy))
        .compose(doc -> documents.ingest(owner, agent, uri.toString(), doc.mediaType(), doc.bytes()));
  }

  /** The network rule for a document fetch: the agent's http_request policy, which must be enabled. */
  private static Future<ToolPolicy> fetchPolicy(ToolBinding binding) {
    if (!binding.enabled()) {
      return Future.failedFuture(new MemoryFailure(Kind.DENIED, "documents are fetched under the agent's"
          + " http_request policy, and http_request is not enabled for this agent; enable it with the document's"
          + " host in allowed_domains"));
    }
    try {
      return Future.succeededFuture(ToolCatalog.find(ToolCatalog.HTTP_REQUEST).orElseThrow().defaults()
          .withOverrides(binding.policy().orElseThrow()));
    } catch (PolicyInvalid e) {
      return Future.failedFuture(new MemoryFailure(Kind.DENIED, "the agent's http_request policy is invalid: "
          + e.getMessage()));
    }
  }

  /**
   * A file on the hub's own upload service (one the owner sent) is fetched under the operator's rule for that
   * service, with the agent's http_request byte cap and timeout when the owner set them, the defaults otherwise.
   */
  private static Future<ToolPolicy> uploadPolicy(ToolBinding binding, OperatorEndpoint endpoint) {
    ToolPolicy defaults = ToolCatalog.find(ToolCatalog.HTTP_REQUEST).orElseThrow().defaults();
    if (!binding.enabled()) {
      return Future.succeededFuture(defaults.reaching(endpoint));
    }
    return fetchPolicy(binding).map(policy -> policy.reaching(endpoint));
  }

  /** Appends the entry before the owner hears the outcome; an entry that cannot be written is logged. */
  private Future<Void> audited(OwnerId owner, AgentId agent, String url, String actor, Throwable failure,
                               Added added) {
    if (failure instanceof MemoryFailure f && f.kind() == Kind.NOT_FOUND) {
      return Future.succeededFuture(); // the agent went away meanwhile: nothing for the owner's log
    }
    JsonObject details = new JsonObject().put("url", url.length() <= MAX_AUDITED_URL ? url
        : url.substring(0, MAX_AUDITED_URL) + "…");
    if (added != null) {
      details.put("outcome", "added").put("chunks", added.chunks());
    } else {
      details.put("outcome", "refused").put("reason", String.valueOf(failure.getMessage()));
    }
    return audit.append(new AuditEvent(owner, Optional.of(agent), "memory.document", added != null ? Severity.INFO
        : Severity.WARNING, actor == null ? "owner" : actor, details))
        .<Void>mapEmpty().recover(e -> {
          LOG.warning(() -> "audit entry for the document " + url + " not written: " + e);
          return Future.succeededFuture();
        });
  }

  private static MemoryFailure notFound() {
    return new MemoryFailure(Kind.NOT_FOUND, "the owner has no live agent by that id");
  }
}
