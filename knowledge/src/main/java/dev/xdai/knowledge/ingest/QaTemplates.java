package dev.xdai.knowledge.ingest;

import java.util.Map;

/**
 * Turns a triple's entity and attribute into the question of a QA pair. {@code Information} asks what the entity is;
 * frequent attributes (KdConv's film, music and travel ones, and the demo packs') have natural questions; others fall
 * back to a rule by the attribute's ending, then to {@code <entity>的<attribute>是什么？}.
 */
public final class QaTemplates {

  /** The attribute that marks a description paragraph in KdConv. */
  public static final String INFORMATION = "Information";

  private static final Map<String, String> BY_ATTRIBUTE = Map.ofEntries(
      Map.entry("导演", "%s的导演是谁？"),
      Map.entry("编剧", "%s的编剧是谁？"),
      Map.entry("制片人", "%s的制片人是谁？"),
      Map.entry("主演", "%s的主演有哪些人？"),
      Map.entry("上映时间", "%s是什么时候上映的？"),
      Map.entry("出品时间", "%s是什么时候出品的？"),
      Map.entry("发行时间", "%s是什么时候发行的？"),
      Map.entry("出生日期", "%s是什么时候出生的？"),
      Map.entry("逝世日期", "%s是什么时候去世的？"),
      Map.entry("成立时间", "%s是什么时候成立的？"),
      Map.entry("出道时间", "%s是什么时候出道的？"),
      Map.entry("出生地", "%s是在哪里出生的？"),
      Map.entry("国籍", "%s是哪国人？"),
      Map.entry("民族", "%s是什么民族？"),
      Map.entry("职业", "%s是做什么的？"),
      Map.entry("身高", "%s有多高？"),
      Map.entry("星座", "%s是什么星座？"),
      Map.entry("毕业院校", "%s是哪个学校毕业的？"),
      Map.entry("代表作品", "%s有哪些代表作品？"),
      Map.entry("主要作品", "%s有哪些主要作品？"),
      Map.entry("主要成就", "%s有哪些主要成就？"),
      Map.entry("主要奖项", "%s获得过哪些奖项？"),
      Map.entry("获得奖项", "%s获得过哪些奖项？"),
      Map.entry("类型", "%s是什么类型的？"),
      Map.entry("片长", "%s的片长是多少？"),
      Map.entry("制片地区", "%s是哪里出品的？"),
      Map.entry("对白语言", "%s的对白是什么语言？"),
      Map.entry("票房", "%s的票房是多少？"),
      Map.entry("制片成本", "%s的制片成本是多少？"),
      Map.entry("其它译名", "%s还有什么译名？"),
      Map.entry("别名", "%s还有什么别名？"),
      Map.entry("外文名称", "%s的外文名是什么？"),
      Map.entry("拍摄地点", "%s是在哪里拍摄的？"),
      Map.entry("音乐风格", "%s是什么音乐风格？"),
      Map.entry("曲目数量", "%s有多少首曲目？"),
      Map.entry("专辑歌手", "%s是谁的专辑？"),
      Map.entry("歌曲原唱", "%s的原唱是谁？"),
      Map.entry("谱曲", "%s是谁谱曲的？"),
      Map.entry("填词", "%s是谁填词的？"),
      Map.entry("编曲", "%s是谁编曲的？"),
      Map.entry("所属专辑", "%s收录在哪张专辑里？"),
      Map.entry("唱片公司", "%s属于哪家唱片公司？"),
      Map.entry("经纪公司", "%s的经纪公司是哪家？"),
      Map.entry("周边景点", "%s附近有什么景点？"),
      Map.entry("门票", "%s的门票多少钱？"),
      Map.entry("开放时间", "%s什么时候开放？"),
      Map.entry("建议游玩时间", "%s建议玩多长时间？"),
      Map.entry("地址", "%s在哪里？"),
      Map.entry("位置", "%s在哪里？"),
      Map.entry("电话", "%s的电话是多少？"),
      Map.entry("营业时间", "%s的营业时间是什么时候？"),
      Map.entry("费用", "%s要多少钱？"),
      Map.entry("价格", "%s多少钱？"),
      Map.entry("负责人", "%s的负责人是谁？"));

  private QaTemplates() {}

  /** The question asking for {@code attribute} of the entity whose display name is {@code entity}. */
  public static String question(String entity, String attribute) {
    String attr = attribute.strip();
    if (attr.equalsIgnoreCase(INFORMATION)) return entity + "是什么？";
    String template = BY_ATTRIBUTE.get(attr);
    if (template != null) return template.formatted(entity);
    if (endsWithAny(attr, "时间", "日期", "年份")) return entity + "的" + attr + "是什么时候？";
    if (endsWithAny(attr, "地点", "地址", "所在地", "位置")) return entity + "的" + attr + "在哪里？";
    if (endsWithAny(attr, "费用", "价格", "票价", "收费")) return entity + "的" + attr + "是多少？";
    if (endsWithAny(attr, "人", "者", "医生", "老师", "经理", "主任")) return entity + "的" + attr + "是谁？";
    if (endsWithAny(attr, "数量", "人数", "数", "时长", "面积")) return entity + "的" + attr + "是多少？";
    return entity + "的" + attr + "是什么？";
  }

  private static boolean endsWithAny(String text, String... suffixes) {
    for (String suffix : suffixes) if (text.endsWith(suffix)) return true;
    return false;
  }
}
