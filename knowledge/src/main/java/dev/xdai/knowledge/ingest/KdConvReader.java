package dev.xdai.knowledge.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * KdConv, streamed with Jackson: either a conversations file (a JSON array; every {@code attrs} entry of every message
 * is a triple) or a knowledge-base file such as {@code kb_travel.json} (an object: entity → list of
 * {@code [entity, attribute, value]}). Only one conversation or one entity's list is in memory at a time.
 */
public final class KdConvReader implements KnowledgeReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  @Override
  public void read(InputStream in, PackWriter out) throws IOException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_ARRAY) {
        readConversations(parser, out);
      } else if (first == JsonToken.START_OBJECT) {
        readKnowledgeBase(parser, out);
      } else {
        throw new IOException("not KdConv: expected a JSON array of conversations or an object of entities");
      }
    }
  }

  private static void readConversations(JsonParser parser, PackWriter out) throws IOException {
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      JsonNode conversation = MAPPER.readTree(parser);
      for (JsonNode message : conversation.path("messages")) {
        for (JsonNode attr : message.path("attrs")) {
          out.rowRead();
          out.triple(attr.path("name").asText(""), attr.path("attrname").asText(""), attr.path("attrvalue").asText(""));
        }
      }
    }
  }

  private static void readKnowledgeBase(JsonParser parser, PackWriter out) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        parser.skipChildren();
        out.skip("knowledge-base entry is not a list");
        continue;
      }
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        JsonNode triple = MAPPER.readTree(parser);
        out.rowRead();
        if (!triple.isArray() || triple.size() < 3) {
          out.skip("knowledge-base triple is not [entity, attribute, value]");
          continue;
        }
        String entity = triple.get(0).asText("");
        out.triple(entity.isBlank() ? key : entity, triple.get(1).asText(""), triple.get(2).asText(""));
      }
    }
  }
}
