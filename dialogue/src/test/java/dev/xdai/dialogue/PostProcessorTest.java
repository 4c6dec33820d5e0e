package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostProcessorTest {

  PostProcessor p = new PostProcessor(20);

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "你好呀|A:再见;你好呀",
      "B:我很好;我很好",
      "B：我很好;我很好",
      "小呆：我在;我在",
      "'  空格  ';空格",
      "好[eop];好",
      "一二三四五六七八九十一二三四五六七八九十多余;一二三四五六七八九十一二三四五六七八九十",
  })
  void cleans(String raw, String expected) {
    assertEquals(expected, p.clean(raw, "小呆"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"哈哈哈哈哈哈;false", "好的好的好的好的;true", "我我我我;true", "是的，我也这么觉得;false", "12345678;false",
      "对对对对对对对对对对;true", "啊啊啊啊;true", "好好玩好好玩好好玩好好玩;true", "我喜欢看电影，你呢？;false"})
  void detectsLoops(String text, boolean loop) {
    assertEquals(loop, PostProcessor.isLoop(text), text);
  }

  @Test
  void emptyIsADefect() {
    assertEquals("empty", p.defect(""));
    assertNull(p.defect("正常的回答"));
  }

  @Test
  void faithfulnessGuardFlagsOnlyUngroundedNumbers() {
    FaithfulnessGuard g = new FaithfulnessGuard();
    assertEquals(List.of("24"), g.unsupportedNumbers("第24届金球奖，68届", List.of("第68届金球奖")));
    assertEquals(List.of(), g.unsupportedNumbers("没有数字", List.of("")));
    assertEquals(List.of("三十"), g.unsupportedNumbers("三十岁", List.of("他二十岁")));
  }
}
