package io.aiox.web.usage;

import io.aiox.web.http.ProblemException;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/** Query parameters read strictly: a bad value is a 400 problem naming the parameter, never a silent default. */
public final class Params {
  private Params() {}

  /** {@code name} as a whole number in {@code min..max}, or {@code fallback} when absent. */
  public static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.badRequest(name + " must be a whole number from " + min + " to " + max + ", was " + v);
  }

  /** {@code text} as a UUID, empty when it is not one. */
  public static Optional<UUID> uuid(String text) {
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
