package dev.xdai.evaluation.bench;

import dev.xdai.retrieval.index.IndexedKnowledge;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A reproducible stream of synthetic Chinese QA pairs for benchmarks: entity names are random 2-4 character words (over
 * about 2,100 characters, so smartcn mostly splits them into single characters, as it does real names), and questions
 * and answers come from a few dozen templates over attributes, so the vocabulary and sentence lengths look like a real
 * FAQ (10-30 characters) while any size can be generated without storing it. The templates make a few words very
 * common, which is the hard case for BM25. Pair {@code i} is always the same for a given seed.
 */
public final class SyntheticKnowledge {

  private static final String CHARS = nameCharacters();

  /** A hundred common name characters and 2,000 of the CJK block's first 2,500 code points (all assigned). */
  private static String nameCharacters() {
    StringBuilder b = new StringBuilder("天地人和山水风云江河湖海花草树木春夏秋冬东南西北金木火土日月星辰龙凤虎鹤松竹梅兰文武德仁礼智信"
        + "华中国家城市学校医院公司剧场影视音乐歌曲电影旅游景点博物馆寺庙公园大桥古镇长城宫殿书院茶馆");
    SplittableRandom r = new SplittableRandom(7);
    while (b.length() < 2100) {
      char c = (char) (0x4E00 + r.nextInt(2500));
      if (b.indexOf(String.valueOf(c)) < 0) b.append(c);
    }
    return b.toString();
  }
  private static final String[] ATTRIBUTES = {
      "导演", "主演", "上映时间", "票房", "类型", "作者", "出版社", "首发时间", "歌手", "作曲", "作词", "专辑",
      "门票", "开放时间", "地址", "电话", "建成时间", "面积", "海拔", "气候", "特色美食", "交通方式", "最佳季节", "历史",
  };
  private static final String[] QUESTION_TEMPLATES = {
      "%s的%s是什么？", "你知道%s的%s吗？", "请问%s的%s是多少", "%s的%s是谁呀", "能告诉我%s的%s吗", "我想了解一下%s的%s",
  };
  private static final String[] ANSWER_TEMPLATES = {
      "%s的%s是%s。", "据资料记载，%s的%s为%s。", "%s的%s大概是%s，很多人都知道。",
  };

  private final long seed;

  public SyntheticKnowledge(long seed) {
    this.seed = seed;
  }

  /** The entity name of entity number {@code e}. */
  public String entity(long e) {
    SplittableRandom r = new SplittableRandom(seed * 31 + e);
    int len = 2 + r.nextInt(3);
    StringBuilder b = new StringBuilder(len);
    for (int i = 0; i < len; i++) b.append(CHARS.charAt(r.nextInt(CHARS.length())));
    return b.toString();
  }

  /** QA pair number {@code i}: about entity {@code i / 8}, one of its attributes. */
  public IndexedKnowledge qa(long i) {
    SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
    long e = i / 8;
    String entity = entity(e);
    String attribute = attribute(i);
    String question = String.format(QUESTION_TEMPLATES[r.nextInt(QUESTION_TEMPLATES.length)], entity, attribute);
    String value = entity(e * 7 + 3 + r.nextInt(1000)) + (r.nextBoolean() ? "先生" : r.nextInt(100) + "号");
    String answer = String.format(ANSWER_TEMPLATES[r.nextInt(ANSWER_TEMPLATES.length)], entity, attribute, value);
    return IndexedKnowledge.qa("qa-" + i, question, answer, "synthetic", "pack-" + (i % 4), List.of("e-" + e));
  }

  /** The attribute pair {@code i} asks about; the 8 pairs of an entity ask about 8 different ones. */
  public String attribute(long i) {
    return ATTRIBUTES[(int) ((i + i / 8) % ATTRIBUTES.length)];
  }

  /** A user utterance asking for pair {@code i} in other words than its question. */
  public String query(long i) {
    return "那" + entity(i / 8) + "的" + attribute(i) + "呢？";
  }

  /** Pairs {@code 0 .. n-1}, generated on the fly. */
  public Iterable<IndexedKnowledge> pairs(long n) {
    return () -> new Iterator<>() {
      long next = 0;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public IndexedKnowledge next() {
        if (next >= n) throw new NoSuchElementException();
        return qa(next++);
      }
    };
  }

  /** {@code n} sentences (questions and answers alternately) for embedding benchmarks. */
  public List<String> sentences(int n) {
    return IntStream.range(0, n).mapToObj(i -> i % 2 == 0 ? qa(i).title() : qa(i).text()).toList();
  }
}
