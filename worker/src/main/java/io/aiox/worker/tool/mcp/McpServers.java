package io.aiox.worker.tool.mcp;

import io.aiox.policy.tool.net.HostResolver;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.worker.tool.DynamicTools;
import io.aiox.worker.tool.Tool;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator's MCP servers while the hub runs, as a source of tools for the {@link io.aiox.worker.tool.ToolRegistry}.
 * Start connects to every server and lists its tools; a server that is down does not fail the start: its tools
 * answer that it is down and why, and every {@code tools.mcp.retry_seconds} the hub tries it again (and pings the
 * ones that are up). Stop closes every client, ending the stdio servers' processes.
 */
public final class McpServers extends VerticleBase implements DynamicTools {
  private final McpConfig config;
  private final HostResolver resolver;
  private final Map<String, McpConnection> connections = new LinkedHashMap<>();
  private final AtomicBoolean checking = new AtomicBoolean();
  private WorkerExecutor pool;
  private long timer = -1;

  public McpServers(McpConfig config, HostResolver resolver) {
    this.config = config;
    this.resolver = resolver;
  }

  @Override
  public Future<?> start() {
    if (config.servers().isEmpty()) {
      return Future.succeededFuture();
    }
    int threads = Math.min(32, Math.max(4, 2 * config.servers().size()));
    pool = vertx.createSharedWorkerExecutor("aiox-mcp", threads, 5, TimeUnit.MINUTES);
    NetworkGuard guard = new NetworkGuard(resolver);
    config.servers().forEach((name, server) -> connections.put(name,
        new McpConnection(server, config.retry(), guard, pool)));
    timer = vertx.setPeriodic(config.retry().toMillis(), id -> checkAll());
    return Future.all(connections.values().stream().map(McpConnection::connect).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (pool == null) {
      return Future.succeededFuture();
    }
    return Future.join(connections.values().stream().map(McpConnection::close).toList())
        .eventually(() -> pool.close());
  }

  /** One round of retries and pings; a round still running when the next is due makes that one skip. */
  private void checkAll() {
    if (checking.compareAndSet(false, true)) {
      Future.join(connections.values().stream().map(McpConnection::check).toList())
          .onComplete(r -> checking.set(false));
    }
  }

  @Override
  public Optional<Tool> tool(String name) {
    return McpToolName.server(name).map(connections::get).flatMap(c -> c.tool(name));
  }

  @Override
  public List<Tool> tools() {
    List<Tool> out = new ArrayList<>();
    connections.values().forEach(c -> out.addAll(c.tools().values()));
    return out;
  }

  /** Why each server that is down is down, by name (for status output and tests). */
  public Map<String, String> down() {
    Map<String, String> out = new LinkedHashMap<>();
    connections.forEach((name, c) -> c.down().ifPresent(reason -> out.put(name, reason)));
    return out;
  }
}
