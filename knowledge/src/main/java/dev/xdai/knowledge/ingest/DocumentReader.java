package dev.xdai.knowledge.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text or Markdown, split into passages of at most {@link #MAX_PASSAGE} characters at sentence ends. A section
 * under an ordinary heading becomes descriptions labelled with that heading (the document title when there is none); a
 * section whose heading is a question ({@code ## 挂号要带什么？}) becomes one QA pair; {@code Q:}/{@code 问：} lines followed
 * by {@code A:}/{@code 答：} lines become QA pairs about the current heading. Markdown markup is stripped.
 */
public final class DocumentReader implements KnowledgeReader {

  static final int MAX_PASSAGE = 300;
  static final int MAX_ANSWER = 600;
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern QUESTION_LINE = Pattern.compile("^(?:Q|q|问|问题)\\s*[:：]\\s*(.+)$");
  private static final Pattern ANSWER_LINE = Pattern.compile("^(?:A|a|答|回答)\\s*[:：]\\s*(.*)$");
  private static final Pattern LIST_MARKER = Pattern.compile("^(?:[-*+]\\s+|\\d+[.)、]\\s*)");
  private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？；!?;])");
  private static final Pattern TABLE_RULE = Pattern.compile("^\\|?\\s*:?-{3,}.*$");

  private final String title;

  /** @param title label for text before the first heading (usually the file name without extension) */
  public DocumentReader(String title) {
    this.title = title == null ? "" : title;
  }

  @Override
  public void read(InputStream in, PackWriter out) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Section section = new Section(title, false);
    String documentTitle = title;
    String pendingQuestion = null;
    StringBuilder pendingAnswer = null;
    String line;
    while ((line = lines.readLine()) != null) {
      out.rowRead();
      String raw = line.strip();
      Matcher heading = HEADING.matcher(raw);
      if (heading.matches()) {
        flushQa(pendingQuestion, pendingAnswer, section, out);
        pendingQuestion = null;
        pendingAnswer = null;
        section.finish(out, documentTitle);
        String text = inline(heading.group(2));
        if (heading.group(1).length() == 1 && documentTitle.equals(title)) documentTitle = text;
        section = new Section(text, isQuestion(text));
        if (!section.question) section.label = text;
        continue;
      }
      Matcher question = QUESTION_LINE.matcher(raw);
      if (question.matches()) {
        flushQa(pendingQuestion, pendingAnswer, section, out);
        pendingQuestion = inline(question.group(1));
        pendingAnswer = null;
        continue;
      }
      if (pendingQuestion != null) {
        Matcher answer = ANSWER_LINE.matcher(raw);
        if (pendingAnswer == null && answer.matches()) {
          pendingAnswer = new StringBuilder(inline(answer.group(1)));
          continue;
        }
        if (pendingAnswer != null && !raw.isEmpty()) {
          appendSentence(pendingAnswer, inline(raw));
          continue;
        }
        if (raw.isEmpty() && pendingAnswer != null) {
          flushQa(pendingQuestion, pendingAnswer, section, out);
          pendingQuestion = null;
          pendingAnswer = null;
          continue;
        }
      }
      if (raw.isEmpty() || TABLE_RULE.matcher(raw).matches() || raw.startsWith("```") || raw.startsWith("<!--")) {
        section.paragraphBreak();
        continue;
      }
      section.add(inline(tableRow(LIST_MARKER.matcher(raw.replaceFirst("^>\\s*", "")).replaceFirst(""))), out, documentTitle);
    }
    flushQa(pendingQuestion, pendingAnswer, section, out);
    section.finish(out, documentTitle);
  }

  private static void flushQa(String question, StringBuilder answer, Section section, PackWriter out) {
    if (question == null) return;
    if (answer == null || answer.isEmpty()) {
      out.skip("question line without answer");
      return;
    }
    out.qa(question, cut(answer.toString(), MAX_ANSWER), section.question ? "" : section.label);
  }

  private static boolean isQuestion(String text) {
    return text.endsWith("？") || text.endsWith("?");
  }

  /** Markdown table rows become "cell：cell，cell" so they read as a sentence. */
  private static String tableRow(String line) {
    if (!line.startsWith("|")) return line;
    String[] cells = line.replaceAll("^\\|", "").replaceAll("\\|$", "").split("\\|");
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i].strip();
      if (cell.isEmpty()) continue;
      if (!row.isEmpty()) row.append(i == 1 ? "：" : "，");
      row.append(cell);
    }
    if (!row.isEmpty()) row.append("。");
    return row.toString();
  }

  /** Strips inline Markdown: emphasis, code ticks, links (keeping their text), images. */
  static String inline(String text) {
    String t = LINK.matcher(text).replaceAll("$1");
    t = t.replace("**", "").replace("__", "").replace("`", "");
    return t.strip();
  }

  private static void appendSentence(StringBuilder text, String sentence) {
    if (sentence.isEmpty()) return;
    if (!text.isEmpty() && !endsWithPunctuation(text)) text.append(isAscii(sentence) ? " " : "，");
    text.append(sentence);
  }

  private static boolean endsWithPunctuation(CharSequence text) {
    char last = text.charAt(text.length() - 1);
    return "。！？；：，,.!?;:".indexOf(last) >= 0;
  }

  private static boolean isAscii(String text) {
    return text.chars().allMatch(c -> c < 128);
  }

  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** Splits a section's text into passages of at most {@code max} characters, at sentence ends where possible. */
  static List<String> passages(String text, int max) {
    List<String> passages = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String sentence : SENTENCE_END.split(text)) {
      String s = sentence.strip();
      if (s.isEmpty()) continue;
      while (s.length() > max) { // a run-on sentence: hard cut
        if (!current.isEmpty()) {
          passages.add(current.toString());
          current.setLength(0);
        }
        passages.add(s.substring(0, max));
        s = s.substring(max);
      }
      if (current.length() + s.length() > max && !current.isEmpty()) {
        passages.add(current.toString());
        current.setLength(0);
      }
      current.append(s);
    }
    if (!current.isEmpty()) passages.add(current.toString());
    return passages;
  }

  /** The text under one heading. Bounded: flushed as passages whenever it grows past a few passages. */
  private static final class Section {
    private final String heading;
    private final boolean question;
    private String label = "";
    private final StringBuilder text = new StringBuilder();
    private boolean answered;

    Section(String heading, boolean question) {
      this.heading = heading;
      this.question = question;
    }

    void add(String line, PackWriter out, String documentTitle) {
      if (line.isEmpty()) return;
      appendSentence(text, line);
      if (!question && text.length() > 8 * MAX_PASSAGE) { // keep memory bounded on huge sections
        List<String> parts = passages(text.toString(), MAX_PASSAGE);
        String l = label.isEmpty() ? documentTitle : label;
        for (int i = 0; i < parts.size() - 1; i++) out.description(l, parts.get(i));
        text.setLength(0);
        text.append(parts.get(parts.size() - 1));
      }
    }

    void paragraphBreak() {
      if (!text.isEmpty() && !endsWithPunctuation(text)) text.append('。');
    }

    void finish(PackWriter out, String documentTitle) {
      if (text.isEmpty()) return;
      String body = text.toString();
      text.setLength(0);
      if (question) {
        if (!answered) out.qa(heading, cut(body, MAX_ANSWER), "");
        answered = true;
        return;
      }
      String l = label.isEmpty() ? documentTitle : label;
      for (String passage : passages(body, MAX_PASSAGE)) out.description(l, passage);
    }
  }
}
