package dev.xdai.evaluation.kdconv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads KdConv conversations ({@code dev.json} format: a JSON array of {@code {"name","messages":[{"message","attrs"}]}})
 * from files and directories. A directory stands for every {@code *.json} below it that holds conversations; other JSON
 * there (such as {@code kb_travel.json}, an object) is skipped. Files are read in sorted path order so that sampling
 * does not depend on the file system's listing order.
 */
public final class KdConvReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KdConvReader() {}

  /**
   * Expands {@code paths} to the KdConv files they stand for, sorted and without repeats.
   *
   * @throws NoSuchFileException when a path does not exist
   * @throws IllegalArgumentException when a file given by name is not KdConv or a directory holds none
   */
  public static List<Path> files(List<Path> paths) throws IOException {
    Set<Path> found = new LinkedHashSet<>();
    for (Path given : paths) {
      if (!Files.exists(given)) throw new NoSuchFileException(given.toString(), null, "no such file or directory");
      if (Files.isDirectory(given)) {
        List<Path> below;
        try (Stream<Path> walk = Files.walk(given)) {
          below = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Path> conversations = new ArrayList<>();
        for (Path p : below) if (isKdConv(p)) conversations.add(p);
        if (conversations.isEmpty()) throw new IllegalArgumentException("no KdConv conversation files (*.json) below " + given);
        conversations.forEach(p -> found.add(p.toAbsolutePath().normalize()));
      } else {
        if (!isKdConv(given)) throw new IllegalArgumentException(given + " is not a KdConv conversation file (a JSON array of {name, messages})");
        found.add(given.toAbsolutePath().normalize());
      }
    }
    return found.stream().sorted().toList();
  }

  /** Reads every conversation of the given KdConv files, in file order then conversation order. */
  public static List<KdConvConversation> read(List<Path> files) throws IOException {
    List<KdConvConversation> all = new ArrayList<>();
    for (Path file : files) all.addAll(read(file));
    return all;
  }

  /** Reads one KdConv file. */
  public static List<KdConvConversation> read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (!looksLikeConversations(root)) throw new IllegalArgumentException(file + " is not a KdConv conversation file");
    List<KdConvConversation> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode c = root.get(i);
      List<KdConvConversation.Message> messages = new ArrayList<>();
      for (JsonNode m : c.path("messages")) {
        List<Triple> attrs = new ArrayList<>();
        for (JsonNode a : m.path("attrs")) {
          attrs.add(new Triple(a.path("name").asText(""), a.path("attrname").asText(""), a.path("attrvalue").asText("")));
        }
        messages.add(new KdConvConversation.Message(m.path("message").asText(""), attrs));
      }
      out.add(new KdConvConversation(file.toString(), i, c.path("name").asText(""), messages));
    }
    return out;
  }

  /** Every distinct triple of the conversations, in first-seen order (the knowledge base of {@code retrieved} mode). */
  public static List<Triple> distinctTriples(List<KdConvConversation> conversations) {
    Set<Triple> seen = new LinkedHashSet<>();
    for (KdConvConversation c : conversations) for (KdConvConversation.Message m : c.messages()) seen.addAll(m.attrs());
    return List.copyOf(seen);
  }

  private static boolean isKdConv(Path file) {
    try {
      return looksLikeConversations(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) return false;
      throw new UncheckedIOException(e);
    }
  }

  private static boolean looksLikeConversations(JsonNode root) {
    return root != null && root.isArray() && !root.isEmpty() && root.get(0).isObject() && root.get(0).path("messages").isArray();
  }
}
