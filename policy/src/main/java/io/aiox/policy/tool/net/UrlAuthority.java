package io.aiox.policy.tool.net;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host and port of an http(s) URL, read from its raw authority. {@link URI#getHost()} is null for hosts it does
 * not take for names or dotted quads ({@code 127.1}, {@code 0x7f.1}, {@code 127.0.0.1.}) although clients and the C
 * library reach them, so the host is taken as written and left to {@link NetworkGuard} to judge: only a URL that
 * names no host at all, carries user information or has a bad port is malformed here.
 *
 * @param host the host as written, IPv6 in brackets
 * @param port the port, or -1 when the URL names none
 */
public record UrlAuthority(String host, int port) {
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  /** The URL's host and port; {@link IllegalArgumentException} completes "the URL ..." with what is wrong. */
  public static UrlAuthority of(URI uri) {
    String authority = Optional.ofNullable(uri.getRawAuthority()).orElse("");
    if (authority.indexOf('@') >= 0) {
      throw new IllegalArgumentException("must name a host without user information");
    }
    int close = authority.startsWith("[") ? authority.indexOf(']') : -1;
    int colon = authority.indexOf(':', Math.max(close, 0));
    String host = colon < 0 ? authority : authority.substring(0, colon);
    if (host.isEmpty()) {
      throw new IllegalArgumentException("must name a host");
    }
    if (authority.startsWith("[") && close != host.length() - 1) {
      throw new IllegalArgumentException("has an unclosed IPv6 address");
    }
    return new UrlAuthority(host, colon < 0 ? -1 : port(authority.substring(colon + 1)));
  }

  /** The port, or the scheme's default: 443 for https, 80 otherwise. */
  public int portOr(boolean https) {
    return port > 0 ? port : https ? 443 : 80;
  }

  private static int port(String text) {
    if (text.isEmpty()) {
      return -1; // "host:" names the default port (RFC 3986 section 3.2.3)
    }
    int port = PORT.matcher(text).matches() ? Integer.parseInt(text) : 0;
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("has no valid port: '" + text + "'");
    }
    return port;
  }
}
