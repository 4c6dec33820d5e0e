package dev.xdai.knowledge.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.retrieval.bank.BankEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads conversations as the exchanges of a response bank, each utterance paired with the one that answered it. The
 * kind follows the file name: {@code .conv} (subtitle sessions: {@code E} starts one, {@code M <utterance>} lines),
 * {@code .yml}/{@code .yaml} (chatterbot-corpus: {@code - - <first>} starts a conversation, {@code   - <next>} goes on),
 * {@code .json} (KdConv: only replies that used no knowledge, since a bank must not state facts), and {@code .tsv}
 * ({@code <context>\t<reply>} lines, {@code #} comments). The chatterbot format is read line by line: its conversations
 * are flat lists of quoted or plain strings, no YAML feature beyond that.
 */
public final class ConversationReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ConversationReader() {}

  /** The exchanges of {@code in}, read as the kind {@code fileName} ends with; ids start with {@code source}. */
  public static List<BankEntry> read(InputStream in, String fileName, String source) throws IOException {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) return kdconv(in, source);
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    if (name.endsWith(".conv")) return sessions(r, source);
    if (name.endsWith(".yml") || name.endsWith(".yaml")) return chatterbot(r, source);
    if (name.endsWith(".tsv")) return tsv(r, source);
    throw new IllegalArgumentException("cannot tell the conversation format of '" + fileName + "' (.conv, .yml, .json, .tsv)");
  }

  private static List<BankEntry> sessions(BufferedReader r, String source) throws IOException {
    List<BankEntry> out = new ArrayList<>();
    List<String> session = new ArrayList<>();
    int n = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.strip().equals("E")) {
        pairs(session, source + ":" + n++, out);
        session.clear();
      } else if (line.startsWith("M ")) {
        session.add(line.substring(2).strip());
      }
    }
    pairs(session, source + ":" + n, out);
    return out;
  }

  private static List<BankEntry> chatterbot(BufferedReader r, String source) throws IOException {
    List<BankEntry> out = new ArrayList<>();
    List<String> conversation = new ArrayList<>();
    int n = 0;
    boolean inConversations = false;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (!line.startsWith(" ") && !line.startsWith("-")) inConversations = line.startsWith("conversations:");
      if (!inConversations) continue;
      String t = line.strip();
      if (t.startsWith("- - ")) {
        pairs(conversation, source + ":" + n++, out);
        conversation.clear();
        conversation.add(unquote(t.substring(4)));
      } else if (t.startsWith("- ") && !conversation.isEmpty()) {
        conversation.add(unquote(t.substring(2)));
      }
    }
    pairs(conversation, source + ":" + n, out);
    return out;
  }

  private static List<BankEntry> tsv(BufferedReader r, String source) throws IOException {
    List<BankEntry> out = new ArrayList<>();
    int n = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      n++;
      if (line.isBlank() || line.startsWith("#")) continue;
      int tab = line.indexOf('\t');
      if (tab < 0) continue;
      out.add(new BankEntry(source + ":" + n, line.substring(0, tab), line.substring(tab + 1), source));
    }
    return out;
  }

  private static List<BankEntry> kdconv(InputStream in, String source) throws IOException {
    List<BankEntry> out = new ArrayList<>();
    try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) throw new IOException("not KdConv conversations: expected a JSON array");
      int n = 0;
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        JsonNode messages = MAPPER.<JsonNode>readTree(parser).path("messages");
        for (int i = 1; i < messages.size(); i++) {
          JsonNode reply = messages.get(i);
          if (reply.path("attrs").size() > 0) continue; // a reply that used knowledge states facts
          out.add(new BankEntry(source + ":" + n + ":" + i, messages.get(i - 1).path("message").asText(""),
              reply.path("message").asText(""), source));
        }
        n++;
      }
    }
    return out;
  }

  private static void pairs(List<String> utterances, String prefix, List<BankEntry> out) {
    String source = prefix.substring(0, prefix.lastIndexOf(':'));
    for (int i = 1; i < utterances.size(); i++) {
      out.add(new BankEntry(prefix + ":" + i, utterances.get(i - 1), utterances.get(i), source));
    }
  }

  private static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) t = t.substring(1, t.length() - 1);
    return t;
  }
}
