package io.aiox.worker.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document's text into chunks for embedding: paragraphs and sentences are kept whole where they fit, a chunk
 * holds at most {@code maxChars}, and each chunk after the first repeats up to {@code overlapChars} of the sentences
 * before it, so a fact that straddles a boundary is still found whole in one chunk. all-MiniLM-L6-v2 reads about
 * 256 word pieces; 800 characters of prose stay under that.
 */
public final class Chunker {
  public static final int DEFAULT_MAX_CHARS = 800;
  public static final int DEFAULT_OVERLAP_CHARS = 120;

  private final int maxChars;
  private final int overlapChars;

  public Chunker(int maxChars, int overlapChars) {
    if (maxChars < 50 || overlapChars < 0 || overlapChars >= maxChars / 2) {
      throw new IllegalArgumentException("maxChars must be at least 50 and overlapChars under half of it");
    }
    this.maxChars = maxChars;
    this.overlapChars = overlapChars;
  }

  public static Chunker defaults() {
    return new Chunker(DEFAULT_MAX_CHARS, DEFAULT_OVERLAP_CHARS);
  }

  public List<String> chunks(String text) {
    List<String> units = units(text);
    List<String> chunks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int length = 0;
    for (String unit : units) {
      if (length + unit.length() + 1 > maxChars && !current.isEmpty()) {
        chunks.add(String.join(" ", current));
        current = overlap(current);
        length = current.stream().mapToInt(s -> s.length() + 1).sum();
      }
      current.add(unit);
      length += unit.length() + 1;
    }
    if (!current.isEmpty()) {
      chunks.add(String.join(" ", current));
    }
    return chunks;
  }

  /** The trailing sentences of a chunk that fit the overlap. */
  private List<String> overlap(List<String> previous) {
    List<String> tail = new ArrayList<>();
    int length = 0;
    for (int i = previous.size() - 1; i >= 0; i--) {
      int l = previous.get(i).length() + 1;
      if (length + l > overlapChars) {
        break;
      }
      tail.add(0, previous.get(i));
      length += l;
    }
    return tail;
  }

  /** Sentences (or pieces of over-long ones), whitespace collapsed, none longer than the chunk size. */
  private List<String> units(String text) {
    List<String> units = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n")) {
      for (String sentence : paragraph.strip().replaceAll("\\s+", " ").split("(?<=[.!?])\\s+")) {
        split(sentence.strip(), units);
      }
    }
    return units;
  }

  private void split(String sentence, List<String> out) {
    String rest = sentence;
    while (rest.length() > maxChars) {
      int cut = rest.lastIndexOf(' ', maxChars);
      cut = cut < maxChars / 2 ? maxChars : cut;
      out.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
  }
}
