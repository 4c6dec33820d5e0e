package dev.xdai.generation.embedded;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.generation.decode.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The embedded model's character-level tokenizer, loaded from {@code tokenizer.json} by DJL's HuggingFace binding:
 * special tokens are matched as whole strings, every other code point is one token, unknown ones map to {@code [unk]};
 * no BOS/EOS are added. Thread-safe.
 *
 * <p>{@link #count} is asked for many times per turn while a prompt is fitted to its budget. For a tokenizer of exactly
 * that kind (a BPE model without merges, normaliser or pre-tokeniser) it counts in Java, without a native call; the
 * load checks the two counts agree on probe texts, and any other tokenizer is always counted natively.
 */
public final class GlmTokenizer implements AutoCloseable {

  /** Texts the Java count must agree on before it is used: specials, unknown characters, spaces, brackets. */
  static final List<String> PROBES = List.of("", "A:你好|B:[MASK]", "[gMASK][sop] [eop]", "[[MASK]]", "[MASK", "猫 🎿 \n\t",
      "Q:长城有多长？ A:约两万公里|A:那门票呢|B:[MASK]|A:好的", "[sMASK][unk][pad]x");

  private final HuggingFaceTokenizer tokenizer;
  private final Vocabulary vocabulary;
  /** The added tokens, longest first, when the Java count applies; null when every count is native. */
  private final List<String> specials;

  private GlmTokenizer(HuggingFaceTokenizer tokenizer, GlmConfig config, List<String> characterLevelSpecials) {
    this.tokenizer = tokenizer;
    // Each token's text, decoded once: the decoding loop streams pieces without a native call per token.
    String[] pieces = new String[config.vocabSize()];
    for (int id = 0; id < pieces.length; id++) pieces[id] = tokenizer.decode(new long[] {id}, false);
    List<Integer> banned = new ArrayList<>();
    config.specialTokens().forEach((token, id) -> {
      if (id != config.eop()) banned.add(id); // a fill may end, but never contain a control token or [unk]
    });
    this.vocabulary = new Vocabulary(pieces, config.eop(), banned);
    this.specials = characterLevelSpecials != null && agrees(characterLevelSpecials) ? characterLevelSpecials : null;
  }

  private boolean agrees(List<String> candidateSpecials) {
    for (String probe : PROBES) if (countCharacters(probe, candidateSpecials) != nativeCount(probe)) return false;
    return true;
  }

  /** Loads {@code tokenizer.json}; the vocabulary size comes from the model's config. */
  public static GlmTokenizer load(Path tokenizerJson, GlmConfig config) throws IOException {
    HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder()
        .optTokenizerPath(tokenizerJson)
        .optAddSpecialTokens(false)
        .optTruncation(false)
        .optPadding(false)
        .build();
    return new GlmTokenizer(hf, config, characterLevelSpecials(new ObjectMapper().readTree(tokenizerJson.toFile())));
  }

  /** The added tokens, longest first, if {@code tokenizer.json} is one token per code point apart from them; else null. */
  static List<String> characterLevelSpecials(JsonNode json) {
    JsonNode model = json.path("model");
    boolean plain = "BPE".equals(model.path("type").asText()) && model.path("merges").isArray() && model.path("merges").isEmpty()
        && json.path("normalizer").isNull() && json.path("pre_tokenizer").isNull()
        && !model.path("fuse_unk").asBoolean(false) && !model.path("byte_fallback").asBoolean(false);
    if (!plain) return null;
    List<String> out = new ArrayList<>();
    for (JsonNode added : json.path("added_tokens")) {
      if (added.path("lstrip").asBoolean() || added.path("rstrip").asBoolean() || added.path("single_word").asBoolean()) return null;
      out.add(added.path("content").asText());
    }
    out.sort(Comparator.comparingInt(String::length).reversed());
    return List.copyOf(out);
  }

  /** Token ids of {@code text}. */
  public int[] encode(String text) {
    if (text.isEmpty()) return new int[0];
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) out[i] = Math.toIntExact(ids[i]);
    return out;
  }

  /** How many tokens {@code text} costs. */
  public int count(String text) {
    return specials != null ? countCharacters(text, specials) : nativeCount(text);
  }

  /** Whether {@link #count} runs in Java (for tests and benchmarks). */
  boolean countsInJava() { return specials != null; }

  int nativeCount(String text) { return encode(text).length; }

  // An added token is matched as a whole string, leftmost and longest first; every other code point is one token.
  static int countCharacters(String text, List<String> specials) {
    int tokens = 0;
    for (int i = 0; i < text.length(); tokens++) {
      String special = specialAt(text, i, specials);
      i += special != null ? special.length() : Character.charCount(text.codePointAt(i));
    }
    return tokens;
  }

  private static String specialAt(String text, int i, List<String> specials) {
    for (String s : specials) if (text.startsWith(s, i)) return s;
    return null;
  }

  /** Token texts (special tokens as their names), the end token and the tokens a fill must not contain. */
  public Vocabulary vocabulary() { return vocabulary; }

  @Override
  public void close() { tokenizer.close(); }
}
