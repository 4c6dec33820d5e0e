package dev.xdai.personas;

/** Per-persona decoding settings; a null field keeps the service default. */
public record GenerationOverrides(Integer maxNewTokens, Double temperature, Integer topK, Double topP, Double repetitionPenalty) {
  public static final GenerationOverrides NONE = new GenerationOverrides(null, null, null, null, null);
}
