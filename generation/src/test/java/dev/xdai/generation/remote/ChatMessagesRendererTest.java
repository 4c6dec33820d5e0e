package dev.xdai.generation.remote;

import static org.junit.jupiter.api.Assertions.*;

import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.Exchange;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PostResponse;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.TokenCounter;
import dev.xdai.prompting.Utterance;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMessagesRendererTest {

  @Test
  void rendersBackgroundKnowledgeHistoryAndPostResponse() {
    KnowledgeItem qa = KnowledgeItem.qa("k1", "滑雪难吗？", "入门不难。", "", "", 1);
    PromptSpec spec = new PromptSpec(List.of(BackgroundPiece.persona("我是雪场教练小白。")),
        List.of(new ContextEntry(new Exchange(0, "你好", "你好呀"), 1, List.of())), List.of(qa), "我想学滑雪",
        new PostResponse(List.of(Utterance.user("你怎么生气了"))));
    var messages = new ChatMessagesRenderer().render(new GlmPromptRenderer(TokenCounter.CODE_POINTS).render(spec, 1000));
    assertEquals(List.of("system", "user", "assistant", "user"), messages.stream().map(ChatMessage::role).toList());
    String system = messages.get(0).content();
    assertTrue(system.startsWith("我是雪场教练小白。"), system);
    assertTrue(system.contains("Q:滑雪难吗？ A:入门不难。"), system);
    assertTrue(system.contains("A：你怎么生气了"), system);
    assertEquals("我想学滑雪", messages.get(3).content());
  }

  @Test
  void withoutPostResponseThereIsNoContinuationInstruction() {
    PromptSpec spec = new PromptSpec(List.of(), List.of(), List.of(), "在吗", PostResponse.none());
    var messages = new ChatMessagesRenderer().render(new GlmPromptRenderer(TokenCounter.CODE_POINTS).render(spec, 1000));
    assertEquals(2, messages.size());
    assertFalse(messages.get(0).content().contains(ChatMessagesRenderer.Wording.chinese().postResponseHeader()));
  }
}
