package dev.xdai.retrieval.bank;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which exchanges a response bank keeps: replies a bot can say in any conversation. Out go replies too short or too
 * long, echoes of their context, loops, profanity, lines cut off (ending in an ellipsis: a subtitle split across
 * frames), and replies that state facts the new conversation would not ground: numbers (digits or Chinese numerals),
 * foreign or titled names (Latin words, 《》, the middle dot, two or more characters in a row of those that spell
 * transliterated names: 莫妮卡, 乔伊), and contexts or replies holding the prompt's separator.
 */
public final class BankFilter {

  /**
   * The rules' version: raise it when they change, so that a shipped bank imported under other rules is imported
   * again (a bank imported from a user's own file keeps its entries until that file is imported again).
   */
  public static final int VERSION = 2;

  /** Reply length bounds in characters. */
  public static final int MIN_REPLY = 2, MAX_REPLY = 40, MAX_CONTEXT = 60;

  private static final Pattern FACTS = Pattern.compile("[0-9０-９零〇两一二三四五六七八九十百千万亿]{2,}|[0-9０-９]|[A-Za-zＡ-Ｚａ-ｚ]{2,}|[《》·•]");
  // The characters transliterated Western names are spelled with; two in a row are almost always a name (谢 is left
  // out: 谢谢).
  private static final Pattern TRANSLITERATED = Pattern.compile(
      "[斯尔克德特莫妮卡丽娜莉欧乔琼杰詹姆汤迪约翰玛芬森伯维奥弗罗伦瑞雷布拉菲亚艾伊贝茨兹普霍蒂索沃莎露丝娅蕾塔尼琳薇]{2,}");
  private static final Pattern CUT_OFF = Pattern.compile("(\\.\\.|…|。。)\\s*$");
  private static final Pattern LOOP = Pattern.compile("(.{1,8})\\1{3,}");
  private static final Set<String> PROFANITY = Set.of("他妈", "妈的", "操你", "傻逼", "傻B", "混蛋", "贱人", "婊子", "滚蛋", "去死", "王八蛋", "狗屎", "白痴");

  private BankFilter() {}

  /** Why {@code e} is left out, or null when it is kept. */
  public static String reject(BankEntry e) {
    String r = e.reply();
    int n = r.codePointCount(0, r.length());
    if (n < MIN_REPLY) return "too short";
    if (n > MAX_REPLY) return "too long";
    if (e.context().isBlank() || e.context().codePointCount(0, e.context().length()) > MAX_CONTEXT) return "context missing or too long";
    if (r.equals(e.context())) return "echoes its context";
    if (r.contains("|") || e.context().contains("|") || r.contains("[") || r.contains("]")) return "separator or tag";
    if (LOOP.matcher(r).find()) return "repetition";
    if (FACTS.matcher(r).find() || TRANSLITERATED.matcher(r).find()) return "states a fact (a number or a name)";
    if (CUT_OFF.matcher(r).find()) return "a line cut off";
    for (String word : PROFANITY) if (r.contains(word)) return "profanity";
    return null;
  }

  public static boolean keep(BankEntry e) {
    return reject(e) == null;
  }
}
