package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.cli.Args;
import dev.xdai.evaluation.cli.JsonLine;
import dev.xdai.evaluation.kdconv.KdConvConversation;
import dev.xdai.evaluation.kdconv.KdConvSample;
import dev.xdai.evaluation.kdconv.OracleKnowledge;
import dev.xdai.evaluation.kdconv.SampleDrawer;
import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.TokenListener;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench decode}: the language model's greedy decoding speed on prompts like the evaluation's (a KdConv sample's
 * history and its gold knowledge as QA pairs; synthetic QA when there is no data): time to first token, whole-reply
 * latency and tokens per second.
 */
final class DecodeBench implements Bench {

  private final Supplier<LanguageModel> model;

  DecodeBench(Supplier<LanguageModel> model) {
    this.model = model;
  }

  @Override public Map<String, String> defaults() {
    return Bench.options("prompts", "30", "warmup", "3", "max-tokens", "60", "seed", "1");
  }

  @Override public boolean readsData() { return true; }

  @Override public BenchReport run(Args args, PrintStream progress) throws Exception {
    int prompts = args.positiveInt("prompts");
    int warmup = args.positiveInt("warmup");
    int maxTokens = args.positiveInt("max-tokens");
    long seed = args.longValue("seed");
    LanguageModel lm = BenchTargets.require(model, "decode", "a language model");
    List<KdConvConversation> data = BenchTexts.conversations(args);
    GlmPromptRenderer renderer = new GlmPromptRenderer(lm.info().tokenCounter());
    int budget = Math.max(32, lm.info().contextLength() - maxTokens - 2);
    List<RenderedPrompt> rendered = new ArrayList<>();
    for (PromptSpec spec : specs(data, seed, prompts + warmup)) rendered.add(renderer.render(spec, budget));

    GenerationOptions options = GenerationOptions.greedy(maxTokens);
    Durations first = new Durations();
    Durations total = new Durations();
    long tokens = 0;
    for (int i = 0; i < rendered.size(); i++) {
      Generation g = lm.infill(rendered.get(i), options, TokenListener.NONE);
      if (i < warmup) continue;
      first.add(g.firstTokenNanos());
      total.add(g.totalNanos());
      tokens += g.tokens();
      if ((i - warmup + 1) % 10 == 0) progress.printf("bench decode: %d prompts%n", i - warmup + 1);
    }

    BenchReport report = new BenchReport("decode", BenchTexts.options(args, data), warmup, prompts);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("model", lm.info().name());
    row.putAll(first.summary().cells("first_token_"));
    row.putAll(total.summary().cells("reply_"));
    row.put("tokens_mean", JsonLine.round((double) tokens / prompts, 1));
    row.put("tokens_per_s", JsonLine.round(tokens / (total.total() / 1e9), 1));
    report.row(row);
    report.note("greedy decoding, prompts rendered by GlmPromptRenderer within " + budget + " tokens");
    return report;
  }

  /** Prompts like the evaluation's oracle prompts, or synthetic QA prompts when there is no data. */
  static List<PromptSpec> specs(List<KdConvConversation> data, long seed, int count) {
    List<PromptSpec> out = new ArrayList<>();
    if (!data.isEmpty()) {
      for (KdConvSample s : SampleDrawer.draw(data, count, seed)) {
        List<ContextEntry> history = new ArrayList<>();
        for (Exchange e : s.history()) history.add(new ContextEntry(e, e.index(), List.of()));
        out.add(new PromptSpec(List.of(), history, OracleKnowledge.items(s), s.query(), PostResponse.none()));
      }
    }
    SyntheticKnowledge syn = new SyntheticKnowledge(seed);
    for (long i = 0; out.size() < count; i++) {
      out.add(new PromptSpec(List.of(), List.of(), List.of(syn.qa(i, "bench")), syn.question(i), PostResponse.none()));
    }
    return out;
  }
}
