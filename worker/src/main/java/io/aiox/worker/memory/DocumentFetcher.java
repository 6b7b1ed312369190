package io.aiox.worker.memory;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.policy.tool.net.NetworkDenied;
import io.aiox.policy.tool.net.NetworkGuard;
import io.aiox.policy.tool.net.UrlAuthority;
import io.aiox.policy.tool.net.VettedTarget;
import io.aiox.worker.memory.MemoryFailure.Kind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches a document the owner named by URL, under the network rule of the agent's {@code http_request} tool
 * policy (rfc/aiox-agents.md section 9.3): the host must be in its allowed domains, internal addresses are refused
 * unless the policy lists them, the connection goes to the address that was vetted, redirects are not followed,
 * and the body is capped at the policy's response size and the whole fetch at its timeout. Unlike the tool, it keeps
 * the body's bytes (a PDF is not text). The {@code document_parser} and {@code search_api} tools fetch through it
 * too, under their own policies.
 */
public final class DocumentFetcher {
  private static final String USER_AGENT = "AIOX-memory/0.1";

  private final Vertx vertx;
  private final NetworkGuard guard;
  private final HttpClient client;

  public DocumentFetcher(Vertx vertx, NetworkGuard guard) {
    this(vertx, guard, new HttpClientOptions());
  }

  /** With client options to start from (a test's trust store). */
  public DocumentFetcher(Vertx vertx, NetworkGuard guard, HttpClientOptions base) {
    this.vertx = vertx;
    this.guard = guard;
    this.client = vertx.createHttpClient(new HttpClientOptions(base).setKeepAlive(false).setForceSni(true)
        .setVerifyHost(true).setDecompressionSupported(false).setMaxRedirects(0).setName("aiox-memory-fetch"));
  }

  /** A fetched document: its bytes and the media type the server gave (empty when none). */
  public record Fetched(URI url, byte[] bytes, String mediaType) {}

  /** Parses and checks the URL's shape; {@link MemoryFailure} INVALID says what is wrong. */
  public static URI parse(String url) {
    try {
      URI uri = new URI(url == null ? "" : url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new MemoryFailure(Kind.INVALID, "a document URL must be http or https");
      }
      UrlAuthority.of(uri); // the host itself is the network rule's to judge
      return uri;
    } catch (IllegalArgumentException e) {
      throw new MemoryFailure(Kind.INVALID, "a document URL " + e.getMessage());
    } catch (URISyntaxException e) {
      throw new MemoryFailure(Kind.INVALID, "not a valid URL: " + e.getReason());
    }
  }

  /** Fetches under the agent's {@code http_request} policy, as memory does. */
  public Future<Fetched> fetch(URI uri, ToolPolicy policy) {
    return fetch(uri, policy, "the agent's " + ToolCatalog.HTTP_REQUEST + " max_response_bytes", Map.of());
  }

  /**
   * Fetches under {@code policy} (its network rule, byte cap and timeout), sending {@code headers} too;
   * {@code capName} says in a refusal whose byte cap it was. A refusal by the network rule is a
   * {@link MemoryFailure} DENIED whose cause is the {@link NetworkDenied}.
   */
  public Future<Fetched> fetch(URI uri, ToolPolicy policy, String capName, Map<String, String> headers) {
    UrlAuthority authority = UrlAuthority.of(uri);
    return guard.vet(authority.host(), policy.allowedDomains(), policy.allowedAddresses())
        .recover(e -> Future.failedFuture(e instanceof NetworkDenied
            ? new MemoryFailure(Kind.DENIED, e.getMessage(), e) : e))
        .compose(target -> get(uri, authority.portOr(uri.getScheme().equalsIgnoreCase("https")), target,
            new Limits(policy, capName), headers));
  }

  /** The policy's caps, and what its byte cap is called, for refusals. */
  private record Limits(ToolPolicy policy, String capName) {}

  private Future<Fetched> get(URI uri, int port, VettedTarget target, Limits limits, Map<String, String> headers) {
    ToolPolicy policy = limits.policy();
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), port)))
        .setHost(target.host()).setPort(port).setSsl(https).setURI(path).setFollowRedirects(false)
        .setConnectTimeout(policy.timeout().toMillis()).putHeader("user-agent", USER_AGENT)
        .putHeader("accept-encoding", "identity");
    headers.forEach(options::putHeader);
    Promise<Fetched> result = Promise.promise();
    long timer = vertx.setTimer(policy.timeout().toMillis(), id -> result.tryFail(new MemoryFailure(Kind.DENIED,
        "no complete document from " + target.host() + " within " + policy.timeout().toSeconds() + " s")));
    client.request(options).onFailure(result::tryFail).onSuccess(request -> {
      result.future().onFailure(e -> request.reset());
      request.send().onFailure(result::tryFail)
          .onSuccess(response -> read(uri, response, limits, result));
    });
    return result.future().andThen(r -> vertx.cancelTimer(timer)).recover(e -> Future.failedFuture(
        e instanceof MemoryFailure ? e : new MemoryFailure(Kind.UNAVAILABLE, target.host() + ": " + e.getMessage())));
  }

  private static void read(URI uri, HttpClientResponse response, Limits limits, Promise<Fetched> result) {
    int cap = limits.policy().maxResponseBytes();
    response.exceptionHandler(result::tryFail); // also the reset that follows a refusal, which is not news
    int status = response.statusCode();
    if (status != 200) {
      String location = response.getHeader("location");
      result.tryFail(new MemoryFailure(Kind.INVALID, uri + " answered " + status
          + (location == null ? "" : " (redirect to " + location + "; use that URL instead)")));
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (body.length() + chunk.length() > cap) {
        result.tryFail(new MemoryFailure(Kind.DENIED, uri + " is larger than " + cap + " bytes, "
            + limits.capName()));
        return;
      }
      body.appendBuffer(chunk);
    });
    response.endHandler(v -> result.tryComplete(new Fetched(uri, body.getBytes(),
        response.getHeader("content-type") == null ? "" : response.getHeader("content-type"))));
  }
}
