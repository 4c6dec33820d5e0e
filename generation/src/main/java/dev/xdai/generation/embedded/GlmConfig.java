package dev.xdai.generation.embedded;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The embedded model's {@code config.json} (docs/model-contract.md): its shape and its special tokens' ids. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GlmConfig(String name, @JsonProperty("vocab_size") int vocabSize, @JsonProperty("num_layers") int numLayers,
    @JsonProperty("num_heads") int numHeads, @JsonProperty("hidden_size") int hiddenSize,
    @JsonProperty("head_dim") int headDim, @JsonProperty("max_positions") int maxPositions,
    @JsonProperty("max_prompt_tokens") Integer maxPromptTokens,
    @JsonProperty("special_tokens") Map<String, Integer> specialTokens) {

  /** The special tokens the contract requires. */
  public static final List<String> REQUIRED_SPECIALS = List.of("[pad]", "[unk]", "[MASK]", "[sMASK]", "[gMASK]", "[sop]", "[eop]");

  public GlmConfig {
    specialTokens = specialTokens == null ? Map.of() : Map.copyOf(specialTokens);
  }

  /** Reads and checks {@code config.json}. */
  public static GlmConfig read(Path file) throws IOException {
    GlmConfig c = new ObjectMapper().readValue(file.toFile(), GlmConfig.class);
    c.check();
    return c;
  }

  void check() {
    if (vocabSize < 1 || numLayers < 1 || numHeads < 1 || headDim < 1 || maxPositions < 2) {
      throw new IllegalArgumentException("config.json has a missing or non-positive size: " + this);
    }
    for (String s : REQUIRED_SPECIALS) {
      Integer id = specialTokens.get(s);
      if (id == null || id < 0 || id >= vocabSize) throw new IllegalArgumentException("config.json lacks special token " + s);
    }
  }

  /** The longest prompt (part A) the model was trained on: {@code max_prompt_tokens}, else all positions. */
  public int promptLimit() {
    return maxPromptTokens == null || maxPromptTokens <= 0 ? maxPositions : Math.min(maxPromptTokens, maxPositions);
  }

  public int special(String token) { return specialTokens.get(token); }

  public int sop() { return special("[sop]"); }

  public int eop() { return special("[eop]"); }

  public int unk() { return special("[unk]"); }

  /** Whether {@code id} is one of the blank tokens a prompt may contain. */
  public boolean isBlank(int id) {
    return id == special("[MASK]") || id == special("[sMASK]") || id == special("[gMASK]");
  }
}
