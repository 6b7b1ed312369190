package io.aiox.web.auth;

import io.vertx.core.Future;

/** Checks a person's XMPP password: one credential for XMPP and the console. */
public interface Passwords {
  /** True when {@code password} is the password of the XMPP account {@code localpart@domain}. */
  Future<Boolean> check(String localpart, String domain, String password);
}
