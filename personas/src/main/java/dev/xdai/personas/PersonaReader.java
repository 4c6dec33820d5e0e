package dev.xdai.personas;

import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Speaker;
import dev.xdai.prompting.Utterance;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and validates persona and emotion documents (YAML or JSON, same schema, see {@link PersonaSchema} and
 * docs/personas.md). Every problem in a document is reported at once, each with file, line, column and field.
 */
public final class PersonaReader {

  private PersonaReader() {}

  /**
   * Reads a persona. {@code knownEmotions} is the set its {@code defaultEmotion} must be in; null skips that check.
   *
   * @throws PersonaValidationException with every error found
   */
  public static Persona readPersona(SourceText source, Set<String> knownEmotions) {
    Problems problems = new Problems(source.label());
    FieldReader r = root(source, problems);
    version(r);
    String id = id(r, source);
    String displayName = r.text("displayName", true, PersonaSchema.MAX_DISPLAY_NAME);
    String background = r.text("background", true, PersonaSchema.MAX_BACKGROUND);
    String style = r.text("style", false, PersonaSchema.MAX_STYLE);
    String greeting = r.text("greeting", false, PersonaSchema.MAX_GREETING);
    String defaultEmotion = defaultEmotion(r, knownEmotions);
    List<String> packs = packs(r);
    List<PostResponse> examples = r.list("examples", false, 0, PersonaSchema.MAX_POST_RESPONSES,
        (node, field, index) -> postResponse(node, field, problems));
    GenerationOverrides generation = r.mapping("generation", PersonaReader::generation);
    Answering answering = answering(r);
    String unknownReply = r.text("unknownReply", false, PersonaSchema.MAX_GREETING);
    r.finish();
    problems.throwIfAny();
    return new Persona(id, displayName, background, style, examples, greeting, defaultEmotion, packs, generation, answering,
        unknownReply);
  }

  /**
   * Reads an emotion template.
   *
   * @throws PersonaValidationException with every error found
   */
  public static Emotion readEmotion(SourceText source) {
    Problems problems = new Problems(source.label());
    FieldReader r = root(source, problems);
    version(r);
    String id = id(r, source);
    String description = r.text("description", true, PersonaSchema.MAX_EMOTION_DESCRIPTION);
    List<PostResponse> postResponses = r.list("postResponses", true, 1, PersonaSchema.MAX_POST_RESPONSES,
        (node, field, index) -> postResponse(node, field, problems));
    r.finish();
    problems.throwIfAny();
    return new Emotion(id, description, postResponses);
  }

  private static FieldReader root(SourceText source, Problems problems) {
    int length = source.text().length();
    if (length > PersonaSchema.MAX_DOCUMENT_CHARS) {
      problems.add(0, 0, "", "too large (" + length + " characters; the limit is " + PersonaSchema.MAX_DOCUMENT_CHARS + ")");
      problems.throwIfAny();
    }
    Node root = NodeParser.parse(source.label(), source.text(), source.format());
    FieldReader r = FieldReader.of(root, "", problems);
    problems.throwIfAny();
    return r;
  }

  private static void version(FieldReader r) {
    Node node = r.value("version", true);
    if (node == null) return;
    if (!(node instanceof Node.Scalar s) || !(s.value() instanceof Number n) || n.doubleValue() != PersonaSchema.VERSION) {
      String found = node instanceof Node.Scalar s ? String.valueOf(s.value()) : node.kind();
      r.problems().add(node, "version", "unsupported version " + found + "; this build reads version " + PersonaSchema.VERSION);
    }
  }

  private static String id(FieldReader r, SourceText source) {
    Node node = r.value("id", true);
    if (node == null) return null;
    String id = idText(r, node, "id");
    if (id != null && source.fileName() != null && !id.equals(Format.stem(source.fileName()))) {
      r.problems().add(node, "id", "'" + id + "' does not match the file name '" + source.fileName()
          + "' (a file is named <id>.yaml, <id>.yml or <id>.json)");
    }
    return id;
  }

  /** One id-valued node (an id, an emotion reference, a pack name) checked against {@link PersonaSchema#ID}. */
  private static String idText(FieldReader r, Node node, String field) {
    String text = r.text(node, field, true, Integer.MAX_VALUE);
    if (text == null) return null;
    if (!PersonaSchema.isValidId(text)) {
      r.problems().add(node, field, PersonaSchema.idRule() + ", found '" + text + "'");
      return null;
    }
    return text;
  }

