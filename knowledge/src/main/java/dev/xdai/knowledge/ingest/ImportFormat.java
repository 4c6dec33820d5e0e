package dev.xdai.knowledge.ingest;

import java.util.Locale;

/** The import formats (what {@code xdai import --format} accepts). */
public enum ImportFormat {
  /** KdConv conversations ({@code [ {messages:[{attrs:[...]}]} ]}) or a KdConv knowledge base ({@code {entity: [[e,a,v]]}}). */
  KDCONV,
  /** CSV {@code entity,attribute,value[,question]}, optional header, {@code #} comments. */
  TRIPLES,
  /** JSON lines (or a JSON array) of question/answer objects; field names configurable ({@link FaqFields}). */
  FAQ,
  /** Plain text or Markdown, split into passages; question headings and Q:/A: lines become QA pairs. */
  TEXT;

  /** Parses a CLI name: {@code kdconv, triples|csv, faq|jsonl|qa, text|md|markdown|txt}. */
  public static ImportFormat parse(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "kdconv", "kdconv-kb", "kb" -> KDCONV;
      case "triples", "csv" -> TRIPLES;
      case "faq", "jsonl", "qa" -> FAQ;
      case "text", "txt", "md", "markdown" -> TEXT;
      default -> throw new IllegalArgumentException("unknown import format '" + name + "' (kdconv, triples, faq, text)");
    };
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
