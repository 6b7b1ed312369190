package io.aiox.web.http;

import io.vertx.ext.web.Router;

/**
 * One group of the console's routes (sign-in, agents, usage, audit, approvals, the OpenAI-compatible endpoint).
 * {@link ConsoleServer} mounts each group on its own paths; a group that needs a signed-in caller puts the
 * authentication handler in front of its routes.
 */
public interface ConsoleRoutes {
  /** Adds this group's routes to the console's router. Every route answers errors as {@link Problem}s. */
  void mount(Router router);

  /**
   * The classpath resource with this group's part of the OpenAPI document ({@code paths}, and {@code components}
   * it refers to), e.g. {@code openapi/agents.json}; every route a group mounts is in it.
   */
  default java.util.Optional<String> openApi() {
    return java.util.Optional.empty();
  }
}
