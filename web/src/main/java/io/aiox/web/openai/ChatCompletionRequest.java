package io.aiox.web.openai;

import io.aiox.web.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a {@code POST /v1/chat/completions} body into a {@link TurnRequest}. The turn is the last message, which
 * must be the user's; earlier messages are not replayed to the model, since the hub keeps the conversation with
 * each peer itself (the same short-term memory an XMPP chat with the agent uses), and the agent's own system
 * prompt and settings rule the turn: {@code system} messages, {@code temperature}, {@code tools} and the like from
 * the client are ignored (docs/console.md, "OpenAI-compatible endpoint").
 */
final class ChatCompletionRequest {
  /** Longer messages are refused: the XMPP stream would not carry them either. */
  static final int MAX_TEXT_CHARS = 65_536;

  private ChatCompletionRequest() {}

  static TurnRequest read(JsonObject body) {
    Object model = body.getValue("model");
    if (!(model instanceof String m) || m.isBlank()) {
      throw ProblemException.badRequest("'model' must be one of your agents' ids (GET /v1/models) or its JID");
    }
    Object stream = body.getValue("stream", false);
    if (!(stream instanceof Boolean streamed)) {
      throw ProblemException.badRequest("'stream' must be true or false");
    }
    return new TurnRequest(m.strip(), lastUserText(body.getValue("messages")), streamed);
  }

  private static String lastUserText(Object messages) {
    if (!(messages instanceof JsonArray list) || list.isEmpty()
        || !(list.getValue(list.size() - 1) instanceof JsonObject last)) {
      throw ProblemException.badRequest("'messages' must be a non-empty array of message objects");
    }
    if (!"user".equals(last.getString("role"))) {
      throw ProblemException.badRequest("the last message must be the user's (role 'user'): it is the turn");
    }
    String text = text(last.getValue("content"));
    if (text.isBlank()) {
      throw ProblemException.badRequest("the last message has no text");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw ProblemException.badRequest("the last message is longer than " + MAX_TEXT_CHARS + " characters");
    }
    return text;
  }

  /** A string, or the text parts of an array of content parts (images and other parts are refused). */
  private static String text(Object content) {
    if (content instanceof String s) {
      return s;
    }
    if (!(content instanceof JsonArray parts)) {
      throw ProblemException.badRequest("a message's 'content' must be a string or an array of text parts");
    }
    StringBuilder text = new StringBuilder();
    for (Object p : parts) {
      if (!(p instanceof JsonObject part) || !"text".equals(part.getString("type"))
          || !(part.getValue("text") instanceof String t)) {
        throw ProblemException.badRequest("only text content parts ({\"type\":\"text\",\"text\":...}) are taken");
      }
      text.append(t);
    }
    return text.toString();
  }
}
