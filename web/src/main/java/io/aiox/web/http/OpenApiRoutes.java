package io.aiox.web.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 document of every group's routes, assembled at start-up from each
 * group's fragment ({@link ConsoleRoutes#openApi()}: a classpath JSON file with {@code paths} and optional
 * {@code components}).
 */
public final class OpenApiRoutes implements ConsoleRoutes {
  private final JsonObject document;

  public OpenApiRoutes(List<ConsoleRoutes> groups, String version) {
    JsonObject paths = new JsonObject();
    JsonObject schemas = new JsonObject();
    JsonObject securitySchemes = new JsonObject();
    for (ConsoleRoutes group : groups) {
      group.openApi().map(OpenApiRoutes::read).ifPresent(fragment -> {
        paths.mergeIn(fragment.getJsonObject("paths", new JsonObject()));
        JsonObject components = fragment.getJsonObject("components", new JsonObject());
        schemas.mergeIn(components.getJsonObject("schemas", new JsonObject()));
        securitySchemes.mergeIn(components.getJsonObject("securitySchemes", new JsonObject()));
      });
    }
    paths.put("/api/openapi.json", new JsonObject().put("get", new JsonObject()
        .put("summary", "This document").put("security", new io.vertx.core.json.JsonArray())
        .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OpenAPI 3.1")))));
    this.document = new JsonObject().put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "AIOX console API").put("version", version))
        .put("paths", paths)
        .put("components", new JsonObject().put("schemas", schemas).put("securitySchemes", securitySchemes));
  }

  @Override
  public void mount(Router router) {
    String body = document.encodePrettily();
    router.get("/api/openapi.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end(body));
  }

  public JsonObject document() {
    return document.copy();
  }

  private static JsonObject read(String resource) {
    try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("OpenAPI fragment " + resource + " is not on the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
