package io.aiox.worker.tool.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A mailbox address as this tool accepts it: a plain {@code local@domain} (RFC 5321 dot-atom local part, a DNS
 * name of at least two labels), ASCII only, at most 254 characters. Quoted local parts, display names, comments
 * and address literals are refused: what a model writes goes straight into SMTP commands and headers, so anything
 * that could carry a line break, a comma or a second address is out.
 */
public record EmailAddress(String local, String domain) {
  private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL = 64;

  /** The address, or why {@code text} is not one this tool sends to. */
  public static Result parse(String text) {
    if (text == null || text.isEmpty()) {
      return new Result(Optional.empty(), "an address is empty");
    }
    int at = text.lastIndexOf('@');
    if (text.length() > MAX_LENGTH || at <= 0 || at > MAX_LOCAL || at == text.length() - 1) {
      return bad(text, "is not of the form name@domain (at most 64 characters before '@', 254 in all)");
    }
    String local = text.substring(0, at);
    String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
    if (!ATOM.matcher(local).matches()) {
      return bad(text, "has characters that may not appear before '@' (letters, digits and !#$%&'*+/=?^_`{|}~-"
          + " with single dots between them)");
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2 || !java.util.Arrays.stream(labels).allMatch(l -> LABEL.matcher(l).matches())) {
      return bad(text, "does not end in a domain name such as example.com");
    }
    return new Result(Optional.of(new EmailAddress(local, domain)), "");
  }

  private static Result bad(String text, String why) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return new Result(Optional.empty(), "'" + shown.replaceAll("\\p{Cntrl}", "?") + "' " + why);
  }

  @Override
  public String toString() {
    return local + "@" + domain;
  }

  /** A parsed address, or the reason there is none. */
  public record Result(Optional<EmailAddress> address, String problem) {}
}
