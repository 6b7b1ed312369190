package io.aiox.worker.tool;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.policy.tool.net.UrlAuthority;
import io.aiox.policy.tool.net.VettedTarget;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code http_request}: one GET or POST to an http(s) URL. The host passes the network rule again right before
 * the connection, and the client connects to the vetted address (the host name still goes in the Host header, SNI
 * and certificate check), so a name cannot resolve to something else in between. Redirects are not followed: a
 * 3xx comes back with its {@code location}, and going there is a new call that the policy judges again. The
 * response is read up to the policy's byte cap (compressed bodies are not inflated, so the cap is on the wire) and
 * the whole call is bounded by the policy's timeout.
 */
public final class HttpRequestTool implements Tool {
  private static final Set<String> FORBIDDEN_HEADERS = Set.of("host", "content-length", "transfer-encoding",
      "connection", "upgrade", "te", "trailer", "keep-alive", "expect", "proxy-authorization", "proxy-connection",
      "accept-encoding");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final String USER_AGENT = "AIOX-agent/0.1";

  private final Vertx vertx;
  private final NetworkGuard guard;
  private final HttpClient client;
  private final ToolDefinition definition = ToolCatalog.find(ToolCatalog.HTTP_REQUEST).orElseThrow();

  public HttpRequestTool(Vertx vertx, NetworkGuard guard) {
    this(vertx, guard, new HttpClientOptions());
  }

  /** With client options to start from (a test's trust store); redirects, SNI and pooling are set here. */
  public HttpRequestTool(Vertx vertx, NetworkGuard guard, HttpClientOptions base) {
    this.vertx = vertx;
    this.guard = guard;
    // No keep-alive: each call gets its own connection to its own vetted address. Host verification stays on.
    this.client = vertx.createHttpClient(new HttpClientOptions(base).setKeepAlive(false).setForceSni(true)
        .setVerifyHost(true).setDecompressionSupported(false).setMaxRedirects(0).setName("aiox-tool-http"));
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public Optional<String> problem(JsonObject args) {
    URI uri;
    try {
      uri = new URI(args.getString("url"));
    } catch (URISyntaxException e) {
      return Optional.of("url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("url must be http or https");
    }
    try {
      UrlAuthority.of(uri); // the host itself is the network rule's to judge
    } catch (IllegalArgumentException e) {
      return Optional.of("url " + e.getMessage());
    }
    if (args.containsKey("body") && !writes(args)) {
      return Optional.of("a body is sent with POST only");
    }
    return headerProblem(args.getJsonObject("headers", new JsonObject()));
  }

  private static Optional<String> headerProblem(JsonObject headers) {
    for (Map.Entry<String, Object> h : headers) {
      String name = h.getKey();
      if (!TOKEN.matcher(name).matches() || FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        return Optional.of("header '" + name + "' may not be set");
      }
      String value = String.valueOf(h.getValue());
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        return Optional.of("header '" + name + "' has a line break in its value");
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean writes(JsonObject args) {
    return "POST".equals(args.getString("method", "GET"));
  }

  @Override
  public Optional<String> host(JsonObject args) {
    return Optional.of(UrlAuthority.of(URI.create(args.getString("url"))).host());
  }

  @Override
  public Future<JsonObject> execute(OwnerId owner, JsonObject args, ToolPolicy policy) {
    URI uri = URI.create(args.getString("url"));
    UrlAuthority authority = UrlAuthority.of(uri);
    return guard.vet(authority.host(), policy.allowedDomains(), policy.allowedAddresses())
        .compose(target -> send(uri, authority, target, args, policy));
  }

  private Future<JsonObject> send(URI uri, UrlAuthority authority, VettedTarget target, JsonObject args,
                                  ToolPolicy policy) {
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    int port = authority.portOr(https);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(args.getString("method", "GET")))
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), port)))
        .setHost(target.host()).setPort(port).setSsl(https).setURI(pathAndQuery(uri)).setFollowRedirects(false)
        .setConnectTimeout(policy.timeout().toMillis()).putHeader("user-agent", USER_AGENT)
        .putHeader("accept-encoding", "identity");
    args.getJsonObject("headers", new JsonObject()).forEach(h -> options.putHeader(h.getKey(), (String) h.getValue()));
    Promise<JsonObject> result = Promise.promise();
    long timer = vertx.setTimer(policy.timeout().toMillis(), id -> result.tryFail(new ToolFailed(
        "no complete answer from " + target.host() + " within " + policy.timeout().toSeconds() + " s")));
    client.request(options).onFailure(result::tryFail).onSuccess(request -> {
      result.future().onFailure(e -> request.reset());
      String body = args.getString("body");
      (body == null ? request.send() : request.send(body)).onFailure(result::tryFail)
          .onSuccess(response -> read(request, response, policy.maxResponseBytes(), target, result));
    });
    return result.future().andThen(r -> vertx.cancelTimer(timer)).recover(e -> Future.failedFuture(
        e instanceof ToolFailed ? e : new ToolFailed(target.host() + ": " + ToolFailed.describe(e))));
  }

  private static void read(HttpClientRequest request, HttpClientResponse response, int cap, VettedTarget target,
                           Promise<JsonObject> result) {
    Buffer body = Buffer.buffer();
    response.exceptionHandler(result::tryFail);
    response.handler(chunk -> {
      if (result.future().isComplete()) {
        return;
      }
      int room = cap - body.length();
      if (chunk.length() <= room) {
        body.appendBuffer(chunk);
        return;
      }
      body.appendBuffer(chunk, 0, room);
      result.tryComplete(answer(response, body, true, target));
      request.reset(); // the rest is not wanted: drop the connection instead of reading it
    });
    response.endHandler(v -> result.tryComplete(answer(response, body, false, target)));
  }

  private static JsonObject answer(HttpClientResponse response, Buffer body, boolean truncated, VettedTarget target) {
    JsonObject headers = new JsonObject();
    for (String name : new String[] {"content-type", "content-length", "location"}) {
      String v = response.getHeader(name);
      if (v != null) {
        headers.put(name, v);
      }
    }
    return new JsonObject().put("status", response.statusCode()).put("headers", headers)
        .put("body", new String(body.getBytes(), StandardCharsets.UTF_8)).put("bytes", body.length())
        .put("truncated", truncated).put("address", target.address().getHostAddress());
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  @Override
  public JsonObject auditSummary(JsonObject result) {
    JsonObject summary = result.copy();
    summary.remove("body");
    return summary;
  }
}
