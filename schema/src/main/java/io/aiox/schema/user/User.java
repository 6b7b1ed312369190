package io.aiox.schema.user;

import io.aiox.schema.id.OwnerId;
import java.time.OffsetDateTime;

/** A hub user. {@code xmppJid} is the bare JID of their account; the component trusts the server's stamp of it. */
public record User(OwnerId id, String username, String xmppJid, OffsetDateTime disabledAt) {
  public boolean enabled() {
    return disabledAt == null;
  }
}
