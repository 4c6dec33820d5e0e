package dev.xdai.personas;

import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Speaker;
import dev.xdai.prompting.Utterance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a Character Card V2 ({@code spec: chara_card_v2}, {@code spec_version: "2.0"}, JSON) as a persona:
 * description, personality and scenario become the background, {@code mes_example}'s {@code <START>} blocks the
 * example post-responses, {@code first_mes} the greeting; always-on lorebook entries join the background, keyword
 * entries come back as knowledge hints. What has no place in a persona is listed in the notes, never silently lost.
 */
public final class CardV2Importer {

  /** What an import produced: the persona (validated), what was left out or cut, and lorebook knowledge. */
  public record Result(Persona persona, List<String> notes, List<KnowledgeHint> knowledgeHints) {
    public Result {
      notes = List.copyOf(notes);
      knowledgeHints = List.copyOf(knowledgeHints);
    }
  }

  /** A keyword-triggered lorebook entry: a candidate for a knowledge pack, since a persona has no trigger words. */
  public record KnowledgeHint(List<String> keys, String content) {
    public KnowledgeHint {
      keys = List.copyOf(keys);
    }
  }

  private static final String SPEC = "chara_card_v2";
  private static final String SPEC_VERSION = "2.0";
  private static final Pattern START = Pattern.compile("(?i)<START>");
  private static final Pattern CHAR_MACRO = Pattern.compile("(?i)\\{\\{char}}|<bot>|<char>");
  private static final Pattern USER_MACRO = Pattern.compile("(?i)\\{\\{user}}|<user>");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  private CardV2Importer() {}

  /** Imports a card, deriving the persona id from the character's name. */
  public static Result read(SourceText card) {
    return read(card, null);
  }

  /**
   * Imports a card as persona {@code id} (null derives it from the name: ASCII letters and digits of the name, or
   * {@code card-} and a hash of it for names without any).
   *
   * @throws PersonaValidationException when it is not a V2 card, a field has the wrong type, or the mapped persona
   *     does not validate
   */
  public static Result read(SourceText card, String id) {
    Problems problems = new Problems(card.label());
    Node root = NodeParser.parse(card.label(), card.text(), card.format());
    FieldReader r = FieldReader.of(root, "", problems);
    problems.throwIfAny();
    checkSpec(root, r, problems);
    problems.throwIfAny();
    Node dataNode = r.value("data", true);
    problems.throwIfAny();
    FieldReader data = FieldReader.of(dataNode, "data", problems);
    problems.throwIfAny();
    Card c = readCard(data);
    problems.throwIfAny();

    List<String> notes = new ArrayList<>();
    List<String> unknownTop = r.unread();
    if (!unknownTop.isEmpty()) notes.add("ignored top-level fields: " + String.join(", ", unknownTop));
    List<String> unknownData = data.unread();
    if (!unknownData.isEmpty()) notes.add("ignored fields in data: " + String.join(", ", unknownData));
    Persona persona = new Mapper(c, notes).persona(id == null ? deriveId(c.name()) : id);
    String label = card.label() + " (imported as persona '" + persona.id() + "')";
    Persona valid = PersonaReader.readPersona(SourceText.of(label, PersonaWriter.write(persona, Format.YAML), Format.YAML), null);
    return new Result(valid, notes, c.hints());
  }

  /** The id a card's name gives: lower-case ASCII letters and digits joined by '-', or {@code card-<hash>}. */
  public static String deriveId(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 64) slug = slug.substring(0, 64).replaceAll("-+$", "");
    if (!slug.isEmpty()) return slug;
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return "card-" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static void checkSpec(Node root, FieldReader r, Problems problems) {
    Node spec = r.value("spec", false);
    if (spec == null) {
      boolean v1 = r.value("name", false) != null || r.value("char_name", false) != null;
      problems.add(root, "spec", "missing: not a Character Card V2" + (v1 ? " (this looks like a V1 card;"
          + " re-export it as V2, spec 'chara_card_v2')" : " (expected spec: 'chara_card_v2')"));
      return;
    }
    String value = r.text(spec, "spec", true, 100);
    if (value != null && !value.equals(SPEC)) {
      problems.add(spec, "spec", "is '" + value + "'; only Character Card V2 ('" + SPEC + "') can be imported");
    }
    Node version = r.value("spec_version", true);
    if (version == null) return;
    String v = version instanceof Node.Scalar s && s.value() != null ? s.value().toString() : version.kind();
    if (value != null && value.equals(SPEC) && !v.equals(SPEC_VERSION)) {
      problems.add(version, "spec_version", "is '" + v + "'; this importer reads spec_version '" + SPEC_VERSION + "'");
    }
  }

