package dev.xdai.dialogue.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpTest {

  @Test
  void anEllipticalFollowUpAsksThePreviousQuestionOfItsSubject() {
    List<String> recent = List.of("洗牙多少钱？", "洗牙每次150元。");
    assertEquals("补牙洗牙多少钱？", FollowUp.expand("那补牙呢？", recent));
    assertEquals("儿科洗牙多少钱？", FollowUp.expand("儿科呢", recent));
    assertEquals("周末洗牙多少钱？", FollowUp.expand("那么周末怎么样？", recent));
  }

  @Test
  void otherUtterancesStandForThemselves() {
    List<String> recent = List.of("洗牙多少钱？", "洗牙每次150元。");
    assertEquals("补牙多少钱？", FollowUp.expand("补牙多少钱？", recent));
    assertEquals("好的，谢谢您。", FollowUp.expand("好的，谢谢您。", recent));
    assertEquals("那补牙呢？", FollowUp.expand("那补牙呢？", List.of("你好。", "您好。")), "no question before it");
    assertEquals("那补牙呢？", FollowUp.expand("那补牙呢？", List.of()));
  }
}
