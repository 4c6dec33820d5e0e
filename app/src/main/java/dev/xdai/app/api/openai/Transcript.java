package dev.xdai.app.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xdai.app.api.openai.OpenAiDtos.ChatMessage;
import dev.xdai.dialogue.DialogueException;
import dev.xdai.prompting.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI message list read as xdai's dialogue: the last message, which must be the user's, is the utterance to
 * answer; the user and assistant messages before it are the history, each user message opening an exchange and the
 * assistant messages after it its reply. System and developer messages are skipped: the persona is the bot's
 * instruction. A message of another role (a tool's, say) or content that is not text is refused, naming the field.
 *
 * @param history the earlier exchanges, oldest first, indexed from 0
 * @param utterance the last user message's text
 */
public record Transcript(List<Exchange> history, String utterance) {

  public Transcript {
    history = List.copyOf(history);
  }

  public static Transcript of(List<ChatMessage> messages) {
    if (messages == null || messages.isEmpty()) throw invalid("messages must hold at least one message, the user's");
    List<Turn> turns = new ArrayList<>();
    String utterance = null;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      String field = "messages[" + i + "]";
      if (m == null) throw invalid(field + " must be a message object");
      String role = m.role() == null ? "" : m.role();
      boolean last = i == messages.size() - 1;
      if (last && !role.equals("user")) {
        throw invalid(field + ".role is '" + role + "': the last message must be the user's, the one to answer");
      }
      switch (role) {
        case "system", "developer" -> text(m.content(), field); // checked, then skipped: the persona speaks for the bot
        case "user" -> {
          String text = text(m.content(), field);
          if (last) utterance = text;
          else turns.add(new Turn(text));
        }
        case "assistant" -> {
          String text = text(m.content(), field);
          if (turns.isEmpty()) turns.add(new Turn("")); // the bot spoke first, e.g. its greeting
          turns.getLast().reply(text);
        }
        default -> throw invalid(field + ".role is '" + role + "'; only system, developer, user and assistant messages are supported");
      }
    }
    if (utterance == null || utterance.isBlank()) throw invalid("messages[" + (messages.size() - 1) + "].content must not be empty");
    List<Exchange> history = new ArrayList<>();
    for (Turn t : turns) history.add(new Exchange(history.size(), t.user, t.reply.toString()));
    return new Transcript(history, utterance);
  }

  /** A message's text: the string, or its text parts one to a line; null content reads as empty. */
  static String text(JsonNode content, String field) {
    if (content == null || content.isNull()) return "";
    if (content.isTextual()) return content.asText();
    if (!content.isArray()) throw invalid(field + ".content must be a string or an array of text parts");
    List<String> parts = new ArrayList<>();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asText("");
      if (!type.equals("text") || !part.path("text").isTextual()) {
        throw invalid(field + ".content[" + j + "] is of type '" + type + "'; only {\"type\": \"text\", \"text\": \"...\"} parts are supported");
      }
      parts.add(part.get("text").asText());
    }
    return String.join("\n", parts);
  }

  private static DialogueException invalid(String reason) {
    return new DialogueException(DialogueException.Kind.INVALID, reason);
  }

  /** An exchange being read: the user's text and the assistant text after it. */
  private static final class Turn {
    final String user;
    final StringBuilder reply = new StringBuilder();

    Turn(String user) { this.user = user; }

    void reply(String text) {
      if (!reply.isEmpty() && !text.isEmpty()) reply.append('\n');
      reply.append(text);
    }
  }
}
