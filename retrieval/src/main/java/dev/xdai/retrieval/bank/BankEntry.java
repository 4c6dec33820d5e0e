package dev.xdai.retrieval.bank;

import java.util.Objects;

/**
 * One exchange of a response bank: the utterance it answered ({@code context}), the reply, and where it comes from.
 * {@code id} is stable for the same source position, so a re-import replaces it.
 */
public record BankEntry(String id, String context, String reply, String source) {
  public BankEntry {
    Objects.requireNonNull(id, "id");
    context = context == null ? "" : context.strip();
    reply = reply == null ? "" : reply.strip();
    source = source == null ? "" : source;
  }
}
