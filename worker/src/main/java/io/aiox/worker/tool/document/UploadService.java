package io.aiox.worker.tool.document;

import io.aiox.policy.tool.net.AddressRange;
import io.aiox.policy.tool.net.DomainList;
import io.aiox.policy.tool.net.OperatorEndpoint;
import io.aiox.policy.tool.net.UrlAuthority;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hub's own XEP-0363 HTTP File Upload service, as the operator names it: the URL prefix its download (GET)
 * URLs start with, e.g. {@code https://upload.hub.example:5443/upload/}. A file an owner sends is just such a URL;
 * a document URL under this prefix is fetched under the operator's rule for the service ({@link OperatorEndpoint})
 * instead of the agent's allowed domains. Scheme, host, port and path prefix must all match, on the normalized
 * path, so {@code /upload/../admin} is not under {@code /upload/}; a path with encoded dots, slashes or backslashes
 * ({@code %2e}, {@code %2f}, {@code %5c}) is never under it, since a server may decode them into dot segments.
 */
public record UploadService(URI prefix, UrlAuthority authority, OperatorEndpoint endpoint) {
  public static UploadService parse(String url, List<AddressRange> allowedAddresses) {
    URI uri = URI.create(url).normalize();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("'" + url + "' must be an http or https URL");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("'" + url + "' must be a URL prefix without query or fragment");
    }
    UrlAuthority authority;
    try {
      authority = UrlAuthority.of(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + url + "' " + e.getMessage());
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    URI prefix = URI.create(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    return new UploadService(prefix, authority, new OperatorEndpoint(authority.host(), allowedAddresses));
  }

  /** Whether the document URL is a file on this service. */
  boolean covers(URI document) {
    URI doc = document.normalize();
    String path = doc.getRawPath() == null ? "" : doc.getRawPath();
    String lower = path.toLowerCase(Locale.ROOT);
    if (doc.getScheme() == null || !doc.getScheme().equalsIgnoreCase(prefix.getScheme()) || path.contains("/../")
        || path.startsWith("../") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
        || path.contains("\\")) {
      return false;
    }
    boolean https = prefix.getScheme().equals("https");
    UrlAuthority other = UrlAuthority.of(doc);
    return DomainList.normalize(other.host()).equals(DomainList.normalize(authority.host()))
        && other.portOr(https) == authority.portOr(https) && path.startsWith(prefix.getRawPath());
  }
}
