package io.aiox.web.openai;

/**
 * Turns the whole text so far, as the hub shows it, into the pieces a stream sends: each call returns what is new
 * since the text sent before. The hub's text only grows at its end, except that the text shown while the answer is
 * written is trimmed; when a new text does not extend what was sent, what follows the common beginning is sent.
 */
final class TextDeltas {
  private String sent = "";

  String next(String whole) {
    int common = 0;
    int max = Math.min(sent.length(), whole.length());
    while (common < max && sent.charAt(common) == whole.charAt(common)) {
      common++;
    }
    String piece = whole.substring(common);
    if (!piece.isEmpty()) {
      sent = whole;
    }
    return piece;
  }
}
