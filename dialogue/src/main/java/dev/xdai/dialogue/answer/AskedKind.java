package dev.xdai.dialogue.answer;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What kind of thing a question asks for (a time, a place, a price…), read from its question words. The same words
 * name the kind in a user's utterance (那里洗牙多少钱) and in an item's question (口腔科洗牙的收费是多少？), though the
 * two rarely share their other words; so the kinds tie a question to the item that answers it across wordings, and tell
 * a specific question (多大了) from an item that answers something else (a description). An item's value shows its
 * kind too (7:30-10:30). Only kinds any domain asks about: an attribute of one domain (代表作, 奖项) is left to the
 * features that read the attribute itself.
 */
public enum AskedKind {
  DATE("什么时候|啥时候|哪年|哪一年|几年|几月|哪天|日期|何时|多大|岁数|年龄|多少岁|几岁|出生|生日|上映|发行时间|成立",
      "\\d{4}\\s*年|\\d{1,2}月\\d{1,2}日"),
  DURATION("多久|多长时间|多长|时长|片长|几个小时|几小时|多少分钟|玩多", "\\d+(\\.\\d+)?\\s*(分钟|小时|天|个月|年)(?!\\d)"),
  COUNT("几首|多少首|曲目|几部|几个|多少个|几张|多少张|数量|几次|多少次", null),
  PLACE("哪里|哪儿|在哪|什么地方|啥地方|地址|位置|地点|出生地|哪国|哪个国家|国籍|哪的人|哪里人|怎么去|怎么走|几楼|几层|哪层|哪一层",
      null),
  PRICE("多少钱|门票|票价|收费|价格|费用|免费|花钱|要钱|价钱|几块|多少元|挂号费",
      "\\d+(\\.\\d+)?\\s*(元|块|美元|欧元|英镑|日元|港币)|免费"),
  HOURS("几点|开放时间|开门|关门|营业|什么时候开放|开放吗|闭馆|上班时间", "\\d{1,2}[:：]\\d{2}"),
  PHONE("电话|号码|联系方式|怎么联系", "\\d{3,4}-\\d{3,4}|1\\d{10}"),
  SIZE("多高|身高|个子|多重|体重", "\\d+(\\.\\d+)?\\s*(cm|CM|厘米|米|kg|公斤|斤)"),
  OCCUPATION("做什么的|干什么的|职业|什么工作|是干嘛", null),
  NEARBY("附近|周边|旁边", null);

  private final Pattern words;
  private final Pattern value;

  /** @param value the shape of a value of this kind (7:30-10:30 is opening hours), or null when values have none */
  AskedKind(String words, String value) {
    this.words = Pattern.compile(words);
    this.value = value == null ? null : Pattern.compile(value);
  }

  /** The kinds {@code text} asks for; empty when it names none. */
  public static Set<AskedKind> of(String text) {
    Set<AskedKind> kinds = EnumSet.noneOf(AskedKind.class);
    for (AskedKind k : values()) if (k.words.matcher(text).find()) kinds.add(k);
    return kinds;
  }

  /**
   * The kinds a value's shape shows (a time of day, a sum of money, a phone number…): an item whose question names no
   * kind (检验科的抽血时间) still answers one.
   */
  public static Set<AskedKind> ofValue(String value) {
    Set<AskedKind> kinds = EnumSet.noneOf(AskedKind.class);
    for (AskedKind k : values()) if (k.value != null && k.value.matcher(value).find()) kinds.add(k);
    return kinds;
  }
}
