package io.aiox.worker.document;

import java.util.List;
import java.util.Optional;

/**
 * Where a reader writes a document's blocks (headings, paragraphs, list items, table rows, page breaks) in the
 * shape asked for, within the limits. Every method answers whether the reader should go on: once a limit is
 * reached the text is cut there and everything after is ignored, so a reader only has to stop looping.
 */
final class TextOut {
  private final StringBuilder text = new StringBuilder();
  private final TextShape shape;
  private final TextLimits limits;
  private final long deadline;
  private int pages;
  private boolean inTable;
  private String cutBy;

  TextOut(TextShape shape, TextLimits limits) {
    this.shape = shape;
    this.limits = limits;
    this.deadline = System.nanoTime() + Math.min(limits.time().toNanos(), Long.MAX_VALUE / 4);
  }

  boolean markdown() {
    return shape == TextShape.MARKDOWN;
  }

  /** A new page (PDF page, slide, sheet); false when the page limit is reached. */
  boolean page() {
    if (full()) {
      return false;
    }
    if (pages >= limits.maxPages()) {
      cutBy = "pages";
      return false;
    }
    pages++;
    return true;
  }

  boolean heading(int level, String line) {
    String t = clean(line);
    return t.isEmpty() || block((markdown() ? "#".repeat(Math.max(1, Math.min(6, level))) + " " : "") + t);
  }

  boolean paragraph(String paragraph) {
    String t = paragraph.strip();
    return t.isEmpty() || block(t);
  }

  boolean item(String line) {
    String t = clean(line);
    return t.isEmpty() || block("- " + t);
  }

  /** One table row; the first row of a table is its header in Markdown. Rows of one table stay together. */
  boolean row(List<String> cells) {
    if (cells.stream().allMatch(c -> clean(c).isEmpty())) {
      return !full();
    }
    String sep = markdown() ? " | " : "\t";
    List<String> cleaned = cells.stream().map(c -> markdown() ? clean(c).replace("|", "\\|") : clean(c)).toList();
    String line = markdown() ? "| " + String.join(sep, cleaned) + " |" : String.join(sep, cleaned);
    if (inTable) {
      return append("\n" + line);
    }
    boolean more = block(line);
    inTable = true;
    return more && (!markdown() || append("\n|" + " --- |".repeat(cells.size())));
  }

  /** Ends the current table, if any: the next row starts a new one. */
  void endTable() {
    inTable = false;
  }

  private boolean block(String block) {
    inTable = false;
    return append(text.isEmpty() ? block : "\n\n" + block);
  }

  private boolean append(String s) {
    if (full()) {
      return false;
    }
    if (System.nanoTime() - deadline > 0) {
      cutBy = "time";
      return false;
    }
    int room = limits.maxCharacters() - text.length();
    if (s.length() > room) {
      text.append(s, 0, room);
      cutBy = "characters";
      return false;
    }
    text.append(s);
    return true;
  }

  boolean full() {
    return cutBy != null;
  }

  /** Lines folded into one: a heading, item or cell stays on its line. */
  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  ExtractedText result(DocumentFormat format) {
    return new ExtractedText(text.toString(), format, pages, Optional.ofNullable(cutBy));
  }
}
