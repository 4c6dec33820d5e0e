package dev.xdai.evaluation.jmh;

import dev.xdai.evaluation.metrics.Bleu;
import dev.xdai.evaluation.metrics.CharF1;
import dev.xdai.evaluation.metrics.HallucinatedNumbers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The per-sample figures on a reply and gold reply of typical KdConv length: they run once per sample and turn. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsBenchmark {

  String reply = "是的，《恋恋笔记本》是尼克·卡索维茨导演的，2004年6月25日在美国上映，主演是瑞恩·高斯林。";
  String gold = "2004年06月25日在美国上映的，导演是尼克·卡索维茨，口碑也还不错。";
  List<String> grounding = List.of("Q:恋恋笔记本的上映时间是什么？ A:2004年06月25日|Q:恋恋笔记本的导演是什么？ A:尼克·卡索维茨",
      "A:知道恋恋笔记本这部电影吗？|B:知道呀，是一部改编于美国小说家尼古拉斯·斯帕克斯的同名小说的电影。|A:是哪年上映的呀？");

  @Benchmark public double f1() { return CharF1.f1(reply, gold); }

  @Benchmark public double bleu2() { return Bleu.precision(reply, gold, 2); }

  @Benchmark public boolean hallucinatedNumbers() { return HallucinatedNumbers.hallucinated(reply, grounding); }
}
