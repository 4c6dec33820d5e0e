package dev.xdai.app.api.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.xdai.app.api.GroundingBody;
import java.util.List;

/**
 * The OpenAI-compatible API's bodies, in OpenAI's snake_case. Requests ignore the fields this service does not read,
 * as OpenAI servers do; responses leave out what is null, except {@code finish_reason}, which OpenAI clients expect on
 * every chunk.
 */
public final class OpenAiDtos {
  private OpenAiDtos() {}

  /** {@code POST /v1/chat/completions}; {@code model} names a bot. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ChatCompletionRequest(String model, List<ChatMessage> messages, Boolean stream, StreamOptions streamOptions,
      Integer n, String user) {}

  /** One message; {@code content} is a string or an array of parts such as {@code {"type": "text", "text": "..."}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ChatMessage(String role, JsonNode content) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record StreamOptions(Boolean includeUsage) {}

  /** A whole reply: {@code object} is {@code chat.completion}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage, Xdai xdai) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Choice(int index, Message message, String finishReason) {}

  public record Message(String role, String content) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Usage(int promptTokens, int completionTokens, int totalTokens) {}

  /** A streamed piece: {@code object} is {@code chat.completion.chunk}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChatCompletionChunk(String id, String object, long created, String model, List<ChunkChoice> choices, Usage usage,
      Xdai xdai) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ChunkChoice(int index, Delta delta, @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {}

  /** What a chunk adds to the reply: the role first, then content; empty in the last chunk. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Delta(String role, String content) {}

  /**
   * xdai's extension: the session the turn was stored in (absent when nothing was stored) and what grounded the reply,
   * as {@code /api/sessions} shows it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Xdai(String sessionId, GroundingBody grounding) {}

  /** {@code GET /v1/models}: {@code object} is {@code list}. */
  public record ModelList(String object, List<Model> data) {}

  /** A bot as a model: {@code object} is {@code model}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Model(String id, String object, long created, String ownedBy) {}

  /**
   * OpenAI's error member, added to every {@code /v1} problem so OpenAI clients show its message; {@code param} is
   * always null, as the problem's detail names the field.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record OpenAiError(String message, String type, String code, String param) {}
}
