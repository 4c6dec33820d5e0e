package dev.xdai.app.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xdai.app.api.Problem;
import dev.xdai.app.api.ProblemMappers;
import dev.xdai.dialogue.DialogueException;
import dev.xdai.dialogue.DialogueService.TurnOutcome;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A completion streamed as OpenAI streams one: {@code data: {chunk}} lines, no event names, ending with
 * {@code data: [DONE]}. The role chunk goes out at once; the reply follows as one content chunk when the turn is done,
 * then the chunk with {@code finish_reason}, then, when asked for, the usage chunk. The last chunk before
 * {@code [DONE]} carries the {@code xdai} grounding.
 *
 * <p>Why the reply is not streamed token by token: xdai judges a reply only once it is whole (a defective attempt or
 * one stating numbers nothing grounds is regenerated, a quote or a bank reply may replace the model's words, and
 * post-processing trims what the model wrote), and it says so with a {@code restart} that OpenAI's stream cannot
 * express: text once sent cannot be taken back. So the stream sends only the final reply, and what it says is always
 * the stored reply, never a discarded attempt. With the response bank on (the default) the pipeline produces replies
 * whole anyway; clients that want the tokens live, restarts included, use {@code /api/sessions/{id}/turns}.
 *
 * <p>A turn refused or failed once the stream has begun is sent as {@code data: {"error": ...}} (OpenAI's in-stream
 * error, with the problem's fields) and the stream ends without {@code [DONE]}. A client that leaves early is no
 * error: the turn still completes (and is stored, when the call had a session key), and the unsent chunks are dropped.
 */
final class CompletionStream implements StreamingOutput {

  private static final Logger LOG = Logger.getLogger(CompletionStream.class);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final Completions completions;
  private final Supplier<TurnOutcome> turn;
  private final boolean includeUsage;
  private final ObjectMapper json;

  /** @param turn runs the turn, throwing {@link DialogueException} when it cannot be served */
  CompletionStream(Completions completions, Supplier<TurnOutcome> turn, boolean includeUsage, ObjectMapper json) {
    this.completions = completions;
    this.turn = turn;
    this.includeUsage = includeUsage;
    this.json = json;
  }

  @Override
  public void write(OutputStream out) {
    try {
      send(out, completions.role());
      TurnOutcome o;
      try {
        o = turn.get();
      } catch (DialogueException e) {
        send(out, problem(ProblemMappers.status(e), e.getMessage()));
        return;
      } catch (RuntimeException e) {
        LOG.error("unexpected failure in a streamed completion", e);
        send(out, problem(500, "internal error (" + e.getClass().getSimpleName() + "); see the service log"));
        return;
      }
      send(out, completions.content(o.turn().reply()));
      send(out, completions.finish(o, !includeUsage));
      if (includeUsage) send(out, completions.usageChunk(o));
      write(out, DONE);
    } catch (ClientGone e) {
      LOG.debugf("a streamed completion's client left before its end: %s", e.getCause().toString());
    }
  }

  private static OpenAiProblems.WithError problem(int status, String detail) {
    return OpenAiProblems.WithError.of(new Problem("about:blank", Response.Status.fromStatusCode(status).getReasonPhrase(), status, detail));
  }

  private void send(OutputStream out, Object chunk) throws ClientGone {
    byte[] data;
    try {
      data = ("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a completion chunk", e);
    }
    write(out, data);
  }

  /** Writes and flushes, so each chunk leaves at once; any failure to write means the client is gone. */
  private static void write(OutputStream out, byte[] data) throws ClientGone {
    try {
      out.write(data);
      out.flush();
    } catch (IOException | RuntimeException e) {
      throw new ClientGone(e);
    }
  }

  /** The connection closed under a write. */
  private static final class ClientGone extends Exception {
    ClientGone(Throwable cause) {
      super(cause);
    }
  }
}
