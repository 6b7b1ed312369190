package io.aiox.worker.inference.local;

import de.kherud.llama.Pair;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.ToolCall;
import io.aiox.worker.inference.ToolRound;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Tool use with a local Gemma model, which has no tool-calling API: the tools are described in the system prompt
 * (Gemma 3's function-calling convention: instructions and each tool's JSON schema in the prompt, the call as a JSON
 * object in the model's turn, the results in the next user turn), and llama.cpp's grammar, made from a JSON schema
 * by llama.cpp's own converter, constrains the answer to exactly one of {@code {"tool": NAME, "arguments": {...}}}
 * with the tool's argument schema, or {@code {"answer": "..."}}. So even a small model writes a well-formed call;
 * what it writes is still checked like any model's (arguments schema, policy) before anything runs.
 * {@code maxString} bounds every string the model may write in a call (the model's {@code tool_string_max}).
 */
final class GemmaTools {
  private static final java.util.regex.Pattern STARTED_CALL =
      java.util.regex.Pattern.compile("^\\s*\\{\\s*\"tool\"\\s*:\\s*\"([^\"]*)\"");

  private GemmaTools() {}

  /** The system prompt with the tools and how to call them. */
  static String system(ChatRequest request) {
    StringBuilder s = new StringBuilder(request.system());
    s.append(s.isEmpty() ? "" : "\n\n").append("You can use tools. Reply with one JSON object only: "
        + "{\"tool\": NAME, \"arguments\": {...}} to call a tool, or {\"answer\": TEXT} to answer the user. "
        + "Tool results come back in the next user message. The tools:");
    for (ToolDefinition t : request.tools()) {
      s.append("\n- ").append(t.name()).append(": ").append(t.description()).append(" Arguments (JSON Schema): ")
          .append(t.inputSchema().encode());
    }
    return s.toString();
  }

  /** The rounds so far as the conversation continues: the model's call, then the results as the user's turn. */
  static void rounds(ChatRequest request, List<Pair<String, String>> messages) {
    for (ToolRound r : request.rounds()) {
      for (ToolCall c : r.calls()) {
        messages.add(new Pair<>(ChatTurn.ASSISTANT, callText(c)));
      }
      StringBuilder results = new StringBuilder("Tool results:");
      for (ToolRound.ToolResult x : r.results()) {
        results.append("\n").append(x.name()).append(": ").append(x.text());
      }
      messages.add(new Pair<>(ChatTurn.USER, results.toString()));
    }
  }

  private static String callText(ToolCall c) {
    Optional<JsonObject> args = c.arguments();
    return args.isPresent() ? new JsonObject().put("tool", c.name()).put("arguments", args.get()).encode()
        : "{\"tool\": \"" + c.name() + "\", \"arguments\": " + c.argumentsText() + "}";
  }

  /** The JSON schema of a reply: one of the calls, or (unless a call is required) an answer. */
  static JsonObject replySchema(ChatRequest request, int maxString) {
    JsonArray choices = new JsonArray();
    for (ToolDefinition t : request.tools()) {
      choices.add(object(new JsonObject().put("tool", new JsonObject().put("const", t.name()))
          .put("arguments", bounded(requiredOnly(t.inputSchema().copy()), maxString)), "tool", "arguments"));
    }
    if (!request.toolRequired()) {
      choices.add(object(new JsonObject().put("answer", new JsonObject().put("type", "string")), "answer"));
    }
    return new JsonObject().put("oneOf", choices);
  }

  private static JsonObject object(JsonObject properties, String... required) {
    return new JsonObject().put("type", "object").put("properties", properties)
        .put("required", new JsonArray(List.of((Object[]) required))).put("additionalProperties", false);
  }

  /**
   * The schema with only its required properties: a small model steered by a grammar would otherwise wander into
   * optional objects whose keys no length bounds (an HTTP call's headers), and never close the call. A local model
   * therefore passes a tool's required arguments only; the tools' defaults stand for the rest.
   */
  private static JsonObject requiredOnly(JsonObject schema) {
    JsonObject props = schema.getJsonObject("properties");
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    if (props != null) {
      JsonObject kept = new JsonObject();
      props.fieldNames().stream().filter(required::contains).forEach(n -> kept.put(n, props.getValue(n)));
      schema.put("properties", kept).put("additionalProperties", false);
    }
    return schema;
  }

  /** Every string of the schema at most {@code max} long, so a call always ends within the answer's tokens. */
  private static JsonObject bounded(JsonObject schema, int max) {
    if ("string".equals(schema.getString("type")) && schema.getJsonArray("enum") == null) {
      schema.put("maxLength", Math.min(schema.getInteger("maxLength", max), max));
    }
    JsonObject props = schema.getJsonObject("properties");
    if (props != null) {
      props.fieldNames().forEach(n -> bounded(props.getJsonObject(n), max));
    }
    if (schema.getValue("additionalProperties") instanceof JsonObject extra) {
      bounded(extra, max);
    }
    if (schema.getValue("items") instanceof JsonObject items) {
      bounded(items, max);
    }
    return schema;
  }

  /**
   * The model's reply: the call it made, or its answer. Text that starts a call but is not a whole one (cut short by
   * {@code max_tokens}) is a malformed call, which the tool loop answers as an error; other text is the answer.
   */
  static Reply parse(String text, int round) {
    try {
      Object v = io.vertx.core.json.Json.decodeValue(text.strip());
      if (v instanceof JsonObject o && o.getValue("tool") instanceof String name) {
        Object args = o.getValue("arguments");
        return new Reply(null, new ToolCall("local-" + round, name, args == null ? "{}" : io.vertx.core.json.Json
            .encode(args)));
      }
      if (v instanceof JsonObject o && o.getValue("answer") instanceof String answer) {
        return new Reply(answer, null);
      }
    } catch (DecodeException e) {
      // cut short (max_tokens) or not JSON: a call that cannot be read is answered as an error by the tool loop
      java.util.regex.Matcher call = STARTED_CALL.matcher(text);
      if (call.find()) {
        return new Reply(null, new ToolCall("local-" + round, call.group(1), text));
      }
    }
    return new Reply(text, null);
  }

  /** Either an answer or a call. */
  record Reply(String answer, ToolCall call) {}
}
