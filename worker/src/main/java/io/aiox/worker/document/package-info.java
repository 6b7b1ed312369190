/**
 * The text of a document: PDF (Apache PDFBox), Word, Excel and PowerPoint in their Office Open XML forms (Apache
 * POI), OpenDocument text, HTML (jsoup) and UTF-8 text, as plain text or as Markdown that keeps headings, list items
 * and table rows. {@link io.aiox.worker.document.DocumentReader} is the entry point; every read is bounded in
 * characters, pages and time ({@link io.aiox.worker.document.TextLimits}). Memory's document ingestion and the
 * {@code document_parser} tool both read through it.
 */
package io.aiox.worker.document;
