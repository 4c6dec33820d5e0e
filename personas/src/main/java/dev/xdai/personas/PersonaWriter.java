package dev.xdai.personas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Utterance;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes personas and emotions in the file schema (YAML or JSON) that {@link PersonaReader} reads back to equal
 * records. Used for the registry's writable directory, card imports, and API output in the file form.
 */
public final class PersonaWriter {

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .stringQuotingChecker(new NumberLikeQuoting())
      .build());

  // Jackson's own check misses some YAML 1.1 number forms (1e3, .inf, 0x1F), which a reader would then parse as numbers.
  private static final class NumberLikeQuoting extends StringQuotingChecker.Default {
    private static final java.util.regex.Pattern NUMBER_LIKE = java.util.regex.Pattern.compile(
        "[-+]?(\\.?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F_]+|0[oObB]?[0-7_]+|\\.(inf|Inf|INF|nan|NaN|NAN))");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || NUMBER_LIKE.matcher(value).matches();
    }
  }
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PersonaWriter() {}

  public static String write(Persona persona, Format format) {
    return write(document(persona), format);
  }

  public static String write(Emotion emotion, Format format) {
    return write(document(emotion), format);
  }

  /** The persona as the ordered map a file holds; optional fields left at their defaults are omitted. */
  public static Map<String, Object> document(Persona p) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", PersonaSchema.VERSION);
    doc.put("id", p.id());
    doc.put("displayName", p.displayName());
    doc.put("background", p.background());
    putIfNotEmpty(doc, "style", p.style());
    putIfNotEmpty(doc, "greeting", p.greeting());
    putIfNotEmpty(doc, "defaultEmotion", p.defaultEmotion());
    if (!p.packs().isEmpty()) doc.put("packs", p.packs());
    if (!p.examples().isEmpty()) doc.put("examples", postResponses(p.examples()));
    Map<String, Object> generation = generation(p.generation());
    if (!generation.isEmpty()) doc.put("generation", generation);
    if (p.answering() != Answering.AUTO) doc.put("answering", p.answering().fileName());
    putIfNotEmpty(doc, "unknownReply", p.unknownReply());
    return doc;
  }

  /** The emotion as the ordered map a file holds. */
  public static Map<String, Object> document(Emotion e) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", PersonaSchema.VERSION);
    doc.put("id", e.id());
    doc.put("description", e.description());
    doc.put("postResponses", postResponses(e.postResponses()));
    return doc;
  }

  private static List<Map<String, Object>> postResponses(List<PostResponse> postResponses) {
    return postResponses.stream().map(pr -> Map.<String, Object>of("lines", pr.lines().stream().map(PersonaWriter::line).toList())).toList();
  }

  private static Map<String, Object> line(Utterance u) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("speaker", PersonaSchema.speakerName(u.speaker()));
    line.put("text", u.text());
    return line;
  }

  private static Map<String, Object> generation(GenerationOverrides g) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (g.maxNewTokens() != null) out.put("maxNewTokens", g.maxNewTokens());
    if (g.temperature() != null) out.put("temperature", g.temperature());
    if (g.topK() != null) out.put("topK", g.topK());
    if (g.topP() != null) out.put("topP", g.topP());
    if (g.repetitionPenalty() != null) out.put("repetitionPenalty", g.repetitionPenalty());
    return out;
  }

  private static void putIfNotEmpty(Map<String, Object> doc, String key, String value) {
    if (value != null && !value.isEmpty()) doc.put(key, value);
  }

  private static String write(Map<String, Object> doc, Format format) {
    try {
      return (format == Format.YAML ? YAML : JSON).writeValueAsString(doc) + (format == Format.JSON ? "\n" : "");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a map of strings, numbers and lists always serialises
    }
  }
}
