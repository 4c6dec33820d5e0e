package dev.xdai.retrieval.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable character trie of folded names, each ending node carrying the entities written that way. Walking it from
 * every start position of a text finds all dictionary names in a text without spaces in O(length x longest name).
 */
final class NameTrie {

  private final char[][] keys; // sorted child characters per node
  private final int[][] next; // child node per key
  private final int[][] values; // entity numbers of the names ending at a node (empty if none)

  private NameTrie(char[][] keys, int[][] next, int[][] values) {
    this.keys = keys;
    this.next = next;
    this.values = values;
  }

  /** Builds the trie from folded names to entity numbers. */
  static NameTrie build(Map<String, ? extends List<Integer>> names) {
    List<TreeMap<Character, Integer>> children = new ArrayList<>();
    List<List<Integer>> ends = new ArrayList<>();
    children.add(new TreeMap<>());
    ends.add(new ArrayList<>());
    names.forEach((name, entities) -> {
      int node = 0;
      for (int i = 0; i < name.length(); i++) {
        Integer child = children.get(node).get(name.charAt(i));
        if (child == null) {
          child = children.size();
          children.add(new TreeMap<>());
          ends.add(new ArrayList<>());
          children.get(node).put(name.charAt(i), child);
        }
        node = child;
      }
      for (int e : entities) if (!ends.get(node).contains(e)) ends.get(node).add(e);
    });
    int n = children.size();
    char[][] keys = new char[n][];
    int[][] next = new int[n][];
    int[][] values = new int[n][];
    for (int node = 0; node < n; node++) {
      TreeMap<Character, Integer> c = children.get(node);
      keys[node] = new char[c.size()];
      next[node] = new int[c.size()];
      int j = 0;
      for (Map.Entry<Character, Integer> e : c.entrySet()) {
        keys[node][j] = e.getKey();
        next[node][j++] = e.getValue();
      }
      values[node] = ends.get(node).stream().mapToInt(Integer::intValue).toArray();
      children.set(node, null); // let the builder's maps go early on large dictionaries
    }
    return new NameTrie(keys, next, values);
  }

  /** Receives each name found: the end offset (exclusive) and the entity numbers written that way. */
  interface MatchSink {
    void match(int end, int[] entities);
  }

  /** Reports every name that starts at {@code start} in an already folded text, shortest first. */
  void matchesAt(String folded, int start, MatchSink sink) {
    int node = 0;
    for (int i = start; i < folded.length(); i++) {
      int j = Arrays.binarySearch(keys[node], folded.charAt(i));
      if (j < 0) return;
      node = next[node][j];
      if (values[node].length > 0) sink.match(i + 1, values[node]);
    }
  }
}
