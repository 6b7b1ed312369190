package io.aiox.worker.document;

/** How the text comes out. */
public enum TextShape {
  /** Paragraphs separated by blank lines; list items start with "- "; table cells are separated by tabs. */
  TEXT,
  /** The same, with headings as {@code #} lines and tables as Markdown pipe tables. */
  MARKDOWN
}
