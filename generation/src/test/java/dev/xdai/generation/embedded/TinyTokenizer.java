package dev.xdai.generation.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tokenizer.json and config.json in the trainer's format (a BPE model without merges), small enough to read. */
final class TinyTokenizer {

  static final String[] VOCAB = {"[pad]", "[unk]", "[MASK]", "[sMASK]", "[gMASK]", "[sop]", "[eop]", "A", "B", ":", "|", " ", "你", "好"};

  private TinyTokenizer() {}

  static void write(Path dir) throws IOException {
    StringBuilder added = new StringBuilder();
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < VOCAB.length; i++) {
      if (i < 7) {
        added.append(added.isEmpty() ? "" : ",").append("{\"id\":").append(i).append(",\"content\":\"").append(VOCAB[i])
            .append("\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}");
      }
      vocab.append(vocab.isEmpty() ? "" : ",").append('"').append(VOCAB[i]).append("\":").append(i);
    }
    Files.writeString(dir.resolve("tokenizer.json"), """
        {"version":"1.0","truncation":null,"padding":null,"added_tokens":[%s],"normalizer":null,"pre_tokenizer":null,
         "post_processor":null,"decoder":{"type":"BPEDecoder","suffix":"</w>"},
         "model":{"type":"BPE","dropout":null,"unk_token":"[unk]","continuing_subword_prefix":null,"end_of_word_suffix":null,
         "fuse_unk":false,"byte_fallback":false,"ignore_merges":false,"vocab":{%s},"merges":[]}}
        """.formatted(added, vocab));
    Files.writeString(dir.resolve("config.json"), """
        {"name":"tiny","vocab_size":%d,"num_layers":1,"num_heads":1,"hidden_size":4,"head_dim":4,"max_positions":16,
         "special_tokens":{"[pad]":0,"[unk]":1,"[MASK]":2,"[sMASK]":3,"[gMASK]":4,"[sop]":5,"[eop]":6}}
        """.formatted(VOCAB.length));
  }
}
