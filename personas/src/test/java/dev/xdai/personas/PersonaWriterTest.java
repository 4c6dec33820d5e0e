package dev.xdai.personas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.Utterance;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the writer writes, the reader reads back to an equal record, whatever the text looks like to a YAML parser. */
class PersonaWriterTest {

  @ParameterizedTest
  @ValueSource(strings = {"123", "yes", "NO", "Off", "null", "true", "~", "- x", "a: b", "#x", "0.9", "1e3", ".inf", "0x1F",
      "2026-01-01", "'q'", "\"dq\"", "@at", "%p", "`b`", "*star", "&amp", "!bang", "{x}", "[y]", "a | b", "<<", "？", "：冒号",
      "第一行\n第二行", "x\n\n  y", "tab\there"})
  void trickyTextSurvivesBothFormats(String text) {
    String line = text.lines().findFirst().orElseThrow();
    Persona p = new Persona("tricky", line, text, text, List.of(new PostResponse(List.of(Utterance.user(line), Utterance.bot(line)))),
        text, "", List.of("pack-1"), new GenerationOverrides(1, 2.0, 1000, 1.0, 0.5));
    for (Format format : Format.values()) {
      String written = PersonaWriter.write(p, format);
      assertEquals(p, PersonaReader.readPersona(SourceText.of("t", written, format), null), format + ":\n" + written);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"YAML", "JSON"})
  void defaultsAreLeftOutOfTheFile(String format) {
    String written = PersonaWriter.write(new Persona("min", "最小", "背景。", "", List.of(), "", "", List.of(), null), Format.valueOf(format));
    for (String absent : List.of("style", "greeting", "defaultEmotion", "packs", "examples", "generation")) {
      assertFalse(written.contains(absent), absent + " in\n" + written);
    }
  }
}
