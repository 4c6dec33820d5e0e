package dev.xdai.evaluation.bench;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.LanguageModel;
import dev.xdai.generation.TokenListener;
import dev.xdai.generation.embedded.EmbeddedGlm;
import dev.xdai.generation.embedded.EmbeddedGlmConfig;
import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures a language model's decoding: tokens per second in one stream, time to the first token for a prompt of about
 * 300 tokens, aggregate tokens per second over concurrent streams, and the process's resident memory. Works on any
 * {@link LanguageModel}; {@code xdai bench decode} runs it on the service's model.
 */
public final class DecodeBenchmark {

  /** What to measure: prompt size, tokens per fill, repetitions, concurrent streams. */
  public record Settings(int promptTokens, int maxNewTokens, int warmups, int runs, int streams, int runsPerStream) {
    public static Settings defaults() { return new Settings(300, 64, 2, 6, 4, 3); }
  }

  /**
   * The figures. Single-stream decoding speed counts the tokens after the first over the time after the first; its
   * end-to-end speed all tokens over the whole time, prompt pass included, which is what the aggregate speed (all
   * tokens over the wall time of the concurrent phase) compares with; first-token latency is the median (p50 by {@link Percentiles}) over the runs; memory is VmRSS and VmHWM (peak) from /proc/self/status, -1 where unavailable. On a shared
   * machine the wall-clock figures depend on the neighbours, hence the process CPU time per token of the single-stream
   * phase (prompt passes included) and the load average when the run began (/proc/loadavg).
   */
  public record Result(String model, int promptTokens, int runs, double tokensPerSecond, double endToEndTokensPerSecond,
      double firstTokenMillis,
      int streams, double aggregateTokensPerSecond, long rssMiB, long peakRssMiB, double cpuMillisPerToken,
      int cores, String loadAverage, double meanFillTokens) {

    @Override
    public String toString() {
      return String.format(Locale.ROOT, """
          model                     %s
          prompt                    %d tokens
          single stream             %.1f tokens/s decoding, %.1f tokens/s with the prompt pass (%d runs, %.1f tokens per fill)
          first token               %.1f ms (median)
          %d concurrent streams      %.1f tokens/s aggregate
          resident memory           %d MiB (peak %d MiB)
          process CPU               %.2f ms per token (single stream)
          machine                   %d cores, load average %s at start""",
          model, promptTokens, tokensPerSecond, endToEndTokensPerSecond, runs, meanFillTokens, firstTokenMillis, streams, aggregateTokensPerSecond, rssMiB, peakRssMiB,
          cpuMillisPerToken, cores, loadAverage);
    }
  }

  private final LanguageModel model;
  private final Settings settings;

  public DecodeBenchmark(LanguageModel model, Settings settings) {
    this.model = model;
    this.settings = settings;
  }

  /** Runs every measurement and returns the figures. */
  public Result run() throws Exception {
    RenderedPrompt prompt = prompt(model.info().tokenCounter(), settings.promptTokens());
    // Sampling as the service decodes, without stop strings, so fills run to the token limit or [eop].
    GenerationOptions options = new GenerationOptions(settings.maxNewTokens(), 0.9, 40, 1.0, 1.0, 0, List.of(),
        Duration.ofMinutes(2), 1, 0);
    for (int i = 0; i < settings.warmups(); i++) model.infill(prompt, options.withSeed(-1 - i), TokenListener.NONE);

    String load = loadAverage();
    long cpuStart = processCpuNanos();
    long allSingleTokens = 0;
    long decodeTokens = 0;
    long decodeNanos = 0;
    long singleNanos = 0;
    long[] firsts = new long[settings.runs()];
    for (int i = 0; i < settings.runs(); i++) {
      Generation g = model.infill(prompt, options.withSeed(i), TokenListener.NONE);
      firsts[i] = g.firstTokenNanos();
      allSingleTokens += g.tokens();
      decodeTokens += Math.max(0, g.tokens() - 1);
      decodeNanos += g.totalNanos() - g.firstTokenNanos();
      singleNanos += g.totalNanos();
    }
    double cpuPerToken = allSingleTokens == 0 ? 0 : (processCpuNanos() - cpuStart) / 1e6 / allSingleTokens;
    double firstMillis = Percentiles.of(firsts, 50) / 1e6;
    double single = decodeNanos == 0 ? 0 : decodeTokens / (decodeNanos / 1e9);

    ExecutorService pool = Executors.newFixedThreadPool(settings.streams());
    long wallStart = System.nanoTime();
    List<Future<Integer>> futures = new ArrayList<>();
    for (int s = 0; s < settings.streams(); s++) {
      int stream = s;
      futures.add(pool.submit(() -> {
        int tokens = 0;
        for (int r = 0; r < settings.runsPerStream(); r++) {
          tokens += model.infill(prompt, options.withSeed(1000L * stream + r), TokenListener.NONE).tokens();
        }
        return tokens;
      }));
    }
    long allTokens = 0;
    for (Future<Integer> f : futures) allTokens += f.get();
    double aggregate = allTokens / ((System.nanoTime() - wallStart) / 1e9);
    pool.shutdown();

    return new Result(model.info().name(), model.info().tokenCounter().count(prompt.text()), settings.runs(), single,
        allSingleTokens / (singleNanos / 1e9), firstMillis, settings.streams(), aggregate, procStatusMiB("VmRSS"), procStatusMiB("VmHWM"), cpuPerToken,
        Runtime.getRuntime().availableProcessors(), load, (double) allSingleTokens / settings.runs());
  }

  /** A dialogue prompt of about {@code tokens} tokens, ending in {@code [gMASK]}, built from fixed turns. */
  static RenderedPrompt prompt(TokenCounter counter, int tokens) {
    String[] turns = {
        "你好，最近在忙什么呀？", "在准备去北京滑雪，第一次去，有点紧张。", "北京周边的雪场多吗？",
        "挺多的，崇礼离北京很近，高铁一个小时就到了。", "初学者应该选单板还是双板？",
        "双板更容易入门，摔倒也没那么疼，单板更酷一点。", "需要请教练吗？", "第一次最好请一个，半天就能学会基本动作。",
    };
    GlmPromptRenderer renderer = new GlmPromptRenderer(counter);
    List<BackgroundPiece> background = List.of(BackgroundPiece.persona("滑雪是一项冬季运动，运动员借助滑雪板在雪地上滑行。"));
    String query = "那我们一起去吧，你觉得什么时候去比较好？";
    List<ContextEntry> history = new ArrayList<>();
    PromptSpec spec = new PromptSpec(background, history, List.of(), query, PostResponse.none());
    // Add exchanges until the prompt passes the size; rendering within the budget then trims it back to it.
    while (counter.count(renderer.renderText(spec)) < tokens) {
      int i = history.size();
      history.add(new ContextEntry(new Exchange(i, turns[(2 * i) % turns.length], turns[(2 * i + 1) % turns.length]), 1, List.of()));
      spec = new PromptSpec(background, history, List.of(), query, PostResponse.none());
    }
    return renderer.render(spec, tokens);
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** A field of /proc/self/status in MiB, -1 where there is none (not Linux). */
  public static long procStatusMiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Benchmarks the embedded model. Arguments: the model directory (default: {@value EmbeddedGlm#DEFAULT_DIR} under the
   * system property {@code xdai-project.root}, else the working directory), then optionally the number of concurrent
   * streams and ONNX Runtime's intra-op threads per session.
   */
}