  // The card's fields that matter, read with their types checked.
  private record Card(String name, String description, String personality, String scenario, String firstMes,
      String mesExample, String creatorNotes, String systemPrompt, String postHistoryInstructions,
      List<String> alternateGreetings, List<String> tags, List<String> constantLore, List<KnowledgeHint> hints,
      int disabledLore, List<String> extensionKeys) {}

  private static Card readCard(FieldReader d) {
    String name = d.text("name", true, PersonaSchema.MAX_DOCUMENT_CHARS);
    List<String> alternate = d.list("alternate_greetings", false, 0, Integer.MAX_VALUE, CardV2Importer.textItem(d));
    List<String> tags = d.list("tags", false, 0, Integer.MAX_VALUE, CardV2Importer.textItem(d));
    List<String> constant = new ArrayList<>();
    List<KnowledgeHint> hints = new ArrayList<>();
    int[] disabled = {0};
    Node bookNode = d.value("character_book", false);
    // Not FieldReader.mapping: that would report the lorebook's many UI fields (scan_depth, …) as unknown.
    FieldReader book = bookNode == null ? null : FieldReader.of(bookNode, d.path("character_book"), d.problems());
    if (book != null) {
      book.list("entries", false, 0, Integer.MAX_VALUE, (node, field, index) -> {
        FieldReader e = FieldReader.of(node, field, book.problems());
        if (e == null) return null;
        List<String> keys = e.list("keys", false, 0, Integer.MAX_VALUE, textItem(e));
        String content = e.text("content", false, PersonaSchema.MAX_DOCUMENT_CHARS);
        Node enabled = e.value("enabled", false);
        Node always = e.value("constant", false);
        if (content == null || content.isBlank()) return null;
        if (isFalse(enabled)) disabled[0]++;
        else if (isTrue(always)) constant.add(content);
        else hints.add(new KnowledgeHint(keys == null ? List.of() : keys, content));
        return null; // other entry fields (insertion_order, priority, …) steer a chat UI's lorebook, not a persona
      });
    }
    d.value("creator", false); // known V2 fields that say nothing to the model
    d.value("character_version", false);
    List<String> extensionKeys = new ArrayList<>();
    Node ext = d.value("extensions", false);
    if (ext instanceof Node.Mapping m) extensionKeys.addAll(m.entries().keySet());
    return new Card(name, optional(d, "description"), optional(d, "personality"), optional(d, "scenario"),
        optional(d, "first_mes"), optional(d, "mes_example"), optional(d, "creator_notes"), optional(d, "system_prompt"),
        optional(d, "post_history_instructions"), alternate == null ? List.of() : alternate, tags == null ? List.of() : tags,
        constant, hints, disabled[0], extensionKeys);
  }

  private static String optional(FieldReader d, String key) {
    String text = d.text(key, false, PersonaSchema.MAX_DOCUMENT_CHARS);
    return text == null ? "" : text;
  }

  private static FieldReader.ItemReader<String> textItem(FieldReader r) {
    return (node, field, index) -> r.text(node, field, false, PersonaSchema.MAX_DOCUMENT_CHARS);
  }

  private static boolean isFalse(Node n) { return n instanceof Node.Scalar s && Boolean.FALSE.equals(s.value()); }

  private static boolean isTrue(Node n) { return n instanceof Node.Scalar s && Boolean.TRUE.equals(s.value()); }

  /** Maps one card to a persona, fitting texts into the schema's limits and noting every cut. */
  private static final class Mapper {
    private final Card card;
    private final List<String> notes;
    private final boolean chinese;
    private final Pattern speakerLine;

    Mapper(Card card, List<String> notes) {
      this.card = card;
      this.notes = notes;
      this.chinese = HAN.matcher(card.name() + card.description() + card.firstMes() + card.mesExample()).find();
      // A dialogue line starts with a speaker: a macro, or the character's name written out, then ':' or '：'.
      this.speakerLine = Pattern.compile("^\\s*(\\{\\{user}}|<user>|\\{\\{char}}|<bot>|<char>|" + Pattern.quote(card.name())
          + ")\\s*[:：]\\s?(.*)$", Pattern.CASE_INSENSITIVE);
    }

    Persona persona(String id) {
      String name = fit(card.name(), PersonaSchema.MAX_DISPLAY_NAME, "name (display name)");
      List<String> parts = new ArrayList<>();
      addIfPresent(parts, "", card.description());
      addIfPresent(parts, chinese ? "性格：" : "Personality: ", card.personality());
      addIfPresent(parts, chinese ? "场景：" : "Scenario: ", card.scenario());
      card.constantLore().forEach(lore -> addIfPresent(parts, "", lore));
      if (parts.isEmpty()) parts.add(chinese ? "我是" + card.name() + "。" : "I am " + card.name() + ".");
      String background = fit(String.join("\n", parts), PersonaSchema.MAX_BACKGROUND, "background (description, personality, scenario, lorebook)");
      String greeting = fit(macros(card.firstMes()), PersonaSchema.MAX_GREETING, "first_mes (greeting)");
      List<PostResponse> examples = examples();
      noteLeftOut();
      return new Persona(id, name, background, "", examples, greeting, "", List.of(), GenerationOverrides.NONE);
    }

