package dev.xdai.generation.decode;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.generation.Generation;
import dev.xdai.generation.Generation.FinishReason;
import dev.xdai.generation.GenerationOptions;
import dev.xdai.generation.TokenListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DecoderTest {

  // ids: 0 [eop], 1 [MASK], 2..7 letters, 8 '|'
  static final String[] PIECES = {"[eop]", "[MASK]", "a", "b", "c", "d", "e", "f", "|"};
  static final Vocabulary VOCAB = new Vocabulary(PIECES, 0, Set.of(1));

  static GenerationOptions greedy(List<String> stop) {
    return new GenerationOptions(20, 0, 1, 1.0, 1.0, 0, stop, Duration.ofSeconds(30), 0, 0);
  }

  static GenerationOptions sampling(long seed) {
    return new GenerationOptions(12, 1.0, 0, 1.0, 1.0, 0, List.of(), Duration.ofSeconds(30), seed, 0);
  }

  // A flat distribution over the letters: only the seed decides the fill.
  static ScriptedSession flat() {
    return new ScriptedSession(fed -> new float[] {Float.NEGATIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0, Float.NEGATIVE_INFINITY}, 1000);
  }

  static Generation decode(DecodeSession s, Vocabulary v, GenerationOptions o, TokenListener l) {
    return new Decoder().decode(s, v, o, l, System.nanoTime());
  }

  @Test
  void greedySpellsTheMostLikelyTokensAndEndsAtEop() {
    Generation g = decode(ScriptedSession.spelling(9, 0, 2, 3, 4), VOCAB, greedy(List.of()), p -> {});
    assertEquals("abc", g.text());
    assertEquals(3, g.tokens());
    assertEquals(FinishReason.END, g.finishReason());
  }

  @Test
  void bannedTokensAreNeverPicked() {
    ScriptedSession s = new ScriptedSession(fed -> {
      float[] l = new float[9];
      l[1] = 9; // [MASK] most likely, but banned
      l[fed.isEmpty() ? 5 : 0] = 3;
      return l;
    }, 1000);
    assertEquals("d", decode(s, VOCAB, greedy(List.of()), p -> {}).text());
  }

  @Test
  void streamedPiecesConcatenateToTheTextAndStopAtTheSeparator() {
    List<String> pieces = new ArrayList<>();
    Generation g = decode(ScriptedSession.spelling(9, 0, 2, 3, 8, 4), VOCAB, greedy(List.of("|")), pieces::add);
    assertEquals("ab", g.text());
    assertEquals(FinishReason.STOP, g.finishReason());
    assertEquals(g.text(), String.join("", pieces));
  }

  @Test
  void multiCharacterStopStringIsHeldBackThenCut() {
    List<String> pieces = new ArrayList<>();
    Generation g = decode(ScriptedSession.spelling(9, 0, 2, 3, 4, 5, 6), VOCAB, greedy(List.of("cd")), pieces::add);
    assertEquals("ab", g.text());
    assertEquals(List.of("a", "b"), pieces);
  }

  @Test
  void heldBackTextIsReleasedWhenTheStopDoesNotMaterialise() {
    List<String> pieces = new ArrayList<>();
    Generation g = decode(ScriptedSession.spelling(9, 0, 2, 4, 3), VOCAB, greedy(List.of("ce")), pieces::add);
    assertEquals("acb", g.text());
    assertEquals("acb", String.join("", pieces));
    assertEquals(FinishReason.END, g.finishReason());
  }

  @Test
  void tokenLimitEndsWithLength() {
    Generation g = decode(ScriptedSession.spelling(9, 0, 2, 3, 4, 5, 6), VOCAB, greedy(List.of()).withMaxNewTokens(2), p -> {});
    assertEquals("ab", g.text());
    assertEquals(FinishReason.LENGTH, g.finishReason());
  }

  @Test
  void contextEndEndsWithLength() {
    ScriptedSession s = new ScriptedSession(fed -> { float[] l = new float[9]; l[2] = 1; return l; }, 3);
    Generation g = decode(s, VOCAB, greedy(List.of()), p -> {});
    assertEquals(4, g.tokens()); // three fed, the fourth picked from the last logits
    assertEquals(FinishReason.LENGTH, g.finishReason());
  }

  @Test
  void deadlineReturnsWhatItHas() {
    AtomicLong clock = new AtomicLong();
    ScriptedSession s = new ScriptedSession(fed -> {
      clock.addAndGet(Duration.ofMillis(100).toNanos()); // each model step takes 100 ms of fake time
      float[] l = new float[9];
      l[2 + fed.size() % 5] = 1;
      return l;
    }, 1000);
    GenerationOptions o = greedy(List.of()).withDeadline(Duration.ofMillis(350));
    Generation g = new Decoder(clock::get).decode(s, VOCAB, o, p -> {}, 0);
    assertEquals(FinishReason.DEADLINE, g.finishReason());
    assertEquals("abc", g.text());
  }

  @Test
  void sameSeedSameFillOtherSeedOtherFill() {
    String a = decode(flat(), VOCAB, sampling(42), p -> {}).text();
    String b = decode(flat(), VOCAB, sampling(42), p -> {}).text();
    String c = decode(flat(), VOCAB, sampling(43), p -> {}).text();
    assertEquals(12, a.length());
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void noRepeatNgramAvoidsALoop() {
    // The model wants "ab" forever; with no-repeat 2-grams "ab" can occur once.
    ScriptedSession s = new ScriptedSession(fed -> {
      float[] l = new float[9];
      l[fed.isEmpty() || fed.get(fed.size() - 1) == 3 ? 2 : 3] = 5;
      l[4] = 1;
      return l;
    }, 1000);
    GenerationOptions o = new GenerationOptions(6, 0, 1, 1.0, 1.0, 2, List.of(), Duration.ofSeconds(30), 0, 0);
    String text = decode(s, VOCAB, o, p -> {}).text();
    assertEquals(text.indexOf("ab"), text.lastIndexOf("ab"), text);
    assertTrue(text.startsWith("ab"), text);
  }
  // The model spells "abcabc" (a quoted 8:00-17:00, in small), with "f" as its second choice everywhere.
  static final int[] ABCABC = {2, 3, 4, 2, 3, 4};
  static final java.util.function.Supplier<ScriptedSession> QUOTING = () -> new ScriptedSession(fed -> {
    float[] l = new float[9];
    l[0] = fed.size() >= ABCABC.length ? 9 : -9;
    if (fed.size() < ABCABC.length) l[ABCABC[fed.size()]] = 5;
    l[7] = 4;
    return l;
  }, 1000);

  @Test
  void aQuoteMaySayAnNgramAsOftenAsTheKnowledgeDoes() {
    GenerationOptions o = new GenerationOptions(10, 0, 1, 1.0, 1.0, 3, List.of(), Duration.ofSeconds(30), 0, 0);
    assertEquals("abcabf", decode(QUOTING.get(), VOCAB, o, p -> {}).text().substring(0, 6)); // "abc" twice is banned
    Generation quoted = new Decoder().decode(QUOTING.get(), VOCAB, o, new CopyBias(List.of(ABCABC), 1f, 2), p -> {},
        System.nanoTime());
    assertEquals("abcabc", quoted.text());
    // Knowledge that says "abc" once lets the fill say it once: the ban still stops a loop through a quote.
    Generation once = new Decoder().decode(QUOTING.get(), VOCAB, o, new CopyBias(List.of(new int[] {2, 3, 4, 2, 3, 5}),
        1f, 2), p -> {}, System.nanoTime());
    assertTrue(once.text().startsWith("abcab") && once.text().charAt(5) != 'c', once.text());
  }
}
