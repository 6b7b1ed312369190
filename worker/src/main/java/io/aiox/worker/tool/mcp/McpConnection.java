package io.aiox.worker.tool.mcp;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpException;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.aiox.policy.tool.net.NetworkDenied;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The hub's connection to one MCP server: up, with the server's tools, or down, with the reason and the tools it had
 * last. LangChain4j's client blocks, so every step runs on the worker pool; the state is one immutable value that
 * event loops read without locking.
 */
final class McpConnection {
  private static final Logger LOG = Logger.getLogger(McpConnection.class.getName());

  private final McpServerConfig config;
  private final Duration retry;
  private final NetworkGuard guard;
  private final WorkerExecutor pool;
  private volatile State state = new State(null, Map.of(), "not connected yet");

  /** Connected when {@code client} is set; otherwise {@code reason} says why not. */
  private record State(McpClient client, Map<String, McpTool> tools, String reason) {}

  McpConnection(McpServerConfig config, Duration retry, NetworkGuard guard, WorkerExecutor pool) {
    this.config = config;
    this.retry = retry;
    this.guard = guard;
    this.pool = pool;
  }

  McpServerConfig config() {
    return config;
  }

  Duration retry() {
    return retry;
  }

  /** Why the server cannot be used now; empty while connected. */
  Optional<String> down() {
    State s = state;
    return s.client == null ? Optional.of(s.reason) : Optional.empty();
  }

  /** The tool of this agent-facing name: listed by the server (now or when it was last up), or a placeholder. */
  Optional<McpTool> tool(String name) {
    State s = state;
    McpTool known = s.tools.get(name);
    return known != null ? Optional.of(known) : s.client == null ? Optional.of(McpTool.unknown(this, name))
        : Optional.empty();
  }

  /** The tools that can run now. */
  Map<String, McpTool> tools() {
    State s = state;
    return s.client == null ? Map.of() : s.tools;
  }

  /** Connects (an http server's host vetted first) and lists the tools; a failure leaves it down with the reason. */
  Future<Void> connect() {
    Future<Void> vetted = config.transport() == McpServerConfig.Transport.HTTP
        ? guard.vet(config.url().orElseThrow().getHost(), config.endpoint().domains(), config.endpoint().addresses())
            .mapEmpty() : Future.succeededFuture();
    return vetted.compose(v -> pool.<Void>executeBlocking(() -> {
      connectBlocking();
      return null;
    }, false)).recover(e -> {
      String reason = e instanceof NetworkDenied ? "its address is refused: " + e.getMessage() : message(e);
      state = new State(null, state.tools, reason);
      LOG.warning(() -> "MCP server " + config.name() + " (" + config.where() + ") is down: " + reason);
      return Future.succeededFuture();
    });
  }

  /** Pings a connected server; one that does not answer is closed and marked down, to be connected again. */
  Future<Void> check() {
    State s = state;
    if (s.client == null) {
      return connect();
    }
    return pool.<Void>executeBlocking(() -> {
      try {
        s.client.checkHealth();
      } catch (RuntimeException e) {
        markDown(s, "it stopped answering: " + message(e));
      }
      return null;
    }, false);
  }

  /** Runs one tool call; the text of its result, or a {@link ToolFailed} naming the server. */
  Future<String> call(String tool, JsonObject arguments, Duration timeout) {
    State s = state;
    if (s.client == null) {
      return Future.failedFuture(new ToolFailed("the MCP server " + config.name() + " is not connected: "
          + s.reason));
    }
    ToolExecutionRequest request = ToolExecutionRequest.builder().id(UUID.randomUUID().toString()).name(tool)
        .arguments(arguments.encode()).build();
    return pool.executeBlocking(() -> result(s, request), false).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(e instanceof ToolFailed ? e : new ToolFailed("the MCP server "
            + config.name() + " did not answer within " + timeout.toSeconds() + " s")));
  }

  /** Closes the client (and with it a stdio server's process). */
  Future<Void> close() {
    State s = state;
    state = new State(null, s.tools, "the hub is stopping");
    return s.client == null ? Future.succeededFuture() : pool.executeBlocking(() -> {
      closeQuietly(s.client);
      return null;
    }, false);
  }

  private String result(State s, ToolExecutionRequest request) {
    try {
      ToolExecutionResult result = s.client.executeTool(request);
      String text = result.resultText() == null ? "" : result.resultText();
      if (result.isError()) {
        throw new ToolFailed("the MCP server " + config.name() + " answered with an error: " + text);
      }
      return text;
    } catch (ToolExecutionException | McpException e) {
      throw new ToolFailed("the MCP server " + config.name() + " answered with an error: " + message(e));
    } catch (ToolFailed e) {
      throw e;
    } catch (RuntimeException e) {
      markDown(s, "a call failed: " + message(e));
      throw new ToolFailed("the MCP server " + config.name() + " failed: " + message(e));
    }
  }

  private void connectBlocking() {
    State old = state;
    McpTransport transport = transport();
    McpClient client;
    try {
      client = new DefaultMcpClient.Builder().key(config.name()).clientName("aiox").transport(transport)
          .initializationTimeout(config.connectTimeout()).toolExecutionTimeout(config.timeout())
          .pingTimeout(config.connectTimeout()).autoHealthCheck(false).cacheToolList(false)
          .toolResultExtractor(new McpText()).build();
    } catch (RuntimeException e) {
      closeQuietly(transport); // a started process must not outlive a failed start
      throw e;
    }
    Map<String, McpTool> tools = new LinkedHashMap<>();
    try {
      for (ToolSpecification spec : client.listTools()) {
        McpTool.listed(this, spec).ifPresentOrElse(t -> tools.putIfAbsent(t.definition().name(), t),
            () -> LOG.warning(() -> "MCP server " + config.name() + ": tool " + spec.name() + " is left out: its"
                + " name would be longer than " + McpToolName.MAX_LENGTH + " characters as mcp_<server>_<tool>"));
      }
    } catch (RuntimeException e) {
      closeQuietly(client);
      throw e;
    }
    state = new State(client, Map.copyOf(tools), "");
    if (old.client != null) {
      closeQuietly(old.client);
    }
    LOG.info(() -> "MCP server " + config.name() + " connected: " + tools.keySet());
  }

  private McpTransport transport() {
    return switch (config.transport()) {
      case STDIO -> new StdioMcpTransport.Builder().command(config.command()).environment(config.env())
          .logEvents(false).build();
      case HTTP -> new StreamableHttpMcpTransport.Builder().url(config.url().orElseThrow().toString())
          .timeout(config.timeout()).followRedirects(false).build();
    };
  }

  private synchronized void markDown(State seen, String reason) {
    if (state == seen && seen.client != null) {
      state = new State(null, seen.tools, reason);
      closeQuietly(seen.client);
      LOG.warning(() -> "MCP server " + config.name() + " is down: " + reason);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.fine(() -> "closing an MCP client: " + e);
    }
  }

  private static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof java.net.ConnectException) {
        return "connection refused"; // the JDK's client hides the refusal behind a bare ClosedChannelException
      }
      root = root.getCause();
    }
    if (root instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String text = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName()
        : root.getMessage();
    return text.length() > 300 ? text.substring(0, 300) : text;
  }
}
