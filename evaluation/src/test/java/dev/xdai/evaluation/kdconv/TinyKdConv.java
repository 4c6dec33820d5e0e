package dev.xdai.evaluation.kdconv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A hand-made KdConv file for tests: 3 samples in 2 conversations, and decoys the sampling rule must skip. */
public final class TinyKdConv {

  /**
   * Conversation 0: six messages; samples at index 1 (attrs) and 5 (attrs); index 2 has attrs but is the user's side,
   * index 3 answers without attrs. Conversation 1: one sample at index 1.
   */
  public static final String JSON = """
      [
        {"name": "恋恋笔记本", "messages": [
          {"message": "知道恋恋笔记本吗？"},
          {"message": "知道，是2004年的爱情片。", "attrs": [
            {"name": "恋恋笔记本（美国2004年爱情片）", "attrname": "Information", "attrvalue": "《恋恋笔记本》是2004年的一部爱情片。"}]},
          {"message": "成本才2900万美元。", "attrs": [
            {"name": "恋恋笔记本（美国2004年爱情片）", "attrname": "制片成本", "attrvalue": "2900万美元"}]},
          {"message": "嗯嗯。"},
          {"message": "导演是谁？"},
          {"message": "导演是尼克·卡索维茨。", "attrs": [
            {"name": "恋恋笔记本（美国2004年爱情片）", "attrname": "导演", "attrvalue": "尼克·卡索维茨"}]}
        ]},
        {"name": "故宫", "messages": [
          {"message": "故宫门票多少钱？"},
          {"message": "60元。", "attrs": [{"name": "故宫", "attrname": "门票", "attrvalue": "60元"}]}
        ]}
      ]
      """;

  private TinyKdConv() {}

  /** Writes the file as {@code dir/film/dev.json}, plus a knowledge-base object and a text file as decoys. */
  public static Path write(Path dir) throws IOException {
    Path film = Files.createDirectories(dir.resolve("film"));
    Path file = film.resolve("dev.json");
    Files.writeString(file, JSON);
    Files.writeString(film.resolve("kb_film.json"), "{\"恋恋笔记本\": [[\"恋恋笔记本\", \"导演\", \"尼克\"]]}");
    Files.writeString(film.resolve("notes.txt"), "not json");
    return file;
  }
}
