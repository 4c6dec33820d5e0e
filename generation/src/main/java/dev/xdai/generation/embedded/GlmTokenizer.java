package dev.xdai.generation.embedded;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.xdai.generation.decode.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded model's character-level tokenizer, loaded from {@code tokenizer.json} by DJL's HuggingFace binding:
 * special tokens are matched as whole strings, every other code point is one token, unknown ones map to {@code [unk]};
 * no BOS/EOS are added. Thread-safe.
 */
public final class GlmTokenizer implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final Vocabulary vocabulary;

  private GlmTokenizer(HuggingFaceTokenizer tokenizer, GlmConfig config) {
    this.tokenizer = tokenizer;
    // Each token's text, decoded once: the decoding loop streams pieces without a native call per token.
    String[] pieces = new String[config.vocabSize()];
    for (int id = 0; id < pieces.length; id++) pieces[id] = tokenizer.decode(new long[] {id}, false);
    List<Integer> banned = new ArrayList<>();
    config.specialTokens().forEach((token, id) -> {
      if (id != config.eop()) banned.add(id); // a fill may end, but never contain a control token or [unk]
    });
    this.vocabulary = new Vocabulary(pieces, config.eop(), banned);
  }

  /** Loads {@code tokenizer.json}; the vocabulary size comes from the model's config. */
  public static GlmTokenizer load(Path tokenizerJson, GlmConfig config) throws IOException {
    HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder()
        .optTokenizerPath(tokenizerJson)
        .optAddSpecialTokens(false)
        .optTruncation(false)
        .optPadding(false)
        .build();
    return new GlmTokenizer(hf, config);
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
  public int count(String text) { return encode(text).length; }

  /** Token texts (special tokens as their names), the end token and the tokens a fill must not contain. */
  public Vocabulary vocabulary() { return vocabulary; }

  @Override
  public void close() { tokenizer.close(); }
}
