package dev.xdai.personas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Utterance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of mistake in a persona or emotion file yields a message naming the file, line, column and field. */
class PersonaReaderTest {

  static final String FILE = "personas/student.yaml";
  static final Set<String> EMOTIONS = Set.of("neutral", "happy");
  static final String ID_RULE = "must match [a-z0-9][a-z0-9-]{0,63} (lower-case letters, digits and '-', at most 64 characters)";

  // Line numbers matter: the cases below replace single lines of this document.
  static final String VALID = """
      version: 1
      id: student
      displayName: 林小雨
      background: 我是青禾大学的大一新生。
      style: 活泼
      greeting: 你好呀！
      defaultEmotion: happy
      packs:
        - campus
      examples:
        - lines:
            - speaker: user
              text: 最近怎么样？
            - speaker: bot
              text: 挺好的！
        - lines:
            - speaker: user
              text: 期中考完了吗？
      generation:
        maxNewTokens: 40
        temperature: 0.9
        topK: 40
        topP: 0.95
        repetitionPenalty: 1.1
      """;

  @Test
  void theValidDocumentReadsToTheExpectedPersona() {
    Persona p = read(VALID);
    assertEquals(new Persona("student", "林小雨", "我是青禾大学的大一新生。", "活泼",
        List.of(new PostResponse(List.of(Utterance.user("最近怎么样？"), Utterance.bot("挺好的！"))),
            new PostResponse(List.of(Utterance.user("期中考完了吗？")))),
        "你好呀！", "happy", List.of("campus"), new GenerationOverrides(40, 0.9, 40, 0.95, 1.1)), p);
  }

  @Test
  void jsonAndYamlDescribeTheSamePersona() {
    String json = """
        {
          "version": 1,
          "id": "student",
          "displayName": "林小雨",
          "background": "我是青禾大学的大一新生。",
          "style": "活泼",
          "greeting": "你好呀！",
          "defaultEmotion": "happy",
          "packs": ["campus"],
          "examples": [
            {"lines": [{"speaker": "user", "text": "最近怎么样？"}, {"speaker": "bot", "text": "挺好的！"}]},
            {"lines": [{"speaker": "user", "text": "期中考完了吗？"}]}
          ],
          "generation": {"maxNewTokens": 40, "temperature": 0.9, "topK": 40, "topP": 0.95, "repetitionPenalty": 1.1}
        }
        """;
    assertEquals(read(VALID), PersonaReader.readPersona(new SourceText("personas/student.json", json, Format.JSON, "student.json"), EMOTIONS));
    assertEquals(read(VALID), PersonaReader.readPersona(SourceText.of("x", PersonaWriter.write(read(VALID), Format.JSON), Format.JSON), EMOTIONS));
    // The same mistake gets the same message in either format, but for the position.
    List<String> fromJson = errors(new SourceText("personas/student.json", json.replace("\"bot\"", "\"robot\""), Format.JSON, "student.json"));
    List<String> fromYaml = errors(replaceLine(VALID, 14, "      - speaker: robot"));
    assertEquals(fromYaml.stream().map(PersonaReaderTest::withoutPosition).toList(), fromJson.stream().map(PersonaReaderTest::withoutPosition).toList());
  }

  private static String withoutPosition(String error) {
    return error.replaceFirst("^[^:]*:\\d+:\\d+: ", "");
  }

