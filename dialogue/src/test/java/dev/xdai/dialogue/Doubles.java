package dev.xdai.dialogue;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.ModelInfo;
import dev.xdai.generation.Score;
import dev.xdai.generation.Scorer;
import dev.xdai.generation.TokenListener;
import dev.xdai.personas.Emotion;
import dev.xdai.personas.Persona;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import dev.xdai.retrieval.Embedder;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.KnowledgeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Test doubles for the logic around the pipeline's external capabilities (never used in end-to-end tests). */
final class Doubles {
  private Doubles() {}

  /** Bag-of-characters vectors: texts sharing characters are similar. Counts the texts it embeds. */
  static final class CharEmbedder implements Embedder {
    final AtomicInteger embedded = new AtomicInteger();

    @Override public int dimension() { return 97; }

    @Override public float[] embed(String text) {
      embedded.incrementAndGet();
      float[] v = new float[97];
      text.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(c -> v[c % 97] += 1);
      double n = 0;
      for (float x : v) n += x * x;
      n = Math.sqrt(n);
      if (n > 0) for (int i = 0; i < v.length; i++) v[i] /= n;
      return v;
    }

    @Override public List<float[]> embedAll(List<String> texts) {
      return texts.stream().map(this::embed).toList();
    }
  }

  /** Returns scripted fills in order (the last one repeats) and records every prompt it saw. */
  static final class ScriptedModel implements LanguageModel, Scorer {
    final Deque<String> fills = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();
    final List<GenerationOptions> options = new ArrayList<>();
    Generation.FinishReason reason = Generation.FinishReason.END;
    int contextLength = 512;
    int maxPromptTokens = 512;

    ScriptedModel(String... fills) { this.fills.addAll(List.of(fills)); }

    @Override public ModelInfo info() { return new ModelInfo("scripted", contextLength, TokenCounter.CODE_POINTS, maxPromptTokens); }

    @Override public Generation infill(RenderedPrompt prompt, GenerationOptions o, TokenListener listener) {
      prompts.add(prompt.text());
      options.add(o);
      String fill = fills.size() > 1 ? fills.poll() : fills.peek();
      fill.codePoints().forEach(c -> listener.onToken(Character.toString(c)));
      return new Generation(fill, fill.length(), reason, 1, 2);
    }

    /** A continuation the model scores higher per token than any other (null: all alike). */
    String preferred;

    @Override public java.util.Optional<Scorer> scorer() { return java.util.Optional.of(this); }

    @Override public List<Score> score(String promptText, List<String> continuations) {
      return continuations.stream().map(c -> new Score((c.equals(preferred) ? -0.5 : -1) * c.length(), c.length(), c.length())).toList();
    }
  }

  /** Knowledge from a fixed list: items whose title or text shares a character bigram with the query. */
  static KnowledgeSource knowledge(KnowledgeItem... items) {
    return q -> {
      List<KnowledgeItem> out = new ArrayList<>();
      for (KnowledgeItem k : items) {
        if (!q.formats().contains(k.format())) continue;
        if (!q.packs().isEmpty() && !q.packs().contains(k.pack())) continue;
        if (sharesBigram(q.text(), k.title() + k.text())) out.add(k);
      }
      return out.subList(0, Math.min(q.limit(), out.size()));
    };
  }

  static boolean sharesBigram(String a, String b) {
    for (int i = 0; i + 2 <= a.length(); i++) if (b.contains(a.substring(i, i + 2))) return true;
    return false;
  }

  static PersonaCatalog catalog(List<Persona> personas, List<Emotion> emotions) {
    return new PersonaCatalog() {
      @Override public Optional<Persona> find(String id) { return personas.stream().filter(p -> p.id().equals(id)).findFirst(); }
      @Override public List<Persona> all() { return personas; }
      @Override public Optional<Emotion> emotion(String id) { return emotions.stream().filter(e -> e.id().equals(id)).findFirst(); }
      @Override public List<Emotion> emotions() { return emotions; }
    };
  }

}
