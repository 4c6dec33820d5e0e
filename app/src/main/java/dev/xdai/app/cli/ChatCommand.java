package dev.xdai.app.cli;

import dev.xdai.dialogue.DialogueException;
import dev.xdai.dialogue.DialogueService;
import dev.xdai.dialogue.Grounding;
import dev.xdai.dialogue.Session;
import dev.xdai.dialogue.Switches;
import dev.xdai.personas.PersonaCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code xdai chat}: a terminal conversation through the same pipeline and session store as the service. */
@ApplicationScoped
public class ChatCommand {

  @Inject DialogueService dialogue;
  @Inject PersonaCatalog personas;

  public int run(String... args) throws Exception {
    String bot = "xiaodai";
    String emotion = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bot" -> bot = value(args, ++i, "--bot");
        case "--emotion" -> emotion = value(args, ++i, "--emotion");
        default -> { System.err.println("xdai chat: unknown option " + args[i] + " (--bot ID, --emotion E)"); return 2; }
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Session session;
    try {
      session = dialogue.create(bot, emotion);
    } catch (DialogueException e) {
      System.err.println("xdai chat: " + e.getMessage() + "; personas: " + personas.all().stream().map(p -> p.id()).toList());
      return 2;
    }
    var persona = personas.find(session.bot()).orElseThrow();
    String name = persona.displayName();
    out.println("Chatting with " + name + " (" + persona.id() + "). Commands: /grounding toggles grounding, /emotion E, /quit.");
    if (!persona.greeting().isBlank()) out.println(name + "：" + persona.greeting());
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
      try {
        TerminalStream stream = new TerminalStream(out, System.console() != null);
        var outcome = dialogue.turn(session.id(), line, turnEmotion, Switches.all(), stream);
        stream.finish(outcome.turn().reply());
        if (showGrounding) printGrounding(out, outcome.turn().grounding());
      } catch (DialogueException e) {
        out.println();
        out.println("[" + (e.kind() == DialogueException.Kind.UNAVAILABLE ? "model unavailable" : "error") + "] " + e.getMessage());
        if (e.kind() == DialogueException.Kind.UNAVAILABLE) return 3;
      }
    }
    out.println("(session " + session.id() + " is kept; it survives restarts)");
    return 0;
  }

  private static void printGrounding(PrintStream out, Grounding g) {
    g.history().forEach(h -> out.printf("  history #%d (%.3f): %s / %s%n", h.index(), h.relevance(), h.user(), h.bot()));
    g.knowledge().forEach(k -> out.printf("  knowledge [%s] %s %s → %s%n", k.position(), k.item().id(), k.item().title(), k.item().text()));
    g.background().forEach(b -> out.println("  background: " + b.text()));
    out.printf("  persona %s, emotion %s, finish %s, timings %s%n", g.persona(), g.emotion(), g.finishReason(), g.timingsMs());
    if (!g.notes().isEmpty()) out.println("  notes: " + g.notes());
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
    return args[i];
  }
}