  private static Answering answering(FieldReader r) {
    Node node = r.value("answering", false);
    if (node == null) return Answering.AUTO;
    String name = r.text(node, "answering", false, 16);
    Answering answering = name == null ? null : Answering.fromFileName(name);
    if (name != null && answering == null) {
      r.problems().add(node, "answering", "unknown answering '" + name + "' (known: quote, free, auto)");
    }
    return answering;
  }

  private static String defaultEmotion(FieldReader r, Set<String> knownEmotions) {
    Node node = r.value("defaultEmotion", false);
    if (node == null) return "";
    String emotion = idText(r, node, "defaultEmotion");
    if (emotion != null && knownEmotions != null && !knownEmotions.contains(emotion)) {
      r.problems().add(node, "defaultEmotion", "unknown emotion '" + emotion + "' (known: "
          + String.join(", ", knownEmotions.stream().sorted().toList()) + ")");
      return null;
    }
    return emotion;
  }

  private static List<String> packs(FieldReader r) {
    Set<String> seen = new HashSet<>();
    return r.list("packs", false, 0, PersonaSchema.MAX_PACKS, (node, field, index) -> {
      String pack = idText(r, node, field);
      if (pack != null && !seen.add(pack)) {
        r.problems().add(node, field, "pack '" + pack + "' is listed twice");
        return null;
      }
      return pack;
    });
  }

  /** One post-response: {@code lines} of user/bot utterances, starting with the user and alternating. */
  static PostResponse postResponse(Node node, String field, Problems problems) {
    FieldReader r = FieldReader.of(node, field, problems);
    if (r == null) return null;
    List<Line> lines = r.list("lines", true, 1, PersonaSchema.MAX_LINES, (line, lineField, index) -> {
      Utterance u = utterance(line, lineField, problems);
      return u == null ? null : new Line(index, line, lineField, u);
    });
    r.finish();
    if (lines == null || lines.isEmpty()) return null;
    // The blank before a post-response is the bot's reply, so what follows it is the user's turn, then alternates.
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      Line before = i == 0 ? null : lines.get(i - 1);
      if (line.index() == 0 && line.utterance().speaker() != Speaker.USER) {
        problems.add(line.node(), line.field() + ".speaker", "the first line must be 'user' (the blank before it is the bot's reply)");
      } else if (before != null && before.index() == line.index() - 1 && before.utterance().speaker() == line.utterance().speaker()) {
        problems.add(line.node(), line.field() + ".speaker", "speakers must alternate; two '"
            + PersonaSchema.speakerName(line.utterance().speaker()) + "' lines in a row");
      }
    }
    return new PostResponse(lines.stream().map(Line::utterance).toList());
  }

  private record Line(int index, Node node, String field, Utterance utterance) {}

  private static Utterance utterance(Node node, String field, Problems problems) {
    FieldReader r = FieldReader.of(node, field, problems);
    if (r == null) return null;
    Node speakerNode = r.value("speaker", true);
    Speaker speaker = null;
    if (speakerNode != null) {
      String name = r.text(speakerNode, r.path("speaker"), true, Integer.MAX_VALUE);
      speaker = name == null ? null : PersonaSchema.speaker(name).orElse(null);
      if (name != null && speaker == null) problems.add(speakerNode, r.path("speaker"), "must be 'user' or 'bot', found '" + name + "'");
    }
    String text = r.text("text", true, PersonaSchema.MAX_LINE);
    r.finish();
    return speaker == null || text == null ? null : new Utterance(speaker, text);
  }

  private static GenerationOverrides generation(FieldReader g) {
    Integer maxNewTokens = g.integer("maxNewTokens", 1, PersonaSchema.MAX_NEW_TOKENS);
    Double temperature = g.number("temperature", 0.0, false, PersonaSchema.MAX_TEMPERATURE);
    Integer topK = g.integer("topK", 1, PersonaSchema.MAX_TOP_K);
    Double topP = g.number("topP", 0.0, false, 1.0);
    Double repetitionPenalty = g.number("repetitionPenalty", PersonaSchema.MIN_REPETITION_PENALTY, true,
        PersonaSchema.MAX_REPETITION_PENALTY);
    GenerationOverrides o = new GenerationOverrides(maxNewTokens, temperature, topK, topP, repetitionPenalty);
    return Objects.equals(o, GenerationOverrides.NONE) ? GenerationOverrides.NONE : o;
  }
}
