package dev.xdai.app.api.openai;

import dev.xdai.app.api.GroundingBody;

import dev.xdai.app.api.openai.OpenAiDtos.ChatCompletion;
import dev.xdai.app.api.openai.OpenAiDtos.ChatCompletionChunk;
import dev.xdai.app.api.openai.OpenAiDtos.Choice;
import dev.xdai.app.api.openai.OpenAiDtos.ChunkChoice;
import dev.xdai.app.api.openai.OpenAiDtos.Delta;
import dev.xdai.app.api.openai.OpenAiDtos.Message;
import dev.xdai.app.api.openai.OpenAiDtos.Usage;
import dev.xdai.app.api.openai.OpenAiDtos.Xdai;
import dev.xdai.dialogue.DialogueService.TurnOutcome;
import dev.xdai.dialogue.ReplyMode;
import dev.xdai.generation.Generation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One completion's replies in OpenAI's shapes, whole or as chunks; every chunk of a stream shares the id, time and
 * model, as OpenAI's do.
 */
final class Completions {

  private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
  private final long created = Instant.now().getEpochSecond();
  private final String model;

  Completions(String model) {
    this.model = model;
  }

  ChatCompletion completion(TurnOutcome o) {
    return new ChatCompletion(id, "chat.completion", created, model,
        List.of(new Choice(0, new Message("assistant", o.turn().reply()), finishReason(o))), usage(o), xdai(o));
  }

  /** The first chunk: who speaks. */
  ChatCompletionChunk role() {
    return chunk(new Delta("assistant", null), null);
  }

  ChatCompletionChunk content(String text) {
    return chunk(new Delta(null, text), null);
  }

  /** The reply's end; it carries the grounding unless a usage chunk follows. */
  ChatCompletionChunk finish(TurnOutcome o, boolean last) {
    return new ChatCompletionChunk(id, "chat.completion.chunk", created, model,
        List.of(new ChunkChoice(0, new Delta(null, null), finishReason(o))), null, last ? xdai(o) : null);
  }

  /** The usage chunk asked for with {@code stream_options.include_usage}: no choices, and last, so with the grounding. */
  ChatCompletionChunk usageChunk(TurnOutcome o) {
    return new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(), usage(o), xdai(o));
  }

  private ChatCompletionChunk chunk(Delta delta, String finishReason) {
    return new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(new ChunkChoice(0, delta, finishReason)), null, null);
  }

  /** The prompt as the model read it, and the tokens it generated (which the caller's key is charged). */
  static Usage usage(TurnOutcome o) {
    int prompt = o.result().prompt().tokens();
    int completion = o.result().generation().tokens();
    return new Usage(prompt, completion, prompt + completion);
  }

  /** {@code length} when the model's own reply was cut at its token limit; every other reply is whole. */
  static String finishReason(TurnOutcome o) {
    boolean cut = o.result().grounding().mode() == ReplyMode.GENERATED
        && o.result().generation().finishReason() == Generation.FinishReason.LENGTH;
    return cut ? "length" : "stop";
  }

  static Xdai xdai(TurnOutcome o) {
    return new Xdai(o.sessionId(), GroundingBody.of(o.turn().grounding()));
  }
}
