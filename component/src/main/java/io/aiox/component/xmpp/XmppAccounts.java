package io.aiox.component.xmpp;

import io.vertx.core.json.JsonObject;

/** Creates XMPP accounts through ejabberd's HTTP admin API. */
public final class XmppAccounts {
  private final AdminApi api;
  private final String domain;

  public XmppAccounts(AdminApi api, String domain) {
    this.api = api;
    this.domain = domain;
  }

  /** Registers {@code user@domain}; fails with the server's own words when it refuses (taken name, bad name). */
  public String register(String user, String password) {
    try {
      api.call("register", new JsonObject().put("user", user).put("host", domain).put("password", password));
      return user + "@" + domain;
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage().replace("refused register", "refused the account " + user
          + "@" + domain), e);
    }
  }
}
