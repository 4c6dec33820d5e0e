package dev.xdai.personas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Utterance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Character Card V2 import: field mapping, macros, {@code <START>} blocks, lorebook, notes, and refusals. */
class CardV2ImporterTest {

  @Test
  void aChineseCardMapsToAPersona() throws IOException {
    CardV2Importer.Result result = CardV2Importer.read(card("su-wan.json"));
    Persona p = result.persona();
    assertTrue(p.id().matches("card-[0-9a-f]{8}"), p.id());
    assertEquals(p.id(), CardV2Importer.deriveId("苏晚"), "the derived id is stable");
    assertEquals("苏晚", p.displayName());
    assertEquals("""
        苏晚是青石镇“晚来茶馆”的老板娘，三十出头，煮得一手好茶。
        性格：温和、爱笑、说话慢条斯理，偶尔打趣你。
        场景：你在一个下雨的傍晚走进茶馆避雨。
        青石镇是江南的一个小镇，镇上有条石板老街。""", p.background());
    assertEquals("哎呀，雨这么大，快进来坐。你想喝点什么？", p.greeting());
    assertEquals(List.of(
        new PostResponse(List.of(Utterance.user("老板娘，有什么推荐的茶吗？"), Utterance.bot("今天新到的白茶不错， 清清淡淡的，适合雨天。"))),
        new PostResponse(List.of(Utterance.user("那我就多坐一会儿。"), Utterance.bot("好呀，我再给你添点热水。")))), p.examples());
    assertEquals("", p.defaultEmotion());
    assertEquals(List.of(), p.packs());
    assertEquals(List.of(new CardV2Importer.KnowledgeHint(List.of("白茶", "茶"), "晚来茶馆的白茶来自镇外的山上。")), result.knowledgeHints());
  }

  @Test
  void whatHasNoPlaceInAPersonaIsNoted() throws IOException {
    String notes = String.join("\n", CardV2Importer.read(card("su-wan.json")).notes());
    for (String expected : List.of("system_prompt not imported", "post_history_instructions not imported",
        "2 alternate_greetings not imported", "creator_notes (for people, not the model): 为 xdai 测试写的示例卡片。",
        "tags: 茶馆, 温柔", "1 constant lorebook entries added to the background", "1 keyword lorebook entries returned as knowledge hints",
        "1 disabled lorebook entries skipped", "extensions ignored: depth_prompt", "mes_example block 3 skipped")) {
      assertTrue(notes.contains(expected), "missing note '" + expected + "' in:\n" + notes);
    }
    assertTrue(!notes.contains("ignored fields"), "creator and character_version are known fields:\n" + notes);
  }

  @Test
  void anEnglishCardUsesTheNameAsSpeakerAndEnglishLabels() throws IOException {
    CardV2Importer.Result result = CardV2Importer.read(card("captain.json"));
    Persona p = result.persona();
    assertEquals("captain-mira-voss", p.id());
    assertEquals("Captain Mira Voss commands the survey ship Lantern. Captain Mira Voss trusts you with the night watch.\n"
        + "Personality: Dry humour, calm under pressure.", p.background());
    assertEquals("Welcome aboard, you.", p.greeting());
    // Two {{user}} lines in a row are joined: a post-response alternates speakers.
    assertEquals(List.of(new PostResponse(List.of(Utterance.user("Where are we headed?"), Utterance.bot("Wherever the charts are blank."),
        Utterance.user("Sounds dangerous. Is it?"), Utterance.bot("Only the interesting parts.")))), p.examples());
    assertEquals(List.of(), result.notes());
  }

