package dev.xdai.retrieval.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The name trie against a brute-force search, on names and texts over a small alphabet so that names overlap. */
class NameTriePropertiesTest {

  @Property(tries = 1000)
  void findsExactlyTheNamesStartingAtEachPositionShortestFirst(@ForAll("names") List<String> names, @ForAll("texts") String text) {
    Map<String, List<Integer>> dictionary = new HashMap<>();
    for (int e = 0; e < names.size(); e++) dictionary.computeIfAbsent(names.get(e), k -> new ArrayList<>()).add(e);
    NameTrie trie = NameTrie.build(dictionary);
    for (int start = 0; start < text.length(); start++) {
      List<String> found = new ArrayList<>();
      int s = start;
      trie.matchesAt(text, start, (end, entities) -> {
        String name = text.substring(s, end);
        assertEquals(dictionary.get(name), java.util.Arrays.stream(entities).boxed().toList(), name);
        found.add(name);
      });
      List<String> expected = new ArrayList<>();
      for (int end = start + 1; end <= text.length(); end++) if (dictionary.containsKey(text.substring(start, end))) expected.add(text.substring(start, end));
      assertEquals(expected, found, "at " + start + " in " + text);
    }
  }

  @Provide
  Arbitrary<List<String>> names() {
    return Arbitraries.strings().withChars("北京大学西站ab").ofMinLength(1).ofMaxLength(4).list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("北京大学西站ab的。").ofMaxLength(20);
  }
}
