package io.aiox.worker.tool.search;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.net.AddressRange;
import io.aiox.policy.tool.net.OperatorEndpoint;
import io.aiox.policy.tool.net.UrlAuthority;
import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How the hub runs {@code search_api} (section {@code tools.search_api} of its configuration). Without {@code url}
 * the tool is not configured and refuses every call saying so.
 *
 * @param url the base URL of a SearXNG-compatible JSON API; searches go to {@code {url}/search?q=...&format=json}
 * @param timeout the longest one search may take
 * @param maxResults the most results a call returns (a call may ask for fewer)
 * @param snippetCharacters the most characters of each result's snippet
 * @param maxResponseBytes the most bytes read from the endpoint per search
 * @param apiKey the header and key sent with each search, the key read from an environment variable at start-up
 * @param allowedAddresses addresses beyond the in-house ranges the endpoint may be at ({@link OperatorEndpoint})
 */
public record SearchApiConfig(Optional<URI> url, Duration timeout, int maxResults, int snippetCharacters,
                              int maxResponseBytes, Optional<SearchKey> apiKey, List<AddressRange> allowedAddresses) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_MAX_RESULTS = 10;
  public static final int MAX_RESULTS = 20;
  public static final int DEFAULT_SNIPPET_CHARACTERS = 300;
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;
  public static final String DEFAULT_KEY_HEADER = "Authorization";
  public static final SearchApiConfig UNCONFIGURED = new SearchApiConfig(Optional.empty(),
      Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), DEFAULT_MAX_RESULTS, DEFAULT_SNIPPET_CHARACTERS,
      DEFAULT_MAX_RESPONSE_BYTES, Optional.empty(), List.of());
  private static final Set<String> KEYS = Set.of("url", "timeout_seconds", "max_results", "snippet_characters",
      "max_response_bytes", "api_key_env", "api_key_header", "allowed_addresses");

  public SearchApiConfig {
    allowedAddresses = List.copyOf(allowedAddresses);
  }

  /** Reads the section; {@code env} looks up the environment variable that {@code api_key_env} names. */
  public static SearchApiConfig fromJson(JsonObject json, UnaryOperator<String> env) {
    ConfigSection section = ConfigSection.of("tools." + ToolCatalog.SEARCH_API, json, KEYS);
    Optional<URI> url = section.string("url").map(u -> endpoint(section, u));
    Optional<SearchKey> key = section.string("api_key_env").map(name -> {
      String value = env.apply(name);
      if (value == null || value.isBlank()) {
        throw section.bad("api_key_env", "names the environment variable " + name + ", which is not set");
      }
      return new SearchKey(section.string("api_key_header").orElse(DEFAULT_KEY_HEADER), value.strip());
    });
    if (key.isEmpty() && section.has("api_key_header")) {
      throw section.bad("api_key_header", "is set without tools.search_api.api_key_env");
    }
    List<AddressRange> addresses;
    try {
      addresses = section.strings("allowed_addresses").stream().map(AddressRange::parse).toList();
    } catch (IllegalArgumentException e) {
      throw section.bad("allowed_addresses", e.getMessage());
    }
    return new SearchApiConfig(url, Duration.ofSeconds(section.integer("timeout_seconds", DEFAULT_TIMEOUT_SECONDS,
        1, 60)), section.integer("max_results", DEFAULT_MAX_RESULTS, 1, MAX_RESULTS),
        section.integer("snippet_characters", DEFAULT_SNIPPET_CHARACTERS, 20, 2_000),
        section.integer("max_response_bytes", DEFAULT_MAX_RESPONSE_BYTES, 1_024, 16 << 20), key, addresses);
  }

  private static URI endpoint(ConfigSection section, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("must be an http or https URL");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("must be a base URL without query or fragment");
      }
      UrlAuthority.of(uri);
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw section.bad("url", "is not a valid URL: " + e.getReason());
    } catch (IllegalArgumentException e) {
      throw section.bad("url", e.getMessage() + ", was " + url);
    }
  }

  /** The request for one query: {@code {url}/search?q=...&format=json}. */
  URI searchUri(String query) {
    URI base = url.orElseThrow();
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    String root = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + root + "/search?q="
        + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&format=json");
  }

  /** The endpoint's network rule: its own host, the in-house ranges and what the operator listed. */
  OperatorEndpoint endpoint() {
    return new OperatorEndpoint(UrlAuthority.of(url.orElseThrow()).host(), allowedAddresses);
  }
}
