package io.aiox.worker.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.mcp.client.McpToolResultExtractor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool result's content as the text a model reads: text parts as they are, joined by new lines; any other part
 * (an image, audio, a resource) named by its type and left out, since the hub hands models text only. LangChain4j's
 * own extractor fails on such parts, which would lose the text beside them.
 */
final class McpText implements McpToolResultExtractor {
  @Override
  public ToolExecutionResult extract(JsonNode content, boolean isError) {
    List<String> parts = new ArrayList<>();
    for (JsonNode part : content) {
      String type = part.path("type").asText("");
      parts.add(type.equals("text") ? part.path("text").asText("") : "[" + (type.isEmpty() ? "unknown" : type)
          + " content left out: only text is passed on]");
    }
    return ToolExecutionResult.builder().isError(isError).resultText(String.join("\n", parts)).build();
  }

  /** {@code text} cut to at most {@code maxBytes} bytes of UTF-8, never inside a character. */
  static String bounded(String text, int maxBytes) {
    if (text.length() * 3L <= maxBytes) {
      return text;
    }
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        return text.substring(0, i);
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return text;
  }
}
