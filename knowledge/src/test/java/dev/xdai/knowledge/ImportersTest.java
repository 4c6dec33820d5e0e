package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.graph.GraphConnection;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.knowledge.sync.IndexSync;
import dev.xdai.knowledge.sync.KnowledgeSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every import format on small files, checked against the graph itself. */
class ImportersTest {

  @RegisterExtension static final TestPacks fixture = TestPacks.named("t-kdconv", "t-kb", "t-csv", "t-faq", "t-md", "t-links", "h-csv");
  static final GraphConnection graph = fixture.graph;
  static final KnowledgeImporter importer = fixture.importer;
  static final Packs packs = fixture.packs;
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** The questions of the pack's QA items as the index receives them (templated or stored). */
  static Set<String> questions(GraphConnection graph, String pack) {
    Set<String> questions = new java.util.HashSet<>();
    new IndexSync(graph, KnowledgeSink.NONE).items(pack).forEach(i -> {
      if (i.format() == dev.xdai.prompting.KnowledgeItem.Format.QA) questions.add(i.title());
    });
    return questions;
  }

  @Test
  void kdconvConversationsBecomeDistinctTriplesWithInformationAsDescription() throws IOException {
    Path file = write("dev.json", """
        [{"name": "恋恋笔记本", "messages": [
          {"message": "知道恋恋笔记本吗？"},
          {"message": "知道呀", "attrs": [
            {"name": "恋恋笔记本（美国2004年尼克·卡索维茨导演爱情片）", "attrname": "Information", "attrvalue": "《恋恋笔记本》是一部爱情片。"}]},
          {"message": "谁导演的？"},
          {"message": "尼克·卡索维茨", "attrs": [
            {"name": "恋恋笔记本（美国2004年尼克·卡索维茨导演爱情片）", "attrname": "导演", "attrvalue": "尼克·卡索维茨"},
            {"name": "恋恋笔记本（美国2004年尼克·卡索维茨导演爱情片）", "attrname": "导演", "attrvalue": "尼克·卡索维茨"}]},
          {"message": "空的", "attrs": [{"name": "", "attrname": "导演", "attrvalue": "x"}]}
        ]}]
        """);
    ImportResult r = importer.importFile("t-kdconv", ImportFormat.KDCONV, file);
    assertEquals(4, r.rowsRead());
    assertEquals(3, r.triples()); // the duplicate is written (and merged), the empty one skipped
    assertEquals(2, r.facts());
    assertEquals(1, r.descriptions());
    assertEquals(1, r.entities());
    assertEquals(2, r.aliases()); // display name and full name
    assertEquals(Map.of("triple without entity", 1L), r.skipped());
    assertEquals(Set.of("恋恋笔记本是什么？", "恋恋笔记本的导演是谁？"), questions(graph, "t-kdconv"));
    var d = graph.query("MATCH (e:Entity {pack: 't-kdconv'})-[:DESCRIBED_BY]->(d) RETURN e.name AS name, d.label AS label, d.text AS text",
        Map.of()).get(0);
    assertEquals("恋恋笔记本", d.get("name").asString());
    assertEquals("恋恋笔记本", d.get("label").asString());
    assertEquals("《恋恋笔记本》是一部爱情片。", d.get("text").asString());
  }

  @Test
  void kdconvKnowledgeBaseIsStreamedEntityByEntity() throws IOException {
    Path file = write("kb.json", """
        {"故宫": [["故宫", "周边景点", "天坛"], ["故宫", "门票", "60元"], ["故宫", "周边景点", "天坛"]],
         "天坛": [["天坛", "Information", "天坛是明清两代皇帝祭天的地方。"], ["天坛", "门票"]]}
        """);
    ImportResult r = importer.importFile("t-kb", ImportFormat.KDCONV, file);
    assertEquals(5, r.rowsRead());
    assertEquals(3, r.facts());
    assertEquals(2, r.entities());
    assertEquals(1, r.descriptions());
    assertEquals(1L, r.skipped().get("knowledge-base triple is not [entity, attribute, value]"));
    assertTrue(questions(graph, "t-kb").contains("故宫附近有什么景点？"));
    // 周边景点 天坛 names another entity of the pack: the two are linked for concept expansion (built on demand)
    assertTrue(packs.relinkIfStale("t-kb"));
    assertFalse(packs.relinkIfStale("t-kb"));
    assertEquals(1, graph.query("MATCH (:Entity {name: '故宫', pack: 't-kb'})-[r:RELATED {attribute: '周边景点'}]->(:Entity {name: '天坛'}) RETURN r",
        Map.of()).size());
  }

