package io.aiox.worker.document;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * An HTML page's text (jsoup): headings, paragraphs, list items and table rows become blocks; scripts, styles,
 * forms and the head are left out; inline markup is reduced to its text.
 */
final class HtmlText {
  private static final Set<String> SKIPPED = Set.of("head", "script", "style", "noscript", "template", "svg",
      "iframe", "object", "form", "button", "select", "textarea");
  private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
      "nav", "aside", "blockquote", "pre", "ul", "ol", "li", "table", "tr", "dl", "dt", "dd", "figure",
      "figcaption", "address", "details", "summary", "hr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "body",
      "html");

  private HtmlText() {}

  static void read(String html, TextOut out) {
    Element body = Jsoup.parse(html).body();
    walk(body, out);
  }

  /** Inline children gather into one paragraph; a block child ends it and is written on its own. */
  private static boolean walk(Element parent, TextOut out) {
    StringBuilder inline = new StringBuilder();
    for (Node child : parent.childNodes()) {
      if (child instanceof TextNode t) {
        inline.append(t.text());
      } else if (child instanceof Element e && !SKIPPED.contains(e.normalName())) {
        if (!BLOCKS.contains(e.normalName())) {
          inline.append(e.text());
          continue;
        }
        if (!out.paragraph(inline.toString()) || !block(e, out)) {
          return false;
        }
        inline.setLength(0);
      }
    }
    return out.paragraph(inline.toString());
  }

  private static boolean block(Element e, TextOut out) {
    String tag = e.normalName();
    if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
      return out.heading(tag.charAt(1) - '0', e.text());
    }
    return switch (tag) {
      case "li" -> itemWithNested(e, out);
      case "pre" -> out.paragraph(out.markdown() ? "```\n" + e.wholeText().strip() + "\n```" : e.wholeText());
      case "table" -> table(e, out);
      case "hr", "br" -> true;
      default -> walk(e, out);
    };
  }

  /** A list item's own text, then any list nested in it. */
  private static boolean itemWithNested(Element li, TextOut out) {
    Element copy = li.clone();
    copy.select("ul, ol").remove();
    if (!out.item(copy.text())) {
      return false;
    }
    for (Element nested : li.select("> ul > li, > ol > li")) {
      if (!itemWithNested(nested, out)) {
        return false;
      }
    }
    return true;
  }

  private static boolean table(Element table, TextOut out) {
    for (Element tr : table.select("tr")) {
      if (tr.closest("table") == table && !out.row(tr.select("> th, > td").stream().map(Element::text).toList())) {
        return false;
      }
    }
    out.endTable();
    return true;
  }
}
