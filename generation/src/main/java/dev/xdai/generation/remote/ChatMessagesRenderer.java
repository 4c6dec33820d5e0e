package dev.xdai.generation.remote;

import dev.xdai.prompting.BackgroundPiece;
import dev.xdai.prompting.ContextEntry;
import dev.xdai.prompting.GlmPromptRenderer;
import dev.xdai.prompting.KnowledgeItem;
import dev.xdai.prompting.PromptSpec;
import dev.xdai.prompting.RenderedPrompt;
import dev.xdai.prompting.Speaker;
import dev.xdai.prompting.Utterance;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a manufactured prompt as chat messages for a chat model: the background and all injected knowledge in one
 * system message with an instruction to answer as the bot, the kept history as user/assistant turns, the current
 * utterance last. A post-response becomes an instruction to make the reply lead into it, the chat form of filling a
 * {@code [MASK]} that is followed by text.
 */
public final class ChatMessagesRenderer {

  /** The words of the system message; Chinese by default, like the dialogues. */
  public record Wording(String role, String knowledgeHeader, String postResponseHeader, String postResponseInstruction,
      String userTag, String botTag) {

    public static Wording chinese() {
      return new Wording("你是对话中的B。请直接给出B的下一句回复，简短、口语化，不要加说话人前缀。",
          "可参考的知识：", "你的回复之后，对话会这样继续：", "请让你的回复与后面的对话自然衔接，语气和情绪保持一致。",
          "A：", "B：");
    }
  }

  private final Wording wording;

  public ChatMessagesRenderer() { this(Wording.chinese()); }

  public ChatMessagesRenderer(Wording wording) { this.wording = wording; }

  /** The messages for {@code prompt}, built from what it kept within its budget. */
  public List<ChatMessage> render(RenderedPrompt prompt) {
    PromptSpec spec = prompt.kept();
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(new ChatMessage("system", system(spec)));
    for (ContextEntry entry : spec.history()) {
      messages.add(new ChatMessage("user", entry.exchange().user()));
      if (!entry.exchange().bot().isBlank()) messages.add(new ChatMessage("assistant", entry.exchange().bot()));
    }
    messages.add(new ChatMessage("user", spec.query()));
    return messages;
  }

  private String system(PromptSpec spec) {
    StringBuilder sb = new StringBuilder();
    for (BackgroundPiece piece : spec.background()) {
      if (!piece.text().isBlank()) sb.append(piece.text().strip()).append('\n');
    }
    List<KnowledgeItem> knowledge = spec.injectedKnowledge();
    if (!knowledge.isEmpty()) {
      sb.append(wording.knowledgeHeader()).append('\n');
      knowledge.forEach(k -> sb.append(GlmPromptRenderer.segment(k)).append('\n'));
    }
    sb.append(wording.role());
    if (!spec.postResponse().isEmpty()) {
      sb.append('\n').append(wording.postResponseHeader()).append('\n');
      for (Utterance u : spec.postResponse().lines()) {
        sb.append(u.speaker() == Speaker.USER ? wording.userTag() : wording.botTag())
            .append(u.text()).append('\n');
      }
      sb.append(wording.postResponseInstruction());
    }
    return sb.toString();
  }
}
