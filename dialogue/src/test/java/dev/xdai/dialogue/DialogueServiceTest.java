package dev.xdai.dialogue;

import dev.xdai.dialogue.answer.AnswerConfidence;
import dev.xdai.dialogue.answer.Answerer;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.prompting.TokenCounter;
import dev.xdai.retrieval.KnowledgeSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogueServiceTest {

  Doubles.ScriptedModel model = new Doubles.ScriptedModel("第一句回答", "第二句回答");
  Doubles.CharEmbedder embedder = new Doubles.CharEmbedder();
  InMemorySessionStore store = new InMemorySessionStore();

  /** Counts how often the pipeline's history is read from the store. */
  final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

  SessionStore counted(SessionStore inner) {
    return new SessionStore() {
      @Override public void create(Session session) { inner.create(session); }
      @Override public java.util.Optional<Session> find(String id) { return inner.find(id); }
      @Override public java.util.Optional<Conversation> conversation(String id) {
        reads.incrementAndGet();
        return inner.conversation(id);
      }
      @Override public void append(String sessionId, TurnRecord turn) { inner.append(sessionId, turn); }
      @Override public boolean delete(String id) { return inner.delete(id); }
    };
  }

  DialogueService service() {
    return service(store, 2);
  }

  DialogueService service(SessionStore store, int maxTurns) {
    var catalog = Doubles.catalog(List.of(TurnPipelineTest.PLAIN), List.of(TurnPipelineTest.ANGRY));
    var pipeline = new TurnPipeline(new HistorySelector(HistorySelector.Settings.defaults(), TokenCounter.CODE_POINTS),
        new KnowledgeInjector(KnowledgeSource.NONE, KnowledgeInjector.Settings.defaults()),
        new BackgroundComposer(KnowledgeSource.NONE, BackgroundComposer.Settings.defaults()),
        new ConditionComposer(catalog), model, null, new PostProcessor(60), new FaithfulnessGuard(),
        new Answerer(AnswerConfidence.shipped(), Answerer.Settings.defaults()), null, TurnPipeline.Settings.standard());
    return new DialogueService(pipeline, store, catalog, embedder, new DialogueService.Limits(10, maxTurns));
  }

  @Test
  void turnsAreStoredInOrderWithTheirGroundingAndFeedTheNextPrompt() {
    DialogueService s = service();
    Session session = s.create(Access.ANY, "plain", "");
    s.turn(Access.ANY, session.id(), "你好", null, Switches.all(), TurnListener.NONE);
    s.turn(Access.ANY, session.id(), "你是谁", null, Switches.all(), TurnListener.NONE);
    Session stored = store.find(session.id()).orElseThrow();
    assertEquals(List.of("你好", "你是谁"), stored.turns().stream().map(TurnRecord::user).toList());
    assertEquals(List.of("第一句回答", "第二句回答"), stored.turns().stream().map(TurnRecord::reply).toList());
    assertEquals("A:你好|B:第一句回答|A:你是谁|B:[gMASK]", model.prompts.get(1));
    assertNotNull(stored.turns().get(1).grounding());
  }

  @Test
  void limitsAndUnknownsAreClearErrorsThatLoseNothing() {
    DialogueService s = service();
    Session session = s.create(Access.ANY, "plain", "");
    var tooLong = assertThrows(DialogueException.class, () -> s.turn(Access.ANY, session.id(), "一二三四五六七八九十十", null, Switches.all(), TurnListener.NONE));
    assertEquals(DialogueException.Kind.LIMIT, tooLong.kind());
    assertTrue(tooLong.getMessage().contains("limit is 10"));
    assertEquals(DialogueException.Kind.INVALID, assertThrows(DialogueException.class, () -> s.turn(Access.ANY, session.id(), " ", null, Switches.all(), TurnListener.NONE)).kind());
    assertEquals(DialogueException.Kind.NOT_FOUND, assertThrows(DialogueException.class, () -> s.turn(Access.ANY, "nope", "hi", null, Switches.all(), TurnListener.NONE)).kind());
    assertEquals(DialogueException.Kind.NOT_FOUND, assertThrows(DialogueException.class, () -> s.create(Access.ANY, "ghost", "")).kind());
    assertEquals(DialogueException.Kind.INVALID, assertThrows(DialogueException.class, () -> s.create(Access.ANY, "plain", "furious")).kind());
    s.turn(Access.ANY, session.id(), "一", null, Switches.all(), TurnListener.NONE);
    s.turn(Access.ANY, session.id(), "二", null, Switches.all(), TurnListener.NONE);
    var full = assertThrows(DialogueException.class, () -> s.turn(Access.ANY, session.id(), "三", null, Switches.all(), TurnListener.NONE));
    assertEquals(DialogueException.Kind.CONFLICT, full.kind());
    assertTrue(full.getMessage().contains("limit of 2 turns"), full.getMessage());
    assertEquals(2, store.find(session.id()).orElseThrow().turns().size());
  }

  @Test
  void aSessionsHistoryIsReadFromTheStoreAtMostOnceThenKeptInMemory() {
    DialogueService s = service(counted(store), 10);
    Session session = s.create(Access.ANY, "plain", "");
    for (String text : List.of("一", "二", "三")) s.turn(Access.ANY, session.id(), text, null, Switches.all(), TurnListener.NONE);
    assertEquals(0, reads.get()); // created here: known from the start
    DialogueService other = service(counted(store), 10);
    other.turn(Access.ANY, session.id(), "四", null, Switches.all(), TurnListener.NONE);
    other.turn(Access.ANY, session.id(), "五", null, Switches.all(), TurnListener.NONE);
    assertEquals(1, reads.get());
    assertEquals(5, store.find(session.id()).orElseThrow().turns().size());
    assertEquals("A:一|B:第一句回答|A:二|B:第二句回答|A:三|B:[gMASK]", model.prompts.get(2));
  }

  @Test
  void aTurnStoredByAnotherInstanceFirstIsAConflictThatLosesNothingAndTheRetrySeesIt() {
    DialogueService here = service(store, 10);
    DialogueService elsewhere = service(store, 10);
    Session session = here.create(Access.ANY, "plain", "");
    here.turn(Access.ANY, session.id(), "一", null, Switches.all(), TurnListener.NONE);
    elsewhere.turn(Access.ANY, session.id(), "二", null, Switches.all(), TurnListener.NONE);
    var conflict = assertThrows(DialogueException.class, () -> here.turn(Access.ANY, session.id(), "三", null, Switches.all(), TurnListener.NONE));
    assertEquals(DialogueException.Kind.CONFLICT, conflict.kind());
    assertEquals(List.of("一", "二"), store.find(session.id()).orElseThrow().turns().stream().map(TurnRecord::user).toList());
    here.turn(Access.ANY, session.id(), "三", null, Switches.all(), TurnListener.NONE);
    assertEquals(List.of("一", "二", "三"), store.find(session.id()).orElseThrow().turns().stream().map(TurnRecord::user).toList());
    assertTrue(model.prompts.get(model.prompts.size() - 1).startsWith("A:一|B:第一句回答|A:二|"), model.prompts.toString());
  }

  @Test
  void aSessionDeletedElsewhereIsAConflictThenNotFound() {
    DialogueService here = service(store, 10);
    Session session = here.create(Access.ANY, "plain", "");
    here.turn(Access.ANY, session.id(), "一", null, Switches.all(), TurnListener.NONE);
    assertTrue(service(store, 10).delete(Access.ANY, session.id()));
    assertEquals(DialogueException.Kind.CONFLICT,
        assertThrows(DialogueException.class, () -> here.turn(Access.ANY, session.id(), "二", null, Switches.all(), TurnListener.NONE)).kind());
    assertEquals(DialogueException.Kind.NOT_FOUND,
        assertThrows(DialogueException.class, () -> here.turn(Access.ANY, session.id(), "二", null, Switches.all(), TurnListener.NONE)).kind());
  }

  @Test
  void deleteForgetsTheSession() {
    DialogueService s = service();
    Session session = s.create(Access.ANY, "plain", "angry");
    assertTrue(s.delete(Access.ANY, session.id()));
    assertTrue(s.find(Access.ANY, session.id()).isEmpty());
    assertFalse(s.delete(Access.ANY, session.id()));
  }

  @Test
  void aKeyReachesOnlyItsOwnSessionsAndItsBotsWhileAnAdminReachesAll() {
    DialogueService s = service(store, 10);
    Access alice = new Access("alice", false, java.util.Set.of());
    Access bob = new Access("bob", false, java.util.Set.of());
    Access admin = new Access("ops", true, java.util.Set.of());
    Session mine = s.create(alice, "plain", "");
    assertEquals("alice", store.find(mine.id()).orElseThrow().owner());
    s.turn(alice, mine.id(), "一", null, Switches.all(), TurnListener.NONE);
    var refused = assertThrows(DialogueException.class, () -> s.turn(bob, mine.id(), "二", null, Switches.all(), TurnListener.NONE));
    assertEquals(DialogueException.Kind.NOT_FOUND, refused.kind(), "another key's session does not exist for bob");
    assertEquals(DialogueException.Kind.NOT_FOUND,
        assertThrows(DialogueException.class, () -> s.check(bob, mine.id(), "二", null)).kind());
    assertTrue(s.find(bob, mine.id()).isEmpty());
    assertFalse(s.delete(bob, mine.id()));
    assertEquals(1, s.find(admin, mine.id()).orElseThrow().turns().size());
    Access onlyOther = new Access("carol", false, java.util.Set.of("someone-else"));
    assertEquals(DialogueException.Kind.FORBIDDEN,
        assertThrows(DialogueException.class, () -> s.create(onlyOther, "plain", "")).kind());
    assertTrue(s.delete(alice, mine.id()));
  }
}
