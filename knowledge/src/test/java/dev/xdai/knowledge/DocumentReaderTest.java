package dev.xdai.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing details that need no graph. */
class DocumentReaderTest {

  @Test
  void formatsParseFromCliNames() {
    assertEquals(ImportFormat.TRIPLES, ImportFormat.parse("csv"));
    assertEquals(ImportFormat.TEXT, ImportFormat.parse("Markdown"));
    assertEquals(ImportFormat.KDCONV, ImportFormat.parse("kdconv"));
    assertEquals(ImportFormat.FAQ, ImportFormat.parse("jsonl"));
  }

  @Test
  void faqFieldsParseFromASpec() {
    FaqFields f = FaqFields.parse("question=title,ask;answer=answer;topic=department");
    assertEquals(List.of("title", "ask"), f.question());
    assertEquals(List.of("answer"), f.answer());
    assertEquals(List.of("department"), f.topic());
  }

  @Test
  void passagesAreCutAtSentenceEnds() throws Exception {
    var passages = dev.xdai.knowledge.ingest.DocumentReaderAccess.passages("第一句话。第二句话！第三句话？", 12);
    assertEquals(List.of("第一句话。第二句话！", "第三句话？"), passages);
    var hard = dev.xdai.knowledge.ingest.DocumentReaderAccess.passages("一".repeat(25), 10);
    assertEquals(3, hard.size());
    assertTrue(hard.stream().allMatch(p -> p.length() <= 10));
  }
}