    private void addIfPresent(List<String> parts, String label, String text) {
      if (!text.isBlank()) parts.add(label + macros(text));
    }

    private String macros(String text) {
      String s = CHAR_MACRO.matcher(text).replaceAll(Matcher.quoteReplacement(card.name()));
      return USER_MACRO.matcher(s).replaceAll(chinese ? "你" : "you").strip();
    }

    private String fit(String text, int limit, String what) {
      int length = text.codePointCount(0, text.length());
      if (length <= limit) return text;
      notes.add(what + " cut from " + length + " to " + limit + " characters");
      return text.substring(0, text.offsetByCodePoints(0, limit - 1)) + "…";
    }

    // Each <START> block becomes one post-response: it must open with the user's line, so leading character lines
    // (a monologue sample) are dropped, and consecutive lines of one speaker are joined.
    private List<PostResponse> examples() {
      List<PostResponse> out = new ArrayList<>();
      String[] blocks = START.split(card.mesExample());
      int block = 0;
      for (String text : blocks) {
        if (text.isBlank()) continue;
        block++;
        List<Utterance> lines = blockLines(text, block);
        if (lines.isEmpty()) {
          notes.add("mes_example block " + block + " skipped: it has no line by {{user}} before the character speaks");
          continue;
        }
        if (out.size() == PersonaSchema.MAX_POST_RESPONSES) {
          notes.add("mes_example: only the first " + PersonaSchema.MAX_POST_RESPONSES + " blocks were imported");
          break;
        }
        out.add(new PostResponse(lines));
      }
      return out;
    }

    private List<Utterance> blockLines(String block, int number) {
      List<Speaker> speakers = new ArrayList<>();
      List<StringBuilder> texts = new ArrayList<>();
      for (String raw : block.split("\\R")) {
        Matcher m = speakerLine.matcher(raw);
        if (m.matches()) {
          Speaker speaker = USER_MACRO.matcher(m.group(1)).matches() ? Speaker.USER : Speaker.BOT;
          if (!speakers.isEmpty() && speakers.getLast() == speaker) {
            texts.getLast().append(' ').append(m.group(2));
          } else {
            speakers.add(speaker);
            texts.add(new StringBuilder(m.group(2)));
          }
        } else if (!texts.isEmpty() && !raw.isBlank()) {
          texts.getLast().append(' ').append(raw.strip()); // a continuation of the line above
        }
      }
      while (!speakers.isEmpty() && speakers.getFirst() == Speaker.BOT) {
        speakers.removeFirst();
        texts.removeFirst();
      }
      List<Utterance> lines = new ArrayList<>();
      for (int i = 0; i < speakers.size(); i++) {
        String text = fit(macros(texts.get(i).toString()), PersonaSchema.MAX_LINE, "mes_example block " + number + " line " + (i + 1));
        if (text.isEmpty()) break; // an empty line would break the alternation after it
        if (lines.size() == PersonaSchema.MAX_LINES) {
          notes.add("mes_example block " + number + ": only the first " + PersonaSchema.MAX_LINES + " lines were imported");
          break;
        }
        lines.add(new Utterance(speakers.get(i), text));
      }
      return lines;
    }

    private void noteLeftOut() {
      if (!card.systemPrompt().isBlank()) {
        notes.add("system_prompt not imported: a blank-infilling prompt has no system instructions; fold what matters into background or style");
      }
      if (!card.postHistoryInstructions().isBlank()) notes.add("post_history_instructions not imported (same reason as system_prompt)");
      if (!card.alternateGreetings().isEmpty()) {
        notes.add(card.alternateGreetings().size() + " alternate_greetings not imported: a persona has one greeting");
      }
      if (!card.creatorNotes().isBlank()) notes.add("creator_notes (for people, not the model): " + card.creatorNotes());
      if (!card.tags().isEmpty()) notes.add("tags: " + String.join(", ", card.tags()));
      if (!card.constantLore().isEmpty()) notes.add(card.constantLore().size() + " constant lorebook entries added to the background");
      if (!card.hints().isEmpty()) {
        notes.add(card.hints().size() + " keyword lorebook entries returned as knowledge hints (put them in a knowledge pack)");
      }
      if (card.disabledLore() > 0) notes.add(card.disabledLore() + " disabled lorebook entries skipped");
      if (!card.extensionKeys().isEmpty()) notes.add("extensions ignored: " + String.join(", ", card.extensionKeys()));
    }
  }
}
