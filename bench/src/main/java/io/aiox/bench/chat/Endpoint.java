package io.aiox.bench.chat;

import io.vertx.core.json.JsonObject;

/** Where clients log in: ejabberd's client port on loopback and the users' domain. */
record Endpoint(String host, int port, String domain) {
  JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("domain", domain);
  }

  static Endpoint fromJson(JsonObject json) {
    return new Endpoint(json.getString("host"), json.getInteger("port"), json.getString("domain"));
  }
}
