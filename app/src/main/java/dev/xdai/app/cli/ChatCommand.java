package dev.xdai.app.cli;

import dev.xdai.app.Wiring;
import dev.xdai.app.XdaiConfig;
import dev.xdai.dialogue.Access;
import dev.xdai.dialogue.DialogueException;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.app.api.GroundingBody;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.Switches;
import dev.xdai.personas.PersonaCatalog;
import dev.xdai.evaluation.cli.HelpOption;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code xdai chat}: a terminal conversation through the same pipeline and session store as the service: in this
 * process, or, while {@code xdai serve} runs on the same data, through that service's chat API.
 */
@Dependent // picocli sets a command's options on the instance itself, which a client proxy would hide
@Command(name = "chat", description = {"A conversation in the terminal through the same pipeline; /grounding shows what grounded the last reply.",
    "Through the service serving this data directory when one runs, or the one (any replica) at --url, with the API key in "
        + "XDAI_API_KEY when it has access control on."})
public class ChatCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Option(names = "--bot", defaultValue = "xiaodai", paramLabel = "ID", description = "the bot to talk to (default ${DEFAULT-VALUE})")
  String bot;

  @Option(names = "--emotion", defaultValue = "", paramLabel = "E", description = "the emotion of the session (default: the bot's)")
  String emotion;

  @Option(names = "--url", paramLabel = "URL", converter = ServiceUrl.class, description = "the service (any replica) to talk to")
  URI url;


  @Inject XdaiConfig config;
  // Looked up only for a chat in this process: with a running service, nothing here may open the graph or the index.
  @Inject Instance<DialogueService> dialogue;
  @Inject Instance<PersonaCatalog> personas;
  @Inject Instance<Switches> switches;

  /** One side of the terminal chat: where the turns go. */
  interface Backend {
    /** Opens a session with the bot; fails with a message naming the choices when the bot is unknown. */
    Opened open(String bot, String emotion) throws ChatFailure;

    /** Answers one utterance, streaming its pieces to {@code stream}; returns the stored reply and its grounding. */
    Answered turn(String sessionId, String text, String emotion, TerminalStream stream) throws ChatFailure;
  }

  record Opened(String sessionId, String botId, String botName, String greeting) {}

  record Answered(String reply, Optional<GroundingBody> grounding) {}

  /** A turn or session that failed; {@code unavailable} when no model can serve (the chat then ends). */
  static final class ChatFailure extends Exception {
    final boolean unavailable;

    ChatFailure(String message, boolean unavailable) {
      super(message);
      this.unavailable = unavailable;
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Optional<ServiceTarget> target = ServiceTarget.find(Wiring.dataDir(config), url);
    Backend backend = target
        .<Backend>map(s -> {
          out.println("(through the service running at " + s.url() + ")");
          return new RemoteChat(s);
        })
        .orElseGet(() -> new Local(dialogue.get(), personas.get(), switches.get()));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return converse(backend, bot, emotion, in, out, System.console() != null);
  }

  /** The terminal conversation, whichever the backend: greeting, turns, commands, and the exit status. */
  static int converse(Backend backend, String bot, String emotion, BufferedReader in, PrintStream out, boolean terminal) throws Exception {
    Opened session;
    try {
      session = backend.open(bot, emotion);
    } catch (ChatFailure e) {
      System.err.println("xdai chat: " + e.getMessage());
      return e.unavailable ? 3 : 2;
    }
    String name = session.botName();
    out.println("Chatting with " + name + " (" + session.botId() + "). Commands: /grounding toggles grounding, /emotion E, /quit.");
    if (!session.greeting().isBlank()) out.println(name + "：" + session.greeting());
    boolean showGrounding = false;
    String turnEmotion = null;
    while (true) {
      out.print("你：");
      out.flush();
      String line = in.readLine();
      if (line == null || line.strip().equals("/quit")) break;
      line = line.strip();
      if (line.isEmpty()) continue;
      if (line.equals("/grounding")) { showGrounding = !showGrounding; out.println("(grounding " + (showGrounding ? "on" : "off") + ")"); continue; }
      if (line.startsWith("/emotion")) { turnEmotion = line.substring("/emotion".length()).strip(); out.println("(emotion: " + (turnEmotion.isEmpty() ? "default" : turnEmotion) + ")"); continue; }
      out.print(name + "：");
      out.flush();
      TerminalStream stream = new TerminalStream(out, terminal);
      try {
        Answered answer = backend.turn(session.sessionId(), line, turnEmotion, stream);
        stream.finish(answer.reply());
        if (showGrounding) answer.grounding().ifPresent(g -> printGrounding(out, g));
      } catch (ChatFailure e) {
        out.println();
        out.println("[" + (e.unavailable ? "model unavailable" : "error") + "] " + e.getMessage());
        if (e.unavailable) return 3;
      }
    }
    out.println("(session " + session.sessionId() + " is kept; it survives restarts)");
    return 0;
  }

  /** Turns run in this process. */
  record Local(DialogueService dialogue, PersonaCatalog personas, Switches switches) implements Backend {
    @Override
    public Opened open(String bot, String emotion) throws ChatFailure {
      try {
        Session s = dialogue.create(Access.ANY, bot, emotion);
        var persona = personas.find(s.bot()).orElseThrow();
        return new Opened(s.id(), persona.id(), persona.displayName(), persona.greeting());
      } catch (DialogueException e) {
        throw new ChatFailure(e.getMessage() + "; personas: " + personas.all().stream().map(p -> p.id()).toList(), false);
      }
    }

    @Override
    public Answered turn(String sessionId, String text, String emotion, TerminalStream stream) throws ChatFailure {
      try {
        var outcome = dialogue.turn(Access.ANY, sessionId, text, emotion, switches, stream);
        return new Answered(outcome.turn().reply(), Optional.ofNullable(GroundingBody.of(outcome.turn().grounding())));
      } catch (DialogueException e) {
        throw new ChatFailure(e.getMessage(), e.kind() == DialogueException.Kind.UNAVAILABLE);
      }
    }
  }

  static void printGrounding(PrintStream out, GroundingBody g) {
    g.history().forEach(h -> out.printf("  history #%d (%.3f): %s / %s%n", h.index(), h.relevance(), h.user(), h.bot()));
    g.knowledge().forEach(k -> out.printf("  knowledge [%s] %s %s → %s%n", k.position(), k.item().id(), k.item().title(), k.item().text()));
    g.background().forEach(b -> out.println("  background: " + b.text()));
    out.printf("  mode %s%s%n", g.modeName(),
        g.quoted().isEmpty() ? "" : ", quoting " + String.join(", ", g.quoted().stream()
            .map(q -> q.id() + " (" + q.pack() + ", confidence " + q.confidence() + ")").toList()));
    out.printf("  persona %s, emotion %s, finish %s, timings %s%n", g.persona(), g.emotion(), g.finishReason(), g.timingsMs());
    if (!g.notes().isEmpty()) out.println("  notes: " + g.notes());
  }
}
