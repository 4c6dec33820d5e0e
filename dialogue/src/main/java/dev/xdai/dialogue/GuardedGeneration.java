package dev.xdai.dialogue;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.personas.Persona;
import dev.xdai.prompting.RenderedPrompt;
import java.util.List;

/**
 * The model fills the blank, streamed, and a defective reply is generated again with more varied decoding; with the
 * guard on, a reply whose numbers nothing grounds is never said: after the last attempt the persona says it does not
 * know. A deadline passed with nothing usable ends in the timeout reply. Thread-safe.
 */
final class GuardedGeneration {

  private final ReplyGenerator direct;
  private final ReplyGenerator inverse;
  private final PostProcessor postProcessor;
  private final FaithfulnessGuard guard;
  private final TurnPipeline.Settings settings;

  /** @param inverse the inverse-prompting generator, or null when not available */
  GuardedGeneration(ReplyGenerator direct, ReplyGenerator inverse, PostProcessor postProcessor, FaithfulnessGuard guard,
      TurnPipeline.Settings settings) {
    this.direct = direct;
    this.inverse = inverse;
    this.postProcessor = postProcessor;
    this.guard = guard;
    this.settings = settings;
  }

  /** The reply, with what happened on the way in {@code notes}; {@code grounds} are the texts its numbers may come from. */
  Reply generate(RenderedPrompt prompt, TurnRequest req, GenerationOptions options, List<String> grounds, Persona persona,
      Switches sw, List<String> notes, TurnListener listener, StepClock clock) {
    ReplyGenerator generator = sw.inversePrompting() && inverse != null ? inverse : direct;
    if (sw.inversePrompting() && inverse == null) notes.add("inverse prompting unavailable: plain prompting used");
    Generation generation = null;
    List<String> unsupported = List.of();
    Reply reply = null;
    int attempts = Math.max(1, settings.attempts());
    for (int attempt = 0; attempt < attempts && reply == null; attempt++) {
      GenerationOptions attemptOptions = attempt == 0 ? options : retryOptions(options, attempt);
      if (attempt > 0) listener.onRestart(notes.get(notes.size() - 1));
      long g = System.nanoTime();
      generation = generator.generate(prompt, req.text(), attemptOptions, listener);
      long p = clock.lap("generate", g);
      String cleaned = postProcessor.clean(generation.text(), persona.displayName());
      String defect = postProcessor.defect(cleaned);
      unsupported = guard.unsupportedNumbers(cleaned, grounds);
      if (defect == null && sw.faithfulnessGuard() && !unsupported.isEmpty()) defect = "unsupported numbers " + unsupported;
      if (defect == null) reply = new Reply(cleaned, ReplyMode.GENERATED, generation, unsupported);
      else if (generation.finishReason() == Generation.FinishReason.DEADLINE) {
        notes.add("deadline passed (" + defect + "): timeout reply");
        reply = Reply.say(settings.timeoutReply(), ReplyMode.FALLBACK, generation, listener, true);
      } else notes.add("attempt " + (attempt + 1) + " " + defect + ": regenerated");
      clock.lap("postprocess", p);
    }
    if (reply != null) return reply;
    if (sw.faithfulnessGuard() && !unsupported.isEmpty()) {
      notes.add("every attempt stated a number nothing grounds: unknown reply");
      return Reply.say(unknownReply(persona), ReplyMode.UNKNOWN, generation, listener, true);
    }
    notes.add("every attempt was defective: fallback reply");
    return Reply.say(settings.fallbackReply(), ReplyMode.FALLBACK, generation, listener, true);
  }

  /** The persona's own words for "I don't know", else the service's. */
  String unknownReply(Persona persona) {
    return persona.unknownReply().isBlank() ? settings.unknownReply() : persona.unknownReply();
  }

  private static GenerationOptions retryOptions(GenerationOptions o, int attempt) {
    double temperature = o.greedy() ? 0.9 : o.temperature();
    int topK = o.greedy() ? 40 : o.topK();
    return new GenerationOptions(o.maxNewTokens(), temperature, topK, o.topP(), Math.max(1.2, o.repetitionPenalty()),
        Math.max(3, o.noRepeatNgram()), o.stop(), o.deadline(), o.seed() + 7919L * attempt, o.copyBias());
  }
}
