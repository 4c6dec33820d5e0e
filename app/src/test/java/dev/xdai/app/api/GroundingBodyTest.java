package dev.xdai.app.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.dialogue.Grounding;
import dev.xdai.dialogue.ReplyMode;
import dev.xdai.prompting.KnowledgeItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's grounding is its own type; its JSON is the contract clients were given, field for field. */
class GroundingBodyTest {

  /** A reply's grounding as the API sent it before the body had a type of its own. */
  static final String CONTRACT = "{\"history\":[{\"index\":0,\"user\":\"你们几点开门？\",\"bot\":\"周一至周五8:00-20:00。\",\"relevance\":0.74}],\"knowledge\":[{\"position\":\"query\",\"item\":{\"id\":\"clinic:f:3b02097c0f225989\",\"format\":\"QA\",\"title\":\"洗牙多少钱？\",\"text\":\"洗牙每次150元\",\"source\":\"triples.csv\",\"pack\":\"clinic\",\"score\":1.0,\"fact\":{\"entity\":\"口腔科\",\"attribute\":\"收费\"}}}],\"background\":[{\"text\":\"康宁社区诊所是一家社区综合诊所。\",\"knowledgeId\":\"clinic:d:1\"}],\"persona\":\"我是前台周敏。\",\"emotion\":\"neutral\",\"postResponse\":\"\",\"dropped\":[\"history:0\"],\"unsupportedNumbers\":[],\"notes\":[\"quoted\"],\"model\":\"xdai-glm-small-int8\",\"finishReason\":\"quoted\",\"timingsMs\":{\"total\":12.5},\"mode\":\"QUOTED\",\"quoted\":[{\"id\":\"clinic:f:3b02097c0f225989\",\"pack\":\"clinic\",\"source\":\"triples.csv\",\"confidence\":0.348}],\"bank\":null}";

  @Test
  void theBodyKeepsTheContractsFieldsAndValues() throws Exception {
    KnowledgeItem item = new KnowledgeItem("clinic:f:3b02097c0f225989", KnowledgeItem.Format.QA, "洗牙多少钱？", "洗牙每次150元",
        "triples.csv", "clinic", 1.0, new KnowledgeItem.Fact("口腔科", "收费"));
    Grounding g = new Grounding(List.of(new Grounding.SelectedExchange(0, "你们几点开门？", "周一至周五8:00-20:00。", 0.74)),
        List.of(new Grounding.Injected("query", item)), List.of(new Grounding.Background("康宁社区诊所是一家社区综合诊所。", "clinic:d:1")),
        "我是前台周敏。", "neutral", "", List.of("history:0"), List.of(), List.of("quoted"), "xdai-glm-small-int8", "quoted",
        Map.of("total", 12.5), ReplyMode.QUOTED, List.of(new Grounding.Quoted("clinic:f:3b02097c0f225989", "clinic", "triples.csv", 0.348)),
        null);
    ObjectMapper json = new ObjectMapper();
    GroundingBody body = GroundingBody.of(g);
    assertEquals(json.readTree(CONTRACT), json.valueToTree(body));
    assertEquals(body, json.readValue(CONTRACT, GroundingBody.class), "the terminal client reads what the service sends");
    assertEquals("quoted", body.modeName());
    assertNull(GroundingBody.of(null));
  }
}
