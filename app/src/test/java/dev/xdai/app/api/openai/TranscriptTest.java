package dev.xdai.app.api.openai;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.app.api.openai.OpenAiDtos.ChatMessage;
import dev.xdai.dialogue.DialogueException;
import dev.xdai.prompting.Exchange;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static List<ChatMessage> messages(String json) {
    try {
      return List.of(JSON.readValue(json, ChatMessage[].class));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theLastUserMessageIsTheUtteranceAndEarlierPairsTheHistory() {
    Transcript t = Transcript.of(messages("""
        [{"role": "system", "content": "You are helpful."},
         {"role": "user", "content": "你好"}, {"role": "assistant", "content": "你好呀"},
         {"role": "user", "content": [{"type": "text", "text": "你是"}, {"type": "text", "text": "谁"}]}, {"role": "assistant", "content": "小呆"},
         {"role": "user", "content": "你喜欢什么？"}]"""));
    assertEquals("你喜欢什么？", t.utterance());
    assertEquals(List.of(new Exchange(0, "你好", "你好呀"), new Exchange(1, "你是\n谁", "小呆")), t.history());
  }

  @Test
  void unansweredUserMessagesGreetingsAndRepliesInPiecesKeepTheirPlaces() {
    Transcript t = Transcript.of(messages("""
        [{"role": "assistant", "content": "欢迎！"},
         {"role": "user", "content": "在吗"}, {"role": "user", "content": "在吗？"},
         {"role": "assistant", "content": "在"}, {"role": "assistant", "content": null}, {"role": "assistant", "content": "说吧"},
         {"role": "developer", "content": "be brief"},
         {"role": "user", "content": "好"}]"""));
    assertEquals(List.of(new Exchange(0, "", "欢迎！"), new Exchange(1, "在吗", ""), new Exchange(2, "在吗？", "在\n说吧")), t.history());
    assertEquals("好", t.utterance());
    assertTrue(Transcript.of(messages("[{\"role\": \"user\", \"content\": \"hi\"}]")).history().isEmpty());
  }

  @Test
  void whatCannotBeAnsweredIsRefusedNamingTheField() {
    assertRefused(null, "messages must hold at least one message");
    assertRefused(List.of(), "messages must hold at least one message");
    assertRefused(messages("[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\", \"content\": \"yo\"}]"),
        "messages[1].role is 'assistant': the last message must be the user's");
    assertRefused(messages("[{\"role\": \"system\", \"content\": \"be nice\"}]"), "messages[0].role is 'system'");
    assertRefused(messages("[{\"content\": \"hi\"}]"), "messages[0].role is ''");
    assertRefused(messages("[{\"role\": \"tool\", \"content\": \"42\"}, {\"role\": \"user\", \"content\": \"hi\"}]"),
        "messages[0].role is 'tool'; only system, developer, user and assistant");
    assertRefused(messages("[{\"role\": \"user\", \"content\": \"  \"}]"), "messages[0].content must not be empty");
    assertRefused(messages("[{\"role\": \"user\"}]"), "messages[0].content must not be empty");
    assertRefused(messages("[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"x\"}}]}]"),
        "messages[0].content[0] is of type 'image_url'");
    assertRefused(messages("[{\"role\": \"user\", \"content\": 42}]"), "messages[0].content must be a string or an array");
  }

  static void assertRefused(List<ChatMessage> messages, String reason) {
    var e = assertThrows(DialogueException.class, () -> Transcript.of(messages));
    assertEquals(DialogueException.Kind.INVALID, e.kind());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void aSessionKeyIsTheHeaderElseTheUserAndItsSessionIsScopedByOwnerAndBot() {
    assertEquals("h", SessionKeys.key(" h ", "u").orElseThrow());
    assertEquals("u", SessionKeys.key(" ", "u").orElseThrow());
    assertTrue(SessionKeys.key(null, "").isEmpty());
    String id = SessionKeys.sessionId("alice", "xiaodai", "k");
    assertEquals(id, SessionKeys.sessionId("alice", "xiaodai", "k"));
    assertEquals(36, id.length());
    assertNotEquals(id, SessionKeys.sessionId("bob", "xiaodai", "k"));
    assertNotEquals(id, SessionKeys.sessionId("alice", "receptionist", "k"));
    assertNotEquals(id, SessionKeys.sessionId("alice", "xiaodai", "k2"));
  }

  @Test
  void problemTitlesBecomeOpenAiCodesAndStatusesTypes() {
    assertEquals("not_found", OpenAiProblems.code("Not Found"));
    assertEquals("conflict", OpenAiProblems.code("CONFLICT"));
    assertEquals("request_entity_too_large", OpenAiProblems.code("Request Entity Too Large"));
    assertNull(OpenAiProblems.code(""));
    assertEquals("invalid_request_error", OpenAiProblems.errorType(404));
    assertEquals("permission_error", OpenAiProblems.errorType(403));
    assertEquals("server_error", OpenAiProblems.errorType(503));
    assertTrue(OpenAiProblems.isOpenAiPath("/v1/chat/completions"));
    assertFalse(OpenAiProblems.isOpenAiPath("/v10/x"));
    assertFalse(OpenAiProblems.isOpenAiPath("/api/sessions"));
  }
}
