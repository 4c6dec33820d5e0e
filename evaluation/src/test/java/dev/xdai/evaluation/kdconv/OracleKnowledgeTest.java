package dev.xdai.evaluation.kdconv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.KnowledgeItem;
import org.junit.jupiter.api.Test;

class OracleKnowledgeTest {

  @Test
  void factsAskForTheAttributeOfTheShortEntity() {
    Triple t = new Triple("恋恋笔记本（美国2004年尼克·卡索维茨导演爱情片）", "导演", "尼克·卡索维茨");
    assertEquals("恋恋笔记本的导演是什么？", OracleKnowledge.question(t));
    assertEquals("尼克·卡索维茨", OracleKnowledge.answer(t));
  }

  @Test
  void informationAsksWhatTheEntityIs() {
    assertEquals("瑞恩·高斯林是什么？", OracleKnowledge.question(new Triple("瑞恩·高斯林", "Information", "…")));
  }

  @Test
  void onlyTheFullWidthParenthesisCuts() {
    assertEquals("A(B)的类型是什么？", OracleKnowledge.question(new Triple("A(B)", "类型", "x")));
  }

  @Test
  void answersAreCutTo120CodePoints() {
    String value = "𠀀".repeat(130);
    String answer = OracleKnowledge.answer(new Triple("e", "Information", value));
    assertEquals(120, answer.codePointCount(0, answer.length()));
  }

  @Test
  void itemsRenderAsQaPairs() {
    KnowledgeItem item = OracleKnowledge.qa(new Triple("故宫", "门票", "60元"), "id", "oracle", 1);
    assertEquals("Q:故宫的门票是什么？ A:60元", GlmPromptRenderer.segment(item));
  }
}
