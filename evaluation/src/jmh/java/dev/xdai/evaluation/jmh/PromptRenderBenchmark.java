package dev.xdai.evaluation.jmh;

import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Prompt rendering, once per turn on the hot path: a persona and a description as background, twelve history
 * exchanges each with a QA pair, three QA pairs for the query. {@code budget} 4096 fits everything; 512 makes the
 * renderer drop parts one at a time, its worst case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromptRenderBenchmark {

  @Param({"4096", "512"})
  int budget;

  GlmPromptRenderer renderer;
  PromptSpec spec;

  @Setup
  public void setup() {
    renderer = new GlmPromptRenderer(TokenCounter.CODE_POINTS);
    List<ContextEntry> history = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      KnowledgeItem qa = KnowledgeItem.qa("h" + i, "恋恋笔记本的主演" + i + "是什么？", "瑞恩·高斯林、瑞秋·麦克亚当斯", "kdconv", "film", 0.5);
      history.add(new ContextEntry(new Exchange(i, "你知道恋恋笔记本的第" + i + "个问题吗？", "知道呀，是一部改编于美国小说家尼古拉斯·斯帕克斯的同名小说的电影。"),
          1.0 / (i + 1), List.of(qa)));
    }
    List<KnowledgeItem> query = new ArrayList<>();
    for (int i = 0; i < 3; i++) query.add(KnowledgeItem.qa("q" + i, "恋恋笔记本的导演是什么？", "尼克·卡索维茨", "kdconv", "film", 0.9 - i * 0.1));
    List<BackgroundPiece> background = List.of(BackgroundPiece.persona("我是小迪，一个喜欢聊电影的朋友。"),
        BackgroundPiece.of(KnowledgeItem.description("d", "恋恋笔记本", "《恋恋笔记本》是导演尼克·卡萨维茨2004年的一部爱情片。".repeat(3),
            "kdconv", "film", 0.8)));
    spec = new PromptSpec(background, history, query, "那导演是谁呢？", PostResponse.none());
  }

  @Benchmark public RenderedPrompt render() { return renderer.render(spec, budget); }
}
