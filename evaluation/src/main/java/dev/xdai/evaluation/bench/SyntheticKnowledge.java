package dev.xdai.evaluation.bench;

import dev.xdai.evaluation.kdconv.OracleKnowledge;
import dev.xdai.evaluation.kdconv.Triple;
import dev.xdai.prompting.KnowledgeItem;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Reproducible knowledge of any size for benchmarks: triple {@code i} depends only on the seed and {@code i}, so a
 * million triples can be streamed without being held, and a query about any of them can be made later. Entities have
 * eight facts each ({@link #ATTRIBUTES}); names and values are drawn from common Chinese characters, some values are
 * numbers or dates, every eighth entity has a description.
 */
public final class SyntheticKnowledge {

  /** The attributes every entity has, in order; the first is its description. */
  static final String[] ATTRIBUTES = {Triple.INFORMATION, "导演", "主演", "上映时间", "类型", "国籍", "代表作品", "门票"};

  // 400 common characters: enough variety for analysers and embeddings, few enough to repeat like real text.
  private static final String CHARS =
      "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
          + "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
          + "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
          + "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
          + "几九区强放决西被干做必战先回则任取据处府研队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六"
          + "共权收证改清美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今"
          + "集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约";
  private static final String[] GENRES = {"爱情片", "喜剧片", "动作片", "纪录片", "歌舞片", "科幻片"};

  private final long seed;

  public SyntheticKnowledge(long seed) {
    this.seed = seed;
  }

  /** Triple {@code i}: fact {@code i % 8} of entity {@code i / 8}. */
  public Triple triple(long i) {
    long entity = i / ATTRIBUTES.length;
    String attribute = ATTRIBUTES[(int) (i % ATTRIBUTES.length)];
    SplittableRandom r = random(i);
    String value = switch (attribute) {
      case Triple.INFORMATION -> entityName(entity) + "是" + words(r, 3, 6) + "。" + words(r, 20, 60) + "。";
      case "上映时间" -> (1950 + r.nextInt(75)) + "年" + (1 + r.nextInt(12)) + "月" + (1 + r.nextInt(28)) + "日";
      case "类型" -> GENRES[r.nextInt(GENRES.length)];
      case "门票" -> (10 + r.nextInt(290)) + "元";
      default -> words(r, 2, 8);
    };
    return new Triple(entityName(entity), attribute, value);
  }

  /** Triples {@code 0 … count-1}, generated as they are read. */
  public Iterator<Triple> triples(long count) {
    return new Iterator<>() {
      private long next;

      @Override public boolean hasNext() { return next < count; }

      @Override public Triple next() {
        if (next >= count) throw new NoSuchElementException();
        return triple(next++);
      }
    };
  }

  /** Item {@code i} as QA knowledge (rendered like oracle knowledge), with id {@code syn:<i>}. */
  public KnowledgeItem qa(long i, String pack) {
    return OracleKnowledge.qa(triple(i), id(i), pack, 0);
  }

  /** QA items {@code 0 … count-1}, generated as they are read. */
  public Iterator<KnowledgeItem> qaItems(long count, String pack) {
    Iterator<Triple> triples = triples(count);
    return new Iterator<>() {
      private long next;

      @Override public boolean hasNext() { return triples.hasNext(); }

      @Override public KnowledgeItem next() {
        Triple t = triples.next();
        return OracleKnowledge.qa(t, id(next++), pack, 0);
      }
    };
  }

  /** The id of item {@code i}. */
  public static String id(long i) { return "syn:" + i; }

  /** A user's question about item {@code i}, worded as a user would rather than as the stored question. */
  public String question(long i) {
    Triple t = triple(i);
    return t.isDescription() ? "你知道" + t.entity() + "吗？" : "你知道" + t.entity() + "的" + t.attribute() + "吗？";
  }

  /** A sentence of {@code min … max} characters for text benchmarks, the {@code i}-th of this seed. */
  public String sentence(long i, int min, int max) {
    return words(random(-1 - i), min, max) + "。";
  }

  private String entityName(long entity) {
    return words(random(Long.MIN_VALUE + entity), 3, 5);
  }

  private SplittableRandom random(long stream) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ stream * 0xC2B2AE3D27D4EB4FL);
  }

  private static String words(SplittableRandom r, int min, int max) {
    int n = min + r.nextInt(max - min + 1);
    StringBuilder s = new StringBuilder(n);
    for (int k = 0; k < n; k++) s.append(CHARS.charAt(r.nextInt(CHARS.length())));
    return s.toString();
  }
}
