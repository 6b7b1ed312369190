package io.aiox.web.agents;

import io.aiox.policy.access.AccessRule;
import io.aiox.schema.agent.Visibility;
import io.aiox.web.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A create or PATCH body, read: each member absent is left as it is. {@code shared_with} is the console's name for
 * the governance lists the access rule reads: bare JIDs go to {@code allowed_jids}, domains to
 * {@code allowed_domains}. Only the body's shape is checked here (a 400 naming the member); the values are checked by
 * the hub's rules.
 */
public record AgentInput(Optional<String> name, Optional<String> description, Optional<String> systemPrompt,
                         Optional<String> model, Optional<List<String>> fallbacks, Optional<Visibility> visibility,
                         Optional<JsonObject> memory, Optional<Set<String>> tools, Optional<JsonObject> governance) {
  static final Set<String> MEMBERS = Set.of("name", "description", "system_prompt", "model", "fallbacks",
      "visibility", "shared_with", "memory", "tools", "governance");

  public static AgentInput fromJson(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!MEMBERS.contains(key)) {
        throw ProblemException.badRequest("unknown member " + key + " (an agent has " + MEMBERS.stream().sorted()
            .toList() + ")");
      }
    }
    return new AgentInput(text(body, "name"), text(body, "description"), text(body, "system_prompt"),
        text(body, "model"), strings(body, "fallbacks").map(List::copyOf), visibility(body), object(body, "memory"),
        strings(body, "tools").map(LinkedHashSet::new), governance(body));
  }

  private static Optional<String> text(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw ProblemException.badRequest(key + " must be a string, was " + v);
    }
    return Optional.ofNullable((String) v);
  }

  private static Optional<JsonObject> object(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw ProblemException.badRequest(key + " must be a JSON object, was " + v);
    }
    return Optional.ofNullable((JsonObject) v);
  }

  private static Optional<List<String>> strings(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JsonArray array) || array.stream().anyMatch(x -> !(x instanceof String))) {
      throw ProblemException.badRequest(key + " must be a list of strings, was " + v);
    }
    List<String> list = new ArrayList<>();
    array.forEach(x -> list.add(((String) x).strip()));
    return Optional.of(list);
  }

  private static Optional<Visibility> visibility(JsonObject body) {
    try {
      return text(body, "visibility").map(Visibility::parse);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
  }

  /** The governance patch with {@code shared_with} folded in (it replaces both lists). */
  private static Optional<JsonObject> governance(JsonObject body) {
    Optional<JsonObject> governance = object(body, "governance").map(JsonObject::copy);
    Optional<List<String>> shared = strings(body, "shared_with");
    if (shared.isEmpty()) {
      return governance;
    }
    JsonArray jids = new JsonArray();
    JsonArray domains = new JsonArray();
    shared.get().forEach(s -> (s.contains("@") ? jids : domains).add(s.toLowerCase(java.util.Locale.ROOT)));
    JsonObject patch = governance.orElseGet(JsonObject::new);
    patch.put(AccessRule.ALLOWED_JIDS, jids).put(AccessRule.ALLOWED_DOMAINS, domains);
    return Optional.of(patch);
  }

  /** The entries of {@code shared_with} as stored in the governance: its JIDs, then its domains. */
  public static List<String> sharedWith(JsonObject governance) {
    List<String> shared = new ArrayList<>();
    for (String key : List.of(AccessRule.ALLOWED_JIDS, AccessRule.ALLOWED_DOMAINS)) {
      Object v = governance.getValue(key);
      if (v instanceof JsonArray a) {
        a.forEach(x -> shared.add(String.valueOf(x)));
      }
    }
    return shared;
  }
}
