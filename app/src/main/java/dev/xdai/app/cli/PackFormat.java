package dev.xdai.app.cli;

import dev.xdai.knowledge.ingest.ImportFormat;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What {@code xdai import --format} reads: a knowledge format ({@link ImportFormat}, with its aliases), or conversations. */
enum PackFormat {
  KDCONV, TRIPLES, FAQ, TEXT,
  /** Conversations for the response bank. */
  DIALOGUE;

  /** The knowledge format; empty for {@link #DIALOGUE}. */
  Optional<ImportFormat> knowledge() {
    return this == DIALOGUE ? Optional.empty() : Optional.of(ImportFormat.valueOf(name()));
  }

  /** Accepts the names and {@link ImportFormat#parse}'s aliases ({@code csv}, {@code jsonl}, {@code md}, …). */
  static final class Converter implements ITypeConverter<PackFormat> {
    @Override
    public PackFormat convert(String text) {
      if (text.strip().equalsIgnoreCase("dialogue")) return DIALOGUE;
      try {
        return valueOf(ImportFormat.parse(text).name());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("unknown format '" + text + "' (kdconv, triples, faq, text, dialogue)");
      }
    }
  }
}
