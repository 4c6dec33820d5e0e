package dev.xdai.knowledge.ingest;

import java.util.List;

/**
 * Which JSON fields of an FAQ record hold the question, the answer and an optional topic; the first non-blank field
 * of each list wins. The default reads {@code question/q/title/ask}, {@code answer/a/reply} and
 * {@code topic/category/department}, which fits the medical-qa corpus ({@code title} is its short question).
 */
public record FaqFields(List<String> question, List<String> answer, List<String> topic) {
  public static final FaqFields DEFAULT = new FaqFields(
      List.of("question", "q", "title", "ask"), List.of("answer", "a", "reply"), List.of("topic", "category", "department"));

  public FaqFields {
    if (question == null || question.isEmpty() || answer == null || answer.isEmpty()) {
      throw new IllegalArgumentException("FAQ fields need at least one question and one answer field");
    }
    question = List.copyOf(question);
    answer = List.copyOf(answer);
    topic = topic == null ? List.of() : List.copyOf(topic);
  }

  /** Parses {@code question=title,ask;answer=answer;topic=department} (the CLI's {@code --fields}). */
  public static FaqFields parse(String spec) {
    List<String> q = DEFAULT.question;
    List<String> a = DEFAULT.answer;
    List<String> t = DEFAULT.topic;
    for (String part : spec.split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) throw new IllegalArgumentException("expected key=field[,field] in '" + part + "'");
      List<String> fields = List.of(kv[1].strip().split("\\s*,\\s*"));
      switch (kv[0].strip()) {
        case "question" -> q = fields;
        case "answer" -> a = fields;
        case "topic" -> t = fields;
        default -> throw new IllegalArgumentException("unknown FAQ field key '" + kv[0] + "' (question, answer, topic)");
      }
    }
    return new FaqFields(q, a, t);
  }
}
