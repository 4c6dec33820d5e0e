package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xdai.knowledge.ingest.EntityNames;
import dev.xdai.knowledge.ingest.QaTemplates;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QaTemplatesTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      恋恋笔记本 | Information | 恋恋笔记本是什么？
      # frequent attributes have natural questions
      恋恋笔记本 | 导演 | 恋恋笔记本的导演是谁？
      恋恋笔记本 | 上映时间 | 恋恋笔记本是什么时候上映的？
      故宫 | 门票 | 故宫的门票多少钱？
      故宫 | 周边景点 | 故宫附近有什么景点？
      周杰伦 | 出生日期 | 周杰伦是什么时候出生的？
      # other attributes fall back by their ending, then generically
      故宫 | 修建时间 | 故宫的修建时间是什么时候？
      诊所 | 负责医生 | 诊所的负责医生是谁？
      某歌 | 专辑时长 | 某歌的专辑时长是多少？
      某片 | 制片公司 | 某片的制片公司是什么？
      """)
  void anAttributeBecomesTheQuestionItAnswers(String entity, String attribute, String question) {
    assertEquals(question, QaTemplates.question(entity, attribute));
  }

  @Test
  void kdconvNamesAreCutAtTheFirstFullWidthBracketAndKeptAsAlias() {
    String full = "恋恋笔记本（美国2004年尼克·卡索维茨导演爱情片）";
    assertEquals("恋恋笔记本", EntityNames.display(full));
    assertEquals(List.of("恋恋笔记本", full), EntityNames.aliases(full));
    assertEquals(List.of("故宫"), EntityNames.aliases("故宫"));
    assertEquals("（注）", EntityNames.display("（注）")); // nothing before the bracket: keep the whole name
    // Only punctuation before the bracket: the whole name, which says what the entity is.
    assertEquals("？（陈奕迅2011年发行专辑）", EntityNames.display("？（陈奕迅2011年发行专辑）"));
    assertEquals(List.of("？（陈奕迅2011年发行专辑）"), EntityNames.aliases("？（陈奕迅2011年发行专辑）"));
    assertEquals("……", EntityNames.display("……"));
    assertEquals("1984", EntityNames.display("1984（乔治·奥威尔小说）"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "终结者2：审判日（1991年詹姆斯·卡梅隆执导电影）|终结者2：审判日,终结者2,审判日,终结者2：审判日（1991年詹姆斯·卡梅隆执导电影）",
      "指环王：双塔奇兵|指环王：双塔奇兵,指环王,双塔奇兵",
      "大闹天宫-中国动画经典|大闹天宫-中国动画经典,大闹天宫,中国动画经典",
      "香水: 一个谋杀犯的故事|香水: 一个谋杀犯的故事,香水,一个谋杀犯的故事",
      // no split: a Latin name, a one-character part, a name without a separator, a separator inside the bracket
      "Jay-Z|Jay-Z",
      "AC-DC乐队|AC-DC乐队",
      "梦：醒|梦：醒",
      "故宫|故宫",
      "红楼梦（小说：清代）|红楼梦,红楼梦（小说：清代）"})
  void aTitleWithASubtitleIsAlsoKnownByEachPart(String full, String expected) {
    assertEquals(List.of(expected.split(",")), EntityNames.aliases(full));
  }
}