  @Test
  void triplesCsvWithHeaderQuotesCommentsAndQuestionOverride() throws IOException {
    Path file = write("t.csv", """
        entity,attribute,value,question
        # a comment
        康宁社区诊所,营业时间,"周一至周五8:00-20:00, 周末8:00-17:00",诊所几点开门？
        康宁社区诊所,地址,"青松路""88""号"
        "多行",说明,"第一行
        第二行"
        只有两列,x
        """);
    ImportResult r = importer.importFile("t-csv", ImportFormat.TRIPLES, file);
    assertEquals(4, r.rowsRead());
    assertEquals(3, r.facts());
    assertEquals(Map.of("CSV record with fewer than 3 columns", 1L), r.skipped());
    assertEquals(Set.of("诊所几点开门？", "康宁社区诊所在哪里？", "多行的说明是什么？"), questions(graph, "t-csv"));
    var values = graph.query("MATCH (f:Fact) WHERE f.id STARTS WITH 't-csv:f:' RETURN f.value AS v ORDER BY v", Map.of()).stream()
        .map(x -> x.get("v").asString()).toList();
    assertTrue(values.contains("周一至周五8:00-20:00, 周末8:00-17:00"), values.toString());
    assertTrue(values.contains("青松路\"88\"号"), values.toString());
    assertTrue(values.contains("第一行\n第二行"), values.toString());
  }

  @Test
  void aHeaderBelowCommentsIsAHeaderNotAFact() throws IOException {
    Path file = write("h.csv", """
        # 康宁社区诊所（虚构）的知识图谱
        
        entity,attribute,value,question
        康宁社区诊所,电话,0571-0000 6612
        """);
    ImportResult r = importer.importFile("h-csv", ImportFormat.TRIPLES, file);
    assertEquals(1, r.rowsRead());
    assertEquals(Set.of("康宁社区诊所的电话是多少？"), questions(graph, "h-csv"));
  }

  @Test
  void faqJsonLinesWithConfigurableFieldsAndBadLines() throws IOException {
    Path file = write("faq.jsonl", """
        {"department": "内科", "title": "高血压能喝茶吗？", "ask": "我有高血压……", "answer": "可以适量喝淡茶。"}
        not json
        {"department": "内科", "title": "", "ask": "没有标题时用提问", "answer": "用 ask 字段。"}
        {"department": "内科", "title": "没有回答", "answer": ""}

        [1, 2]
        """);
    ImportResult r = importer.importFile("t-faq", ImportFormat.FAQ, file);
    assertEquals(5, r.rowsRead());
    assertEquals(2, r.qa());
    assertEquals(1, r.entities()); // the topic 内科
    assertEquals(Map.of("invalid JSON line", 1L, "QA without answer", 1L, "JSON line is not an object", 1L), r.skipped());
    assertEquals(Set.of("高血压能喝茶吗？", "没有标题时用提问"), questions(graph, "t-faq"));
    assertEquals(2, graph.query("MATCH (q:QA)-[:ABOUT]->(:Entity {name: '内科', pack: 't-faq'}) WHERE q.id STARTS WITH 't-faq:q:' RETURN 1", Map.of()).size());

    // other field names, and a JSON array instead of lines
    Path array = write("faq.json", "[{\"q\": \"问一\", \"a\": \"答一\", \"cat\": \"分类\"}, {\"q\": \"问二\", \"a\": \"答二\"}]");
    ImportResult r2 = importer.importFiles("t-faq", ImportFormat.FAQ, List.of(array), FaqFields.parse("question=q;answer=a;topic=cat")).get(0);
    assertEquals(2, r2.qa());
    assertTrue(questions(graph, "t-faq").containsAll(Set.of("问一", "问二")));
  }

  @Test
  void markdownBecomesPassagesAndQuestionSectionsBecomeQa() throws IOException {
    Path file = write("guide.md", """
        # 诊所指南

        开头的一段话，没有小标题。

        ## 就诊流程

        1. 先**挂号**。
        2. 再到[诊室](http://example.org)候诊。

        | 科室 | 位置 |
        | --- | --- |
        | 儿科 | 二楼 |

        ## 第一次来要带什么？

        带上身份证或医保卡。

        ## 常见问题

        Q: 周末开门吗？
        A: 周末开到下午五点。

        问：能停车吗？
        答：后院可以停车，
        最多两小时。
        """);
    ImportResult r = importer.importFile("t-md", ImportFormat.TEXT, file);
    assertEquals(0, r.skippedTotal(), r.skipped().toString());
    assertEquals(Set.of("第一次来要带什么？", "周末开门吗？", "能停车吗？"), questions(graph, "t-md"));
    var answers = graph.query("MATCH (q:QA) WHERE q.id STARTS WITH 't-md:q:' RETURN q.question AS q, q.answer AS a", Map.of());
    var byQuestion = answers.stream().collect(Collectors.toMap(x -> x.get("q").asString(), x -> x.get("a").asString()));
    assertEquals("带上身份证或医保卡。", byQuestion.get("第一次来要带什么？"));
    assertEquals("后院可以停车，最多两小时。", byQuestion.get("能停车吗？"));
    var descriptions = graph.query("MATCH (d:Description) WHERE d.id STARTS WITH 't-md:d:' RETURN d.label AS l, d.text AS t", Map.of()).stream()
        .collect(Collectors.toMap(x -> x.get("l").asString(), x -> x.get("t").asString()));
    assertEquals("开头的一段话，没有小标题。", descriptions.get("诊所指南"));
    assertEquals("先挂号。再到诊室候诊。科室：位置。儿科：二楼。", descriptions.get("就诊流程"));
    assertFalse(descriptions.containsKey("常见问题"));
  }
}
