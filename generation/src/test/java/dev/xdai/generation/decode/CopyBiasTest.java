package dev.xdai.generation.decode;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.generation.Generation;
import dev.xdai.generation.GenerationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CopyBiasTest {

  static final int V = 9;

  static float[] biased(CopyBias bias, List<Integer> generated) {
    float[] logits = new float[V];
    bias.apply(logits, generated);
    return logits;
  }

  static List<Integer> boosted(float[] logits) {
    return java.util.stream.IntStream.range(0, logits.length).filter(t -> logits[t] != 0).boxed().toList();
  }

  static Stream<Arguments> cases() {
    int[] abcde = {2, 3, 4, 5, 6};
    return Stream.of(
        // generated suffix, sources, expected boosted tokens (bias 1, min match 2)
        Arguments.of(List.of(2, 3), List.of(abcde), List.of(4)),
        Arguments.of(List.of(7, 2, 3), List.of(abcde), List.of(4)),
        Arguments.of(List.of(3), List.of(abcde), List.of()),              // one token is not yet a quote
        Arguments.of(List.of(3, 2), List.of(abcde), List.of()),           // the order matters
        Arguments.of(List.of(5, 6), List.of(abcde), List.of()),           // the quote is complete
        Arguments.of(List.of(5, 6), List.of(abcde, new int[] {7, 8}), List.of()), // never into the next source
        Arguments.of(List.of(2, 3), List.of(new int[] {2, 3, 4, 2, 3, 7}), List.of(4, 7)), // every continuation
        Arguments.of(List.of(2, 3), List.of(new int[] {2, 3, 4}, new int[] {2, 3, 4}), List.of(4)), // once each
        Arguments.of(List.of(2, 3), List.of(), List.of()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void boostsTheTokensThatContinueAQuote(List<Integer> generated, List<int[]> sources, List<Integer> expected) {
    float[] logits = biased(new CopyBias(sources, 1f, 2), generated);
    assertEquals(expected, boosted(logits));
    for (int t : expected) assertEquals(1f, logits[t]);
  }

  @Test
  void theBonusGrowsWithTheMatchUpToThreeTimes() {
    CopyBias bias = new CopyBias(List.of(new int[] {2, 3, 4, 5, 6, 7, 8}), 1.5f, 2);
    assertEquals(1.5f, biased(bias, List.of(3, 4))[5]);
    assertEquals(3f, biased(bias, List.of(2, 3, 4))[5]);
    assertEquals(4.5f, biased(bias, List.of(2, 3, 4, 5))[6]);
    assertEquals(4.5f, biased(bias, List.of(2, 3, 4, 5, 6))[7]);
    // The longest match decides: "3 4" continues to 5 in both sources, but only the second matches "2 3 4".
    CopyBias two = new CopyBias(List.of(new int[] {7, 3, 4, 5}, new int[] {2, 3, 4, 5}), 1f, 2);
    assertEquals(2f, biased(two, List.of(2, 3, 4))[5]);
  }

  @Test
  void occurrencesCountHowOftenTheSourcesSayAnNgram() {
    CopyBias bias = new CopyBias(List.of(new int[] {2, 3, 4, 2, 3, 4}, new int[] {2, 3, 5}), 1f, 2);
    assertEquals(2, bias.occurrences(List.of(2, 3), 2, 4));   // "abc" twice in the first source
    assertEquals(1, bias.occurrences(List.of(2, 3), 2, 5));   // "abd" once in the second
    assertEquals(0, bias.occurrences(List.of(3, 2), 2, 4));
    assertEquals(1, bias.occurrences(List.of(4), 1, 2));      // "ca", not across the sources' boundary
    assertEquals(0, bias.occurrences(List.of(2), 2, 4));      // fewer tokens generated than the context
    assertEquals(0, CopyBias.NONE.occurrences(List.of(2, 3), 2, 4));
  }

  @Test
  void aLongerMinimumMatchAsksForMore() {
    CopyBias three = new CopyBias(List.of(new int[] {2, 3, 4, 5}), 1f, 3);
    assertEquals(List.of(), boosted(biased(three, List.of(3, 4))));
    assertEquals(List.of(5), boosted(biased(three, List.of(2, 3, 4))));
  }

  @Test
  void aBannedTokenStaysBanned() {
    CopyBias bias = new CopyBias(List.of(new int[] {2, 3, 4}), 3f, 2);
    float[] logits = new float[V];
    logits[4] = Float.NEGATIVE_INFINITY;
    bias.apply(logits, List.of(2, 3));
    assertEquals(Float.NEGATIVE_INFINITY, logits[4]);
  }

  @Test
  void noneAndZeroChangeNothing() {
    assertFalse(CopyBias.NONE.active());
    CopyBias zero = new CopyBias(List.of(new int[] {2, 3, 4}), 0f, 2);
    assertFalse(zero.active());
    assertEquals(List.of(), boosted(biased(zero, List.of(2, 3))));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new CopyBias(List.of(), -1f, 2));
    assertThrows(IllegalArgumentException.class, () -> new CopyBias(List.of(), Float.NaN, 2));
    assertThrows(IllegalArgumentException.class, () -> new CopyBias(List.of(), 1f, 0));
  }

  // A model that starts the quote "a b c d" right but then slightly prefers "f" over "c": the bias keeps the quote.
  @Test
  void theDecoderKeepsAQuoteTheModelWouldHaveLeft() {
    Vocabulary vocab = new Vocabulary(DecoderTest.PIECES, 0, Set.of(1));
    GenerationOptions greedy = new GenerationOptions(4, 0, 1, 1.0, 1.0, 0, List.of(), Duration.ofSeconds(30), 0, 0);
    java.util.function.Supplier<ScriptedSession> model = () -> new ScriptedSession(fed -> {
      float[] l = new float[V];
      l[0] = -5;
      if (fed.size() < 2) l[2 + fed.size()] = 4;   // "a", then "b"
      else { l[4] = 2; l[7] = 3; l[5] = 2; }       // then "f" (3) over "c" (2) and "d" (2)
      return l;
    }, 1000);
    CopyBias quote = new CopyBias(List.of(new int[] {2, 3, 4, 5}), 2f, 2);
    Generation without = new Decoder().decode(model.get(), vocab, greedy, CopyBias.NONE, p -> {}, System.nanoTime());
    Generation with = new Decoder().decode(model.get(), vocab, greedy, quote, p -> {}, System.nanoTime());
    assertEquals("abff", without.text());
    assertEquals("abcd", with.text());
  }
}
