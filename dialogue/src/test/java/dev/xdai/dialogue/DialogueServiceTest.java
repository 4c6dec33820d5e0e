package dev.xdai.dialogue;

import dev.xdai.dialogue.answer.AnswerConfidence;
import dev.xdai.dialogue.answer.Answerer;
import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.prompting.TokenCounter;
import dev.xdai.retrieval.KnowledgeSource;
import dev.xdai.retrieval.embed.CachingEmbedder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogueServiceTest {

  Doubles.ScriptedModel model = new Doubles.ScriptedModel("第一句回答", "第二句回答");
  Doubles.CharEmbedder embedder = new Doubles.CharEmbedder();
  InMemorySessionStore store = new InMemorySessionStore();

  /** Counts how often the pipeline's history is read from the store. */
  final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

  SessionStore counted(SessionStore inner) {
    return new Forwarding(inner) {
      @Override public java.util.Optional<Conversation> conversation(String id) {
        reads.incrementAndGet();
        return super.conversation(id);
      }
    };
  }

  /** A store that hands every call to another; tests override what they watch or change. */
  static class Forwarding implements SessionStore {
    final SessionStore inner;

    Forwarding(SessionStore inner) { this.inner = inner; }

    @Override public void create(Session session) { inner.create(session); }
    @Override public java.util.Optional<Session> find(String id) { return inner.find(id); }
    @Override public java.util.Optional<Conversation> conversation(String id) { return inner.conversation(id); }
    @Override public java.util.OptionalInt turnCount(String id) { return inner.turnCount(id); }
    @Override public void append(String sessionId, TurnRecord turn) { inner.append(sessionId, turn); }
    @Override public boolean delete(String id) { return inner.delete(id); }
    @Override public List<SessionSummary> list(String owner, int limit) { return inner.list(owner, limit); }
  }

  DialogueService service() {
    return service(store, 2);
  }

  DialogueService service(SessionStore store, int maxTurns) {
    return service(store, maxTurns, DialogueService.Ownership.OWNED);
  }

  DialogueService service(SessionStore store, int maxTurns, DialogueService.Ownership ownership) {
    var catalog = Doubles.catalog(List.of(TurnPipelineTest.PLAIN, TurnPipelineTest.WITH_BACKGROUND), List.of(TurnPipelineTest.ANGRY));
    var pipeline = new TurnPipeline(new HistorySelector(HistorySelector.Settings.defaults(), TokenCounter.CODE_POINTS),
        new KnowledgeInjector(KnowledgeSource.NONE, KnowledgeInjector.Settings.defaults()),
        new BackgroundComposer(KnowledgeSource.NONE, BackgroundComposer.Settings.defaults()),
        new ConditionComposer(catalog), model, null, new PostProcessor(60), new FaithfulnessGuard(),
        new Answerer(AnswerConfidence.shipped(), Answerer.Settings.defaults()), null, TurnPipeline.Settings.standard());
    return new DialogueService(pipeline, store, catalog, new CachingEmbedder(embedder, 1000), new DialogueService.Limits(10, maxTurns),
        ownership);
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
    // both turns read the conversation from memory, and the metrics count it
    var stats = s.conversationCache().stats();
    assertEquals(List.of(2L, 0L), List.of(stats.hitCount(), stats.missCount()));
    assertEquals(1L, s.sessionStateSizes().get("conversations"));
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
  void sharedInstancesServeOneSessionTurnAfterTurnEachSeeingTheOthersTurns() {
    DialogueService a = service(counted(store), 10, DialogueService.Ownership.SHARED);
    DialogueService b = service(counted(store), 10, DialogueService.Ownership.SHARED);
    Session session = a.create(Access.ANY, "plain", "");
    List<String> said = List.of("一", "二", "三", "四", "五");
    for (int i = 0; i < said.size(); i++) {
      var outcome = (i % 2 == 0 ? a : b).turn(Access.ANY, session.id(), said.get(i), null, Switches.all(), TurnListener.NONE);
      assertEquals(i, outcome.turn().index());
    }
    assertEquals(said, store.find(session.id()).orElseThrow().turns().stream().map(TurnRecord::user).toList());
    assertTrue(model.prompts.get(4).startsWith("A:一|B:第一句回答|A:二|B:第二句回答|A:三|"), model.prompts.get(4));
    int readsSoFar = reads.get();
    b.turn(Access.ANY, session.id(), "六", null, Switches.all(), TurnListener.NONE);
    b.turn(Access.ANY, session.id(), "七", null, Switches.all(), TurnListener.NONE);
    assertEquals(readsSoFar + 1, reads.get(), "read afresh once after a's turn, then the turn count says memory is current");
  }

  @Test
  void twoSharedInstancesAnsweringOneSessionAtOnceStoreOneTurnAndRefuseTheOtherBeforeItIsAcknowledged() throws Exception {
    var bothGenerated = new java.util.concurrent.CyclicBarrier(2);
    SessionStore racing = new Forwarding(store) {
      @Override public void append(String sessionId, TurnRecord turn) {
        try {
          bothGenerated.await(10, java.util.concurrent.TimeUnit.SECONDS); // both read the same history and answered it
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        super.append(sessionId, turn);
      }
    };
    DialogueService a = service(racing, 10, DialogueService.Ownership.SHARED);
    DialogueService b = service(racing, 10, DialogueService.Ownership.SHARED);
    Session session = a.create(Access.ANY, "plain", "");
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      var first = pool.submit(() -> a.turn(Access.ANY, session.id(), "甲说", null, Switches.all(), TurnListener.NONE));
      var second = pool.submit(() -> b.turn(Access.ANY, session.id(), "乙说", null, Switches.all(), TurnListener.NONE));
      List<String> acknowledged = new java.util.ArrayList<>();
      int refused = 0;
      for (var call : List.of(first, second)) {
        try {
          acknowledged.add(call.get().turn().user());
        } catch (java.util.concurrent.ExecutionException e) {
          assertEquals(DialogueException.Kind.CONFLICT, ((DialogueException) e.getCause()).kind());
          refused++;
        }
      }
      assertEquals(1, refused);
      assertEquals(acknowledged, store.find(session.id()).orElseThrow().turns().stream().map(TurnRecord::user).toList());
    }
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

  @Test
  void aKeyListsItsOwnSessionsAndAnAdminEverySession() {
    DialogueService s = service(store, 10);
    Access alice = new Access("alice", false, java.util.Set.of());
    Access admin = new Access("ops", true, java.util.Set.of());
    Session first = s.create(alice, "plain", "");
    s.turn(alice, first.id(), "一", null, Switches.all(), TurnListener.NONE);
    Session bobs = s.create(new Access("bob", false, java.util.Set.of()), "plain", "");
    assertEquals(List.of(first.id()), s.list(alice, 10).stream().map(SessionSummary::id).toList());
    assertEquals("一", s.list(alice, 10).get(0).firstUtterance());
    assertEquals(java.util.Set.of(first.id(), bobs.id()), s.list(admin, 10).stream().map(SessionSummary::id).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void aDraftPersonaAnswersWithoutBeingInTheCatalog() {
    DialogueService s = service(store, 10);
    dev.xdai.personas.Persona draft = new dev.xdai.personas.Persona("draft", "草稿", "我是一个还没保存的角色。", "", List.of(), "", "",
        List.of(), dev.xdai.personas.GenerationOverrides.NONE, dev.xdai.personas.Answering.AUTO, "");
    DialogueService.TurnOutcome outcome = s.answerAs(draft, List.of(), "你是谁", null, Switches.all(), TurnListener.NONE);
    assertEquals("draft", outcome.result().grounding().persona());
    assertTrue(model.prompts.get(0).startsWith("我是一个还没保存的角色。|A:你是谁"), model.prompts.get(0));
    assertEquals(DialogueException.Kind.INVALID,
        assertThrows(DialogueException.class, () -> s.answerAs(draft, List.of(), " ", null, Switches.all(), TurnListener.NONE)).kind());
  }

  @Test
  void anAnswerUsesTheGivenHistoryAndStoresNothing() {
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    SessionStore watched = new Forwarding(store) {
      @Override public void create(Session session) { writes.incrementAndGet(); super.create(session); }
      @Override public void append(String sessionId, TurnRecord turn) { writes.incrementAndGet(); super.append(sessionId, turn); }
    };
    DialogueService s = service(watched, 10);
    var history = List.of(new dev.xdai.prompting.Exchange(0, "你好", "你好呀"), new dev.xdai.prompting.Exchange(1, "吃了吗", "吃了"));
    StringBuilder streamed = new StringBuilder();
    DialogueService.TurnOutcome outcome = s.answer(Access.ANY, "plain", history, "你是谁", null, Switches.all(), streamed::append);
    assertEquals("A:你好|B:你好呀|A:吃了吗|B:吃了|A:你是谁|B:[gMASK]", model.prompts.get(0));
    assertNull(outcome.sessionId());
    assertEquals(2, outcome.turn().index());
    assertEquals("你是谁", outcome.turn().user());
    assertEquals("第一句回答", outcome.turn().reply());
    assertEquals("第一句回答", streamed.toString());
    assertEquals("plain", outcome.result().grounding().persona());
    assertEquals(List.of(0, 1), outcome.result().grounding().history().stream().map(Grounding.SelectedExchange::index).toList());
    assertEquals(0, writes.get());
  }

  @Test
  void anAnswerIsRefusedAsATurnWouldBe() {
    DialogueService s = service(store, 3);
    var three = List.of(new dev.xdai.prompting.Exchange(0, "一", "1"), new dev.xdai.prompting.Exchange(1, "二", "2"),
        new dev.xdai.prompting.Exchange(2, "三", "3"));
    var tooMany = assertThrows(DialogueException.class, () -> s.answer(Access.ANY, "plain", three, "四", null, Switches.all(), TurnListener.NONE));
    assertEquals(DialogueException.Kind.LIMIT, tooMany.kind());
    assertTrue(tooMany.getMessage().contains("limit is 2"), tooMany.getMessage());
    assertEquals(DialogueException.Kind.INVALID,
        assertThrows(DialogueException.class, () -> s.answer(Access.ANY, "plain", List.of(), " ", null, Switches.all(), TurnListener.NONE)).kind());
    assertEquals(DialogueException.Kind.NOT_FOUND,
        assertThrows(DialogueException.class, () -> s.answer(Access.ANY, "ghost", List.of(), "你好", null, Switches.all(), TurnListener.NONE)).kind());
    Access other = new Access("carol", false, java.util.Set.of("someone-else"));
    assertEquals(DialogueException.Kind.FORBIDDEN,
        assertThrows(DialogueException.class, () -> s.answer(other, "plain", List.of(), "你好", null, Switches.all(), TurnListener.NONE)).kind());
    assertEquals(DialogueException.Kind.FORBIDDEN, assertThrows(DialogueException.class, () -> s.checkAnswer(other, "plain", "你好", null)).kind());
    assertEquals(DialogueException.Kind.INVALID, assertThrows(DialogueException.class, () -> s.checkAnswer(Access.ANY, "plain", "你好", "furious")).kind());
    s.checkAnswer(Access.ANY, "plain", "你好", null);
    assertTrue(model.prompts.isEmpty(), "nothing refused reached the model");
  }

  @Test
  void openFindsTheSessionOfAnIdOrCreatesItForItsOwner() {
    DialogueService s = service(store, 10);
    Access alice = new Access("alice", false, java.util.Set.of());
    Conversation first = s.open(alice, "key-1", "plain", "");
    assertEquals("key-1", first.sessionId());
    assertEquals("alice", store.find("key-1").orElseThrow().owner());
    s.turn(alice, "key-1", "你好", null, Switches.all(), TurnListener.NONE);
    assertEquals(1, s.open(alice, "key-1", "plain", "").exchanges().size());
    assertEquals(1, service(store, 10).open(alice, "key-1", "plain", "").exchanges().size(), "another instance finds it in the store");
    Access bob = new Access("bob", false, java.util.Set.of());
    assertEquals(DialogueException.Kind.NOT_FOUND, assertThrows(DialogueException.class, () -> s.open(bob, "key-1", "plain", "")).kind());
    assertEquals(DialogueException.Kind.CONFLICT, assertThrows(DialogueException.class, () -> s.open(alice, "key-1", "xd", "")).kind());
    assertEquals(DialogueException.Kind.NOT_FOUND, assertThrows(DialogueException.class, () -> s.open(alice, "key-2", "ghost", "")).kind());
    assertTrue(store.find("key-2").isEmpty());
  }

  @Test
  void twoFirstOpensOfOneIdShareOneSession() throws Exception {
    java.util.concurrent.atomic.AtomicInteger creates = new java.util.concurrent.atomic.AtomicInteger();
    SessionStore slow = new Forwarding(store) {
      @Override public void create(Session session) {
        creates.incrementAndGet();
        try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        super.create(session);
      }
    };
    DialogueService s = service(slow, 10);
    var start = new java.util.concurrent.CountDownLatch(1);
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      var calls = new java.util.ArrayList<java.util.concurrent.Future<Conversation>>();
      for (int i = 0; i < 4; i++) calls.add(pool.submit(() -> { start.await(); return s.open(Access.ANY, "same", "plain", ""); }));
      start.countDown();
      for (var call : calls) assertEquals("same", call.get().sessionId());
    }
    assertEquals(1, creates.get());
  }

  @Test
  void aFirstOpenThatAnotherInstanceWonUsesTheirSession() {
    DialogueService elsewhere = service(store, 10);
    elsewhere.open(Access.ANY, "raced", "plain", "");
    elsewhere.turn(Access.ANY, "raced", "一", null, Switches.all(), TurnListener.NONE);
    // this instance looked before the other created it, so it tries to create the session too
    java.util.concurrent.atomic.AtomicBoolean stale = new java.util.concurrent.atomic.AtomicBoolean(true);
    SessionStore late = new Forwarding(store) {
      @Override public java.util.Optional<Conversation> conversation(String id) {
        return stale.getAndSet(false) ? java.util.Optional.empty() : super.conversation(id);
      }
    };
    DialogueService here = service(late, 10);
    Conversation c = here.open(Access.ANY, "raced", "plain", "");
    assertEquals(List.of("一"), c.exchanges().stream().map(dev.xdai.prompting.Exchange::user).toList());
    here.turn(Access.ANY, "raced", "二", null, Switches.all(), TurnListener.NONE);
    assertEquals(List.of("一", "二"), store.find("raced").orElseThrow().turns().stream().map(TurnRecord::user).toList());
  }
}
