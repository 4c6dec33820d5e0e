package dev.xdai.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaithfulnessGuardTest {

  final FaithfulnessGuard guard = new FaithfulnessGuard();

  @Test
  void aNumberIsGroundedOnlyByTheSameWholeNumber() {
    List<String> grounds = List.of("Q:故宫的门票多少钱？ A:旺季60元|A:2024年去过吗");
    assertEquals(List.of(), guard.unsupportedNumbers("旺季60元，2024年", grounds));
    assertEquals(List.of("24", "6"), guard.unsupportedNumbers("24小时开放，6元", grounds));
    assertEquals(List.of(), guard.unsupportedNumbers("电话是010-65253670", List.of("010-65253670")));
    assertEquals(List.of("65253671"), guard.unsupportedNumbers("电话是010-65253671", List.of("10-65253670")));
  }

  @Test
  void leadingZerosDoNotMatter() {
    assertEquals(List.of(), guard.unsupportedNumbers("1947年3月14日", List.of("1947年03月14日")));
  }

  @Test
  void chineseNumeralsAreGroundedByTheSameCharacters() {
    assertEquals(List.of("三十"), guard.unsupportedNumbers("大约三十分钟", List.of("二十分钟")));
    assertEquals(List.of(), guard.unsupportedNumbers("大约二十分钟", List.of("步行二十分钟")));
  }
}
