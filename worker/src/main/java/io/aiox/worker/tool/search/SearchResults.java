package io.aiox.worker.tool.search;

import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A SearXNG JSON answer ({@code {results: [{title, url, content}, ...]}}) as the model gets it: at most
 * {@code max} results, each {@code {title, url, snippet}}, with titles and snippets on one line and cut to their
 * lengths, and only results whose URL is http or https (a search engine's answer is untrusted input too).
 */
final class SearchResults {
  static final int MAX_TITLE = 300;
  static final int MAX_URL = 2_048;

  private SearchResults() {}

  static JsonArray parse(byte[] body, int max, int snippetCharacters) {
    JsonArray results;
    try {
      results = new JsonObject(new String(body, StandardCharsets.UTF_8)).getJsonArray("results");
    } catch (DecodeException | ClassCastException e) {
      throw new ToolFailed("the search endpoint did not answer SearXNG JSON ({\"results\": [...]}): "
          + e.getMessage());
    }
    if (results == null) {
      throw new ToolFailed("the search endpoint's answer has no \"results\" list");
    }
    JsonArray out = new JsonArray();
    for (int i = 0; i < results.size() && out.size() < max; i++) {
      if (results.getValue(i) instanceof JsonObject r && r.getValue("url") instanceof String url && web(url)) {
        out.add(new JsonObject().put("title", cut(text(r.getValue("title")), MAX_TITLE)).put("url", url)
            .put("snippet", cut(text(r.getValue("content")), snippetCharacters)));
      }
    }
    return out;
  }

  private static boolean web(String url) {
    if (url.length() > MAX_URL) {
      return false;
    }
    try {
      String scheme = new URI(url).getScheme();
      return scheme != null && (scheme.toLowerCase(Locale.ROOT).equals("http")
          || scheme.toLowerCase(Locale.ROOT).equals("https"));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String text(Object value) {
    return value instanceof String s ? s.replaceAll("\\s+", " ").strip() : "";
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
  }
}
