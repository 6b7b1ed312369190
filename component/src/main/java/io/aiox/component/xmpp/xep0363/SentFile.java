package io.aiox.component.xmpp.xep0363;

import io.aiox.worker.memory.TrustedUploads;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * A file a message carries: the URL of an XEP-0066 {@code <x xmlns='jabber:x:oob'><url/></x>}, which XEP-0363
 * clients add to the message that shares an upload, or else a body that is exactly one URL on a trusted upload
 * service (clients that send the link alone). Any other message is a chat turn.
 *
 * @param url the file's URL as sent
 * @param name what the owner is told was remembered: the URL's last path segment, decoded
 */
public record SentFile(String url, String name) {
  public static final String OOB = "jabber:x:oob";

  /** The file {@code message} carries, if any; {@code uploads} says which bare links are the hub's own files. */
  public static Optional<SentFile> of(Message message, TrustedUploads uploads) {
    Element x = message.getChildElement("x", OOB);
    if (x != null) {
      String url = x.elementTextTrim("url");
      return url == null || url.isEmpty() ? Optional.empty() : Optional.of(named(url));
    }
    String body = message.getBody() == null ? "" : message.getBody().strip();
    if (body.isEmpty() || body.chars().anyMatch(Character::isWhitespace)) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(body);
      return uri.getScheme() != null && uri.getHost() != null && uploads.endpoint(uri).isPresent()
          ? Optional.of(named(body)) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty(); // not a link: words for the model
    }
  }

  private static SentFile named(String url) {
    String path = url;
    try {
      URI uri = new URI(url);
      path = uri.getRawPath() == null ? "" : uri.getRawPath();
    } catch (URISyntaxException e) {
      // the memory service refuses it with its reason; the name is only for the answer
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    try {
      last = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // a malformed escape: keep the segment as written
    }
    return new SentFile(url, last.isBlank() ? url : last);
  }
}
