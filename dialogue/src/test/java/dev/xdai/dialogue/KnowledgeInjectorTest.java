package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.retrieval.KnowledgeQuery;
import dev.xdai.retrieval.KnowledgeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeInjectorTest {

  private final List<KnowledgeQuery> queries = new ArrayList<>();
  private final KnowledgeSource recording = q -> {
    queries.add(q);
    return List.of(KnowledgeItem.qa("k:" + q.text(), q.text() + "？", "答", "kb", "p", 1));
  };

  private static final List<Exchange> DIALOGUE = List.of(
      new Exchange(0, "你看过长城吗", "看过，是张艺谋拍的"),
      new Exchange(1, "好看吗", "特效不错"),
      new Exchange(2, "主演是谁", ""));

  @Test
  void theQuerySeesTheLatestUtterancesOfBothSpeakersOldestFirst() {
    new KnowledgeInjector(recording, new KnowledgeInjector.Settings(0, 2, 4, 120)).inject(List.of(), DIALOGUE, "导演呢", Set.of("film"));
    KnowledgeQuery q = queries.get(0);
    assertEquals("导演呢", q.text());
    // Exchange 2 has no reply yet; the four latest utterances run back into exchange 0's reply.
    assertEquals(List.of("看过，是张艺谋拍的", "好看吗", "特效不错", "主演是谁"), q.context());
    assertEquals(Set.of("film"), q.packs());
    assertEquals(4, q.limit()); // twice the items wanted: news may replace what was already said
  }

  @Test
  void knowledgeTheDialogueHasAlreadyStatedComesAfterTheNews() {
    KnowledgeSource source = q -> List.of(
        KnowledgeItem.qa("born", "他是什么时候出生的？", "1947年03月14日", "kb", "p", 5),  // the utterance says it
        KnowledgeItem.qa("director", "长城的导演是谁？", "张艺谋", "kb", "p", 4),       // the context said it (张艺谋拍的)
        KnowledgeItem.qa("star", "他是什么星座？", "双鱼座", "kb", "p", 3),
        KnowledgeItem.qa("yes", "他是演员吗？", "是", "kb", "p", 2),                     // one character: never "said"
        KnowledgeItem.qa("height", "他有多高？", "1.68米", "kb", "p", 1));
    List<String> ids = new KnowledgeInjector(source, new KnowledgeInjector.Settings(0, 4, 12, 120))
        .inject(List.of(), DIALOGUE, "他是1947年3月14日出生的，是吗？", Set.of()).query().stream().map(KnowledgeItem::id).toList();
    assertEquals(List.of("star", "yes", "height", "born"), ids);
    // Punctuation and width do not hide a repeat; a different fact that shares characters is news.
    List<KnowledgeItem> reordered = KnowledgeInjector.newsFirst(List.of(
        KnowledgeItem.qa("open", "几点开放？", "8:00-18:00", "kb", "p", 2),
        KnowledgeItem.qa("ticket", "门票多少钱？", "20元", "kb", "p", 1)), "８：００—１８：００开放，门票200元吗", List.of());
    assertEquals(List.of("ticket", "open"), reordered.stream().map(KnowledgeItem::id).toList());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1947年03月14日|1947年3月14日", "007号|7号", "10月|10月", "0|0", "第0期|第0期", "2000年01月|2000年1月",
      "８：００-１８：００|8001800", "A-0123|a123"})
  void aNumbersLeadingZerosAreNotSaid(String text, String sayable) {
    assertEquals(sayable, KnowledgeInjector.sayable(text));
  }

  @Test
  void eachItemIsInjectedOnceNextToTheUtteranceNearestTheQuery() {
    KnowledgeSource same = q -> List.of(KnowledgeItem.qa("shared", "长城是谁拍的？", "张艺谋", "kb", "p", 1));
    List<ContextEntry> history = List.of(new ContextEntry(DIALOGUE.get(0), 1, List.of()), new ContextEntry(DIALOGUE.get(1), 1, List.of()));
    KnowledgeInjector.Injection injection = new KnowledgeInjector(same, KnowledgeInjector.Settings.defaults())
        .inject(history, DIALOGUE.subList(0, 2), "长城是谁拍的", Set.of());
    assertEquals(List.of("shared"), injection.query().stream().map(KnowledgeItem::id).toList());
    assertEquals(List.of(), injection.history().get(0).knowledge());
    assertEquals(List.of(), injection.history().get(1).knowledge());
  }

  @Test
  void aLongAnswerIsCutSoThatItCannotCrowdOutTheRestOfThePrompt() {
    String abstractText = "长城是中国古代的军事防御工程。".repeat(20); // 300 characters
    KnowledgeSource longOne = q -> List.of(
        KnowledgeItem.description("long", "长城", abstractText, "kb", "p", 2),
        KnowledgeItem.qa("short", "长城有多长？", "约两万公里", "kb", "p", 1));
    List<KnowledgeItem> items = new KnowledgeInjector(longOne, new KnowledgeInjector.Settings(0, 5, 4, 40))
        .inject(List.of(), DIALOGUE, "长城怎么样", Set.of()).query();
    assertEquals(abstractText.substring(0, 40), items.get(0).text());
    assertEquals("长城", items.get(0).title());
    assertEquals("约两万公里", items.get(1).text()); // within the limit: untouched
  }

  @Test
  void historyKnowledgeIsSearchedOnceWhileTheKnowledgeIsUnchanged() {
    java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong(1);
    KnowledgeSource versioned = new KnowledgeSource() {
      @Override public List<KnowledgeItem> retrieve(KnowledgeQuery q) { return recording.retrieve(q); }
      @Override public java.util.OptionalLong version() { return java.util.OptionalLong.of(version.get()); }
    };
    KnowledgeInjector injector = new KnowledgeInjector(versioned, new KnowledgeInjector.Settings(1, 1, 4, 120));
    List<ContextEntry> history = List.of(new ContextEntry(DIALOGUE.get(0), 1, List.of()), new ContextEntry(DIALOGUE.get(1), 1, List.of()));
    injector.inject(history, DIALOGUE.subList(0, 2), "主演是谁", Set.of());
    assertEquals(3, queries.size()); // the query and two exchanges
    KnowledgeInjector.Injection again = injector.inject(history, DIALOGUE.subList(0, 2), "导演是谁", Set.of());
    assertEquals(4, queries.size()); // only the new query was searched
    assertEquals(2, injector.historyCache().stats().hitCount()); // counted for the service's metrics
    assertEquals("k:你看过长城吗 看过，是张艺谋拍的", again.history().get(0).knowledge().get(0).id());
    version.incrementAndGet(); // an import changed the knowledge
    injector.inject(history, DIALOGUE.subList(0, 2), "导演是谁", Set.of());
    assertEquals(7, queries.size());
    // A source that cannot tell whether it changed is always asked.
    queries.clear();
    KnowledgeInjector plain = new KnowledgeInjector(recording, new KnowledgeInjector.Settings(1, 1, 4, 120));
    plain.inject(history, DIALOGUE.subList(0, 2), "主演是谁", Set.of());
    plain.inject(history, DIALOGUE.subList(0, 2), "主演是谁", Set.of());
    assertEquals(6, queries.size());
  }

  @Test
  void historyKnowledgeUnusedWhileASessionWouldBeKeptExpires() {
    var expiry = new KnowledgeInjector(recording, KnowledgeInjector.Settings.defaults()).historyCache().policy().expireAfterAccess();
    assertEquals(DialogueService.IDLE, expiry.orElseThrow().getExpiresAfter());
  }

  @Test
  void anExchangePreparedBetweenTurnsIsNotSearchedAgainByTheNextTurn() {
    KnowledgeSource versioned = new KnowledgeSource() {
      @Override public List<KnowledgeItem> retrieve(KnowledgeQuery q) { return recording.retrieve(q); }
      @Override public java.util.OptionalLong version() { return java.util.OptionalLong.of(1); }
    };
    KnowledgeInjector injector = new KnowledgeInjector(versioned, new KnowledgeInjector.Settings(1, 1, 4, 120));
    injector.prepare(DIALOGUE.get(1), Set.of("film"));
    assertEquals(List.of("好看吗 特效不错"), queries.stream().map(KnowledgeQuery::text).toList());
    KnowledgeInjector.Injection next = injector.inject(List.of(new ContextEntry(DIALOGUE.get(1), 1, List.of())), DIALOGUE.subList(0, 2),
        "主演是谁", Set.of("film"));
    assertEquals(List.of("好看吗 特效不错", "主演是谁"), queries.stream().map(KnowledgeQuery::text).toList());
    assertEquals("k:好看吗 特效不错", next.history().get(0).knowledge().get(0).id());
    injector.prepare(DIALOGUE.get(0), Set.of("other")); // other packs: another search
    assertEquals(3, queries.size());
  }
}