  @Test
  void anExplicitIdIsUsedAndValidated() throws IOException {
    assertEquals("tea-keeper", CardV2Importer.read(card("su-wan.json"), "tea-keeper").persona().id());
    var e = assertThrows(PersonaValidationException.class, () -> CardV2Importer.read(card("su-wan.json"), "Tea Keeper"));
    assertTrue(e.errors().getFirst().toString().contains("field 'id': must match"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Captain Mira Voss | captain-mira-voss",
      "  Zoë & the Robots!! | zoe-the-robots",
      "R2-D2 | r2-d2",
      "小雨 Lin | lin"})
  void idsAreDerivedFromNames(String name, String id) {
    assertEquals(id, CardV2Importer.deriveId(name));
  }

  @Test
  void longTextsAreCutToTheLimitsWithANote() {
    String json = minimal("\"description\": \"" + "长".repeat(2500) + "\", \"first_mes\": \"" + "嗨".repeat(400) + "\"");
    CardV2Importer.Result r = CardV2Importer.read(SourceText.of("long.json", json, Format.JSON));
    assertEquals(PersonaSchema.MAX_BACKGROUND, r.persona().background().codePointCount(0, r.persona().background().length()));
    assertEquals(PersonaSchema.MAX_GREETING, r.persona().greeting().length());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("background (description, personality, scenario, lorebook) cut from 2500 to 2000")), r.notes().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("first_mes (greeting) cut from 400 to 300")), r.notes().toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"spec\": \"chara_card_v3\", \"spec_version\": \"3.0\", \"data\": {\"name\": \"A\"}}"
          + "| card.json:1:10: field 'spec': is 'chara_card_v3'; only Character Card V2 ('chara_card_v2') can be imported",
      "{\"spec\": \"chara_card_v2\", \"spec_version\": \"3.0\", \"data\": {\"name\": \"A\"}}"
          + "| card.json:1:43: field 'spec_version': is '3.0'; this importer reads spec_version '2.0'",
      "{\"spec\": \"chara_card_v2\", \"data\": {\"name\": \"A\"}}"
          + "| card.json:1:1: field 'spec_version': required field is missing",
      "{\"name\": \"A\", \"description\": \"v1\"}"
          + "| card.json:1:1: field 'spec': missing: not a Character Card V2 (this looks like a V1 card; re-export it as V2, spec 'chara_card_v2')",
      "{\"spec\": \"chara_card_v2\", \"spec_version\": \"2.0\"}"
          + "| card.json:1:1: field 'data': required field is missing",
      "{\"spec\": \"chara_card_v2\", \"spec_version\": \"2.0\", \"data\": []}"
          + "| card.json:1:58: field 'data': must be a mapping, found a list",
      "{\"spec\": \"chara_card_v2\", \"spec_version\": \"2.0\", \"data\": {\"description\": \"x\"}}"
          + "| card.json:1:58: field 'data.name': required field is missing",
      "{\"spec\": \"chara_card_v2\", \"spec_version\": \"2.0\", \"data\": {\"name\": \"A\", \"alternate_greetings\": \"hi\"}}"
          + "| card.json:1:95: field 'data.alternate_greetings': must be a list, found text",
      "{\"spec\": \"chara_card_v2\", \"spec_version\": \"2.0\", \"data\": {\"name\": \"A\", \"mes_example\": 5}}"
          + "| card.json:1:87: field 'data.mes_example': must be text, found a number",
      "[1, 2]| card.json:1:1: must be a mapping, found a list"})
  void wrongCardsAreRefusedWithAClearMessage(String json, String expected) {
    var e = assertThrows(PersonaValidationException.class, () -> CardV2Importer.read(SourceText.of("card.json", json, Format.JSON)));
    assertEquals(expected, e.errors().getFirst().toString(), e.getMessage());
  }

  @Test
  void brokenJsonIsASyntaxError() {
    var e = assertThrows(PersonaValidationException.class,
        () -> CardV2Importer.read(SourceText.of("card.json", "{\"spec\": \"chara_card_v2\",\n \"data\": {", Format.JSON)));
    assertTrue(e.errors().getFirst().toString().startsWith("card.json:2:"), e.getMessage());
    assertTrue(e.getMessage().contains("JSON syntax"), e.getMessage());
  }

  private static String minimal(String moreData) {
    return "{\"spec\": \"chara_card_v2\", \"spec_version\": \"2.0\", \"data\": {\"name\": \"长\", " + moreData + "}}";
  }

  static SourceText card(String name) throws IOException {
    try (InputStream in = CardV2ImporterTest.class.getResourceAsStream("/cards/" + name)) {
      return SourceText.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), Format.JSON);
    }
  }
}