  @Test
  void optionalFieldsMayBeLeftOut() {
    Persona p = read("version: 1\nid: student\ndisplayName: 小雨\nbackground: 学生。\n");
    assertEquals(List.of(), p.examples());
    assertEquals(List.of(), p.packs());
    assertEquals("", p.defaultEmotion());
    assertEquals(GenerationOverrides.NONE, p.generation());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        // first line to replace, the new lines (as many as they replace), one expected error
        Arguments.of(17, "      - speaker: narrator", "17:18: field 'examples[1].lines[0].speaker': must be 'user' or 'bot', found 'narrator'"),
        Arguments.of(2, "id: Student", "2:5: field 'id': " + ID_RULE + ", found 'Student'"),
        Arguments.of(2, "id: -student", "2:5: field 'id': " + ID_RULE + ", found '-student'"),
        Arguments.of(2, "id: " + "s".repeat(65), "2:5: field 'id': " + ID_RULE + ", found '" + "s".repeat(65) + "'"),
        Arguments.of(2, "id: teacher", "2:5: field 'id': 'teacher' does not match the file name 'student.yaml' (a file is named <id>.yaml, <id>.yml or <id>.json)"),
        Arguments.of(2, "# no id", "1:1: field 'id': required field is missing"),
        Arguments.of(3, "displayname: 林小雨", "3:1: field 'displayname': unknown field (allowed here: version, id, displayName, "
            + "background, style, greeting, defaultEmotion, packs, examples, generation, answering, unknownReply)"),
        Arguments.of(3, "displayname: 林小雨", "1:1: field 'displayName': required field is missing"),
        Arguments.of(22, "  top_k: 40", "22:3: field 'generation.top_k': unknown field (allowed here: maxNewTokens, temperature, topK, topP, repetitionPenalty)"),
        Arguments.of(13, "        txt: 最近怎么样？", "13:9: field 'examples[0].lines[0].txt': unknown field (allowed here: speaker, text)"),
        Arguments.of(7, "defaultEmotion: furious", "7:17: field 'defaultEmotion': unknown emotion 'furious' (known: happy, neutral)"),
        Arguments.of(4, "background: " + "长".repeat(2001), "4:13: field 'background': is 2001 characters long; the limit is 2000"),
        Arguments.of(4, "background: ''", "4:13: field 'background': must not be blank"),
        Arguments.of(4, "background:", "4:12: field 'background': must not be blank"),
        Arguments.of(4, "background: null", "1:1: field 'background': required field is missing"),
        Arguments.of(5, "style: " + "活".repeat(501), "5:8: field 'style': is 501 characters long; the limit is 500"),
        Arguments.of(6, "greeting: " + "你".repeat(301), "6:11: field 'greeting': is 301 characters long; the limit is 300"),
        Arguments.of(18, "        text: " + "考".repeat(301), "18:15: field 'examples[1].lines[0].text': is 301 characters long; the limit is 300"),
        Arguments.of(18, "        text: ' '", "18:15: field 'examples[1].lines[0].text': must not be blank"),
        Arguments.of(3, "displayName: '  '", "3:14: field 'displayName': must not be blank"),
        Arguments.of(3, "displayName: " + "名".repeat(41), "3:14: field 'displayName': is 41 characters long; the limit is 40"),
        Arguments.of(3, "displayName: 42", "3:14: field 'displayName': must be text, found a number"),
        Arguments.of(22, "  topK: 40.5", "22:9: field 'generation.topK': must be a whole number, found a number"),
        Arguments.of(22, "  topK: 0", "22:9: field 'generation.topK': must be between 1 and 1000, found 0"),
        Arguments.of(21, "  temperature: 3", "21:16: field 'generation.temperature': must be greater than 0.0 and at most 2.0, found 3"),
        Arguments.of(21, "  temperature: 0", "21:16: field 'generation.temperature': must be greater than 0.0 and at most 2.0, found 0"),
        Arguments.of(23, "  topP: '0.9'", "23:9: field 'generation.topP': must be a number, found text"),
        Arguments.of(23, "  topP: 95", "23:9: field 'generation.topP': must be greater than 0.0 and at most 1.0, found 95"),
        Arguments.of(24, "  repetitionPenalty: 0.1", "24:22: field 'generation.repetitionPenalty': must be at least 0.5 and at most 2.0, found 0.1"),
        Arguments.of(20, "  maxNewTokens: 0", "20:17: field 'generation.maxNewTokens': must be between 1 and 1024, found 0"),
        Arguments.of(20, "  maxNewTokens: true", "20:17: field 'generation.maxNewTokens': must be a whole number, found a boolean"),
        Arguments.of(19, "generation: fast\n#\n#\n#\n#\n#", "19:13: field 'generation': must be a mapping, found text"),
        Arguments.of(1, "version: 2", "1:10: field 'version': unsupported version 2; this build reads version 1"),
        Arguments.of(1, "version: one", "1:10: field 'version': unsupported version one; this build reads version 1"),
        Arguments.of(1, "# version: 1", "2:1: field 'version': required field is missing"),
        Arguments.of(5, "id: other", "5:1: field 'id': duplicate field"),
        Arguments.of(12, "      - speaker: bot", "12:9: field 'examples[0].lines[0].speaker': the first line must be 'user' (the blank before it is the bot's reply)"),
        Arguments.of(14, "      - speaker: user", "14:9: field 'examples[0].lines[1].speaker': speakers must alternate; two 'user' lines in a row"),
        Arguments.of(9, "  - Campus", "9:5: field 'packs[0]': " + ID_RULE + ", found 'Campus'"),
        Arguments.of(8, "packs: [campus, campus]\n#", "8:17: field 'packs[1]': pack 'campus' is listed twice"),
        Arguments.of(8, "packs: campus\n#", "8:8: field 'packs': must be a list, found text"),
        Arguments.of(16, "  - lines: []\n#\n#", "16:12: field 'examples[1].lines': needs at least 1 item"),
        Arguments.of(16, "  - 你好\n#\n#", "16:5: field 'examples[1]': must be a mapping, found text"),
        Arguments.of(5, "style: &s 活泼\ngreeting: *s", "6:11: YAML aliases (*name) are not supported; write the value out"));
  }

  @ParameterizedTest(name = "line {0}: {2}")
  @MethodSource("mistakes")
  void eachMistakeIsReportedWithFileLineColumnAndField(int line, String replacement, String expected) {
    String yaml = replaceLine(VALID, line, replacement);
    List<String> errors = errors(yaml);
    assertTrue(errors.stream().anyMatch(e -> e.startsWith(FILE + ":" + expected)),
        "expected " + FILE + ":" + expected + "\nbut got:\n" + String.join("\n", errors));
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    List<String> errors = errors(replaceLine(VALID, 13, "        text: 最近: 怎么样"));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.getFirst().startsWith(FILE + ":13:") && errors.getFirst().contains("YAML syntax"), errors.getFirst());
    errors = errors(replaceLine(VALID, 3, "   displayName: 林小雨"));
    assertTrue(errors.getFirst().startsWith(FILE + ":3:") && errors.getFirst().contains("YAML syntax"), errors.getFirst());
  }

  @Test
  void documentsThatAreNotOnePersonaMappingAreRefused() {
    assertEquals(List.of(FILE + ": the file is empty"), errors("").stream().map(e -> e.replace(":1:1:", ":")).toList());
    assertEquals(List.of(FILE + ":1:1: must be a mapping, found a list"), errors("- id: student\n"));
    assertEquals(List.of(FILE + ":1:1: must be a mapping, found text"), errors("student\n"));
    List<String> twoDocs = errors(VALID + "---\nid: other\n");
    assertEquals(1, twoDocs.size(), twoDocs.toString());
    assertTrue(twoDocs.getFirst().startsWith(FILE + ":26:") && twoDocs.getFirst().endsWith("only one document per file is allowed"), twoDocs.getFirst());
  }

  @Test
  void tooManyItemsAreRefused() {
    StringBuilder yaml = new StringBuilder(VALID.substring(0, VALID.indexOf("examples:"))).append("examples:\n");
    for (int i = 0; i < 21; i++) yaml.append("  - lines:\n      - speaker: user\n        text: 第").append(i).append("句\n");
    assertEquals(List.of(FILE + ":11:3: field 'examples': has 21 items; the limit is 20"), errors(yaml.toString()));
  }

  @Test
  void everyErrorOfADocumentIsReportedAtOnce() {
    String yaml = replaceLine(replaceLine(replaceLine(VALID, 2, "id: Bad"), 17, "      - speaker: narrator"), 22, "  topK: -1");
    List<String> errors = errors(yaml);
    assertEquals(3, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("field 'id'"));
    assertTrue(errors.get(1).contains("field 'examples[1].lines[0].speaker'"));
    assertTrue(errors.get(2).contains("field 'generation.topK'"));
  }

  @Test
  void jsonErrorsNameLineAndColumnToo() {
    String json = """
        {
          "version": 1,
          "id": "student",
          "displayName": "林小雨",
          "background": "学生。",
          "examples": {"lines": []}
        }
        """;
    assertEquals(List.of("personas/student.json:6:15: field 'examples': must be a list, found a mapping"),
        errors(SourceText.of("personas/student.json", json, Format.JSON)));
    List<String> syntax = errors(SourceText.of("personas/student.json", json.replace("\"学生。\",", "\"学生。\",,"), Format.JSON));
    assertTrue(syntax.getFirst().startsWith("personas/student.json:5:") && syntax.getFirst().contains("JSON syntax"), syntax.getFirst());
  }

  @Test
  void emotionsAreCheckedToo() {
    String valid = "version: 1\nid: angry\ndescription: 生气\npostResponses:\n  - lines:\n      - speaker: user\n        text: 你怎么生气了\n";
    Emotion e = PersonaReader.readEmotion(new SourceText("emotions/angry.yaml", valid, Format.YAML, "angry.yaml"));
    assertEquals(new Emotion("angry", "生气", List.of(new PostResponse(List.of(Utterance.user("你怎么生气了"))))), e);
    assertEquals(List.of("emotions/angry.yaml:4:16: field 'postResponses': needs at least 1 item"),
        emotionErrors("version: 1\nid: angry\ndescription: 生气\npostResponses: []\n"));
    assertEquals(List.of("emotions/angry.yaml:1:1: field 'postResponses': required field is missing"),
        emotionErrors("version: 1\nid: angry\ndescription: 生气\n"));
    assertEquals(List.of("emotions/angry.yaml:3:14: field 'description': is 201 characters long; the limit is 200"),
        emotionErrors(valid.replace("description: 生气", "description: " + "气".repeat(201))));
    assertEquals(List.of("emotions/angry.yaml:8:1: field 'examples': unknown field (allowed here: version, id, description, postResponses)"),
        emotionErrors(valid + "examples: []\n"));
  }

  @Test
  void errorsRenderInTheDocumentedFormat() {
    assertEquals("personas/student.yaml:12:3: field 'examples[1].lines[0].speaker': must be 'user' or 'bot'",
        new ValidationError("personas/student.yaml", 12, 3, "examples[1].lines[0].speaker", "must be 'user' or 'bot'").toString());
    assertEquals("x.yaml: cannot read", new ValidationError("x.yaml", 0, 0, "", "cannot read").toString());
  }

  /** Replaces lines {@code line}, {@code line + 1}, … with the lines of {@code replacement}, keeping line numbers. */
  static String replaceLine(String text, int line, String replacement) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    String[] news = replacement.split("\n", -1);
    for (int i = 0; i < news.length; i++) lines.set(line - 1 + i, news[i]);
    return String.join("\n", lines);
  }

  private static Persona read(String yaml) {
    return PersonaReader.readPersona(new SourceText(FILE, yaml, Format.YAML, "student.yaml"), EMOTIONS);
  }

  private static List<String> errors(String yaml) {
    return errors(new SourceText(FILE, yaml, Format.YAML, "student.yaml"));
  }

  private static List<String> errors(SourceText source) {
    var e = assertThrows(PersonaValidationException.class, () -> PersonaReader.readPersona(source, EMOTIONS));
    return e.errors().stream().map(ValidationError::toString).toList();
  }

  private static List<String> emotionErrors(String yaml) {
    var e = assertThrows(PersonaValidationException.class,
        () -> PersonaReader.readEmotion(new SourceText("emotions/angry.yaml", yaml, Format.YAML, "angry.yaml")));
    return e.errors().stream().map(ValidationError::toString).toList();
  }
}
