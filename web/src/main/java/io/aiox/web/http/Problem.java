package io.aiox.web.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem document: the HTTP edge's form of a typed failure. {@code type} is a URN of the form
 * {@code urn:aiox:problem:<name>}; {@code detail} is for people and never holds a stack trace.
 */
public record Problem(String name, int status, String title, String detail) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public JsonObject toJson() {
    return new JsonObject().put("type", "urn:aiox:problem:" + name).put("title", title).put("status", status)
        .put("detail", detail);
  }

  /** Sends this problem, with {@code extra} members (RFC 9457 section 3.2) added to the document. */
  public Future<Void> send(HttpServerResponse response, JsonObject extra) {
    return response.setStatusCode(status).putHeader("content-type", CONTENT_TYPE)
        .end(toJson().mergeIn(extra).encode());
  }
}
