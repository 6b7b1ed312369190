package io.aiox.worker.model.gguf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.aiox.worker.model.gguf.GgufWriter.FloatSource;
import io.aiox.worker.model.gguf.GgufWriter.TensorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Writes a tiny {@code gemma3} GGUF model: random weights, but the real Gemma 3 tokenizer and chat template, so
 * llama.cpp loads it, tokenizes exactly like Gemma 3 and streams (meaningless) tokens. Made for tests and demos
 * that need a real local model without downloading gigabytes.
 *
 * <p>The tokenizer comes from a Hugging Face {@code tokenizer.json} (BPE with byte fallback, as Gemma 3 ships it)
 * and is stored the way llama.cpp's SentencePiece tokenizer ({@code tokenizer.ggml.model = llama}) wants it: a
 * token's score is minus the rank of the first merge that yields it, so merging by best score replays the BPE
 * merge order.
 */
public final class Gemma3DemoModel {
  // llama.cpp token types
  private static final int NORMAL = 1;
  private static final int UNKNOWN = 2;
  private static final int CONTROL = 3;
  private static final int USER_DEFINED = 4;
  private static final int BYTE = 6;

  private static final Pattern BYTE_TOKEN = Pattern.compile("<0x[0-9A-F]{2}>");
  private static final String ARCH = "gemma3";

  private Gemma3DemoModel() {}

  /**
   * The model's shape and the seed of its weights. Gemma 3 in llama.cpp needs at least 6 blocks: every sixth
   * layer (index 5) is the one with full attention.
   */
  public record Params(int embedding, int blocks, int heads, int kvHeads, int headDim, int feedForward, int context,
      int slidingWindow, long seed) {
    /** Validates the shape. */
    public Params {
      if (blocks < 6) {
        throw new IllegalArgumentException("gemma3 needs at least 6 blocks, not " + blocks);
      }
      if (embedding < 1 || heads < 1 || kvHeads < 1 || heads % kvHeads != 0 || headDim < 2 || headDim % 2 != 0
          || feedForward < 1 || context < 1 || slidingWindow < 1) {
        throw new IllegalArgumentException("bad gemma3 shape: " + this);
      }
    }

    /**
     * About 32 MB on disk: 48-wide F16 embeddings over the 262,144-token vocabulary (25 MB), the vocabulary itself
     * (7 MB), 6 small F32 blocks with 2 query heads of 32 sharing one key/value head.
     */
    public static Params small(long seed) {
      return new Params(48, 6, 2, 1, 32, 128, 2048, 512, seed);
    }
  }

  /** The vocabulary as GGUF stores it, plus the special token ids and the chat template. */
  record Vocab(List<String> tokens, float[] scores, int[] types, int bos, int eos, int eot, int unk, int pad,
      boolean addBos, boolean addEos, String chatTemplate) {}

  /** Writes the model with the {@linkplain Params#small small} shape. */
  public static void generate(Path tokenizerJson, Path tokenizerConfigJson, Path out, long seed) throws IOException {
    generate(tokenizerJson, tokenizerConfigJson, out, Params.small(seed));
  }

  /**
   * Writes the model.
   *
   * @param tokenizerJson the Hugging Face {@code tokenizer.json} of Gemma 3
   * @param tokenizerConfigJson its {@code tokenizer_config.json} (special tokens, {@code chat_template}), or null
   * @param out the GGUF file to write (replaced if present)
   */
  public static void generate(Path tokenizerJson, Path tokenizerConfigJson, Path out, Params params)
      throws IOException {
    Vocab vocab = readVocab(tokenizerJson, tokenizerConfigJson);
    GgufWriter w = new GgufWriter();
    w.putString("general.architecture", ARCH);
    w.putString("general.name", "aiox-gemma3-demo");
    w.putString("general.description", "random weights with the real Gemma 3 tokenizer; for tests only");
    w.putUInt32("general.file_type", 1); // mostly F16
    w.putUInt32(ARCH + ".context_length", params.context());
    w.putUInt32(ARCH + ".embedding_length", params.embedding());
    w.putUInt32(ARCH + ".block_count", params.blocks());
    w.putUInt32(ARCH + ".feed_forward_length", params.feedForward());
    w.putUInt32(ARCH + ".attention.head_count", params.heads());
    w.putUInt32(ARCH + ".attention.head_count_kv", params.kvHeads());
    w.putUInt32(ARCH + ".attention.key_length", params.headDim());
    w.putUInt32(ARCH + ".attention.value_length", params.headDim());
    w.putFloat32(ARCH + ".attention.layer_norm_rms_epsilon", 1e-6f);
    w.putUInt32(ARCH + ".attention.sliding_window", params.slidingWindow());
    w.putFloat32(ARCH + ".rope.freq_base", 1_000_000f);

    w.putString("tokenizer.ggml.model", "llama");
    w.putString("tokenizer.ggml.pre", "default");
    w.putStringArray("tokenizer.ggml.tokens", vocab.tokens());
    w.putFloat32Array("tokenizer.ggml.scores", vocab.scores());
    w.putInt32Array("tokenizer.ggml.token_type", vocab.types());
    w.putUInt32("tokenizer.ggml.bos_token_id", vocab.bos());
    w.putUInt32("tokenizer.ggml.eos_token_id", vocab.eos());
    if (vocab.eot() >= 0 && vocab.eot() != vocab.eos()) {
      w.putUInt32("tokenizer.ggml.eot_token_id", vocab.eot());
    }
    w.putUInt32("tokenizer.ggml.unknown_token_id", vocab.unk());
    w.putUInt32("tokenizer.ggml.padding_token_id", vocab.pad());
    w.putBool("tokenizer.ggml.add_bos_token", vocab.addBos());
    w.putBool("tokenizer.ggml.add_eos_token", vocab.addEos());
    w.putBool("tokenizer.ggml.add_space_prefix", false);
    if (vocab.chatTemplate() != null) {
      w.putString("tokenizer.chat_template", vocab.chatTemplate());
    }

    addTensors(w, params, vocab.tokens().size());
    w.write(out);
  }

  private static void addTensors(GgufWriter w, Params p, long nVocab) {
    SplittableRandom random = new SplittableRandom(p.seed());
    int e = p.embedding();
    int q = p.heads() * p.headDim();
    int kv = p.kvHeads() * p.headDim();
    int ff = p.feedForward();
    FloatSource ones = FloatSource.constant(1f);
    w.addTensor("token_embd.weight", TensorType.F16, new long[] {e, nVocab}, noise(random.split()));
    w.addTensor("output_norm.weight", TensorType.F32, new long[] {e}, ones);
    for (int i = 0; i < p.blocks(); i++) {
      String b = "blk." + i + ".";
      w.addTensor(b + "attn_norm.weight", TensorType.F32, new long[] {e}, ones);
      w.addTensor(b + "attn_q.weight", TensorType.F32, new long[] {e, q}, noise(random.split()));
      w.addTensor(b + "attn_k.weight", TensorType.F32, new long[] {e, kv}, noise(random.split()));
      w.addTensor(b + "attn_v.weight", TensorType.F32, new long[] {e, kv}, noise(random.split()));
      w.addTensor(b + "attn_output.weight", TensorType.F32, new long[] {q, e}, noise(random.split()));
      w.addTensor(b + "attn_q_norm.weight", TensorType.F32, new long[] {p.headDim()}, ones);
      w.addTensor(b + "attn_k_norm.weight", TensorType.F32, new long[] {p.headDim()}, ones);
      w.addTensor(b + "post_attention_norm.weight", TensorType.F32, new long[] {e}, ones);
      w.addTensor(b + "ffn_norm.weight", TensorType.F32, new long[] {e}, ones);
      w.addTensor(b + "ffn_gate.weight", TensorType.F32, new long[] {e, ff}, noise(random.split()));
      w.addTensor(b + "ffn_up.weight", TensorType.F32, new long[] {e, ff}, noise(random.split()));
      w.addTensor(b + "ffn_down.weight", TensorType.F32, new long[] {ff, e}, noise(random.split()));
      w.addTensor(b + "post_ffw_norm.weight", TensorType.F32, new long[] {e}, ones);
    }
  }

  /** Normal noise, standard deviation 0.02, from its own generator so each tensor is reproducible. */
  private static FloatSource noise(SplittableRandom random) {
    return (chunk, count) -> {
      for (int i = 0; i < count; i++) {
        chunk[i] = (float) (random.nextGaussian() * 0.02);
      }
    };
  }

  // ---------------------------------------------------------------- tokenizer

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
      .build();

  private record Added(int id, String content, boolean special) {}

  /** Reads the vocabulary from {@code tokenizer.json} (and {@code tokenizer_config.json} when given). */
  static Vocab readVocab(Path tokenizerJson, Path tokenizerConfigJson) throws IOException {
    Map<String, Integer> ids = new HashMap<>(1 << 19);
    List<String> mergeResults = new ArrayList<>(1 << 19);
    List<Added> added = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tokenizerJson); JsonParser p = JSON.createParser(in)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "added_tokens" -> readAdded(p, added);
          case "model" -> readModel(p, ids, mergeResults);
          default -> p.skipChildren();
        }
      }
    }
    if (ids.isEmpty()) {
      throw new IOException(tokenizerJson + ": no model.vocab");
    }
    int n = ids.size();
    String[] tokens = new String[n];
    for (Map.Entry<String, Integer> t : ids.entrySet()) {
      int id = t.getValue();
      if (id < 0 || id >= n || tokens[id] != null) {
        throw new IOException(tokenizerJson + ": vocabulary ids are not 0.." + (n - 1) + " (id " + id + ")");
      }
      tokens[id] = t.getKey();
    }

    // Score: minus (1 + rank of the first merge yielding the token); below every merge for tokens no merge
    // yields but made of several characters (added tokens), so llama.cpp never prefers building them.
    float[] scores = new float[n];
    boolean[] scored = new boolean[n];
    for (int rank = 0; rank < mergeResults.size(); rank++) {
      Integer id = ids.get(mergeResults.get(rank));
      if (id != null && !scored[id]) {
        scored[id] = true;
        scores[id] = -(rank + 1f);
      }
    }
    float lowest = -(mergeResults.size() + 1f);
    int[] types = new int[n];
    for (int id = 0; id < n; id++) {
      String t = tokens[id];
      types[id] = BYTE_TOKEN.matcher(t).matches() ? BYTE : NORMAL;
      if (!scored[id] && t.codePointCount(0, t.length()) > 1) {
        scores[id] = lowest;
      }
    }

    Config config = tokenizerConfigJson == null ? new Config() : readConfig(tokenizerConfigJson);
    String unkText = config.unk != null ? config.unk : "<unk>";
    for (Added a : added) {
      if (a.id() < 0 || a.id() >= n) {
        continue; // beyond the base vocabulary (Gemma 3's <image_soft_token>): llama.cpp's text model has no row
      }
      tokens[a.id()] = a.content();
      types[a.id()] = a.content().equals(unkText) ? UNKNOWN : a.special() ? CONTROL : USER_DEFINED;
    }
    int bos = id(ids, config.bos, "<bos>", tokenizerJson);
    int eos = ids.containsKey("<eos>") ? ids.get("<eos>") : id(ids, config.eos, "<eos>", tokenizerJson);
    int eot = config.eos != null && ids.containsKey(config.eos) ? ids.get(config.eos)
        : ids.getOrDefault("<end_of_turn>", -1);
    int unk = id(ids, config.unk, "<unk>", tokenizerJson);
    int pad = id(ids, config.pad, "<pad>", tokenizerJson);
    return new Vocab(Arrays.asList(tokens), scores, types, bos, eos, eot, unk, pad,
        config.addBos == null || config.addBos, config.addEos != null && config.addEos, config.chatTemplate);
  }

  private static int id(Map<String, Integer> ids, String configured, String fallback, Path file) throws IOException {
    String text = configured != null ? configured : fallback;
    Integer id = ids.get(text);
    if (id == null) {
      throw new IOException(file + ": no token " + text);
    }
    return id;
  }

  private static void readAdded(JsonParser p, List<Added> added) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_ARRAY);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      int id = -1;
      String content = null;
      boolean special = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> id = p.getIntValue();
          case "content" -> content = p.getText();
          case "special" -> special = value == JsonToken.VALUE_TRUE;
          default -> p.skipChildren();
        }
      }
      if (content != null && id >= 0) {
        added.add(new Added(id, content, special));
      }
    }
  }

  private static void readModel(JsonParser p, Map<String, Integer> ids, List<String> mergeResults)
      throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "type" -> {
          if (!"BPE".equals(p.getText())) {
            throw new IOException("tokenizer model is " + p.getText() + ", not BPE");
          }
        }
        case "vocab" -> {
          expect(p, p.currentToken(), JsonToken.START_OBJECT);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            p.nextToken();
            ids.put(token, p.getIntValue());
          }
        }
        case "merges" -> {
          expect(p, p.currentToken(), JsonToken.START_ARRAY);
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) { // older format: "left right"
              String merge = p.getText();
              int space = merge.indexOf(' ', 1);
              mergeResults.add(merge.substring(0, space) + merge.substring(space + 1));
            } else {
              expect(p, t, JsonToken.START_ARRAY);
              StringBuilder joined = new StringBuilder();
              while (p.nextToken() == JsonToken.VALUE_STRING) {
                joined.append(p.getText());
              }
              mergeResults.add(joined.toString());
            }
          }
        }
        default -> p.skipChildren();
      }
    }
  }

  private static final class Config {
    String bos;
    String eos;
    String unk;
    String pad;
    Boolean addBos;
    Boolean addEos;
    String chatTemplate;
  }

  private static Config readConfig(Path file) throws IOException {
    Config c = new Config();
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "bos_token" -> c.bos = tokenText(p, value);
          case "eos_token" -> c.eos = tokenText(p, value);
          case "unk_token" -> c.unk = tokenText(p, value);
          case "pad_token" -> c.pad = tokenText(p, value);
          case "add_bos_token" -> c.addBos = bool(value);
          case "add_eos_token" -> c.addEos = bool(value);
          case "chat_template" -> c.chatTemplate = chatTemplate(p, value);
          default -> p.skipChildren();
        }
      }
    }
    return c;
  }

  private static Boolean bool(JsonToken value) {
    return value == JsonToken.VALUE_TRUE ? Boolean.TRUE : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
  }

  /** A special token given as a string or as an AddedToken object with {@code content}. */
  private static String tokenText(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    String content = null;
    if (value == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("content")) {
          content = p.getText();
        } else {
          p.skipChildren();
        }
      }
    } else {
      p.skipChildren();
    }
    return content;
  }

  /** The template: a string, or the one named {@code default} in a list of {@code {name, template}}. */
  private static String chatTemplate(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    String chosen = null;
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String name = null;
      String template = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "name" -> name = p.getText();
          case "template" -> template = p.getText();
          default -> p.skipChildren();
        }
      }
      if ("default".equals(name) || chosen == null) {
        chosen = template;
      }
    }
    return chosen;
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("unexpected JSON " + actual + " (wanted " + expected + ") at " + p.currentLocation());
    }
  }

  /**
   * {@code Gemma3DemoModel <tokenizer-dir> <out.gguf> [seed]}: the folder holds {@code tokenizer.json} and
   * optionally {@code tokenizer_config.json}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: Gemma3DemoModel <tokenizer-dir> <out.gguf> [seed]");
      System.exit(2);
      return;
    }
    Path dir = Path.of(args[0]);
    Path config = dir.resolve("tokenizer_config.json");
    long seed = args.length == 3 ? Long.parseLong(args[2]) : 42L;
    long start = System.nanoTime();
    Path out = Path.of(args[1]);
    generate(dir.resolve("tokenizer.json"), Files.isRegularFile(config) ? config : null, out, seed);
    System.out.printf("wrote %s (%,d bytes) in %d ms%n", out, Files.size(out), (System.nanoTime() - start) / 1_000_000);
  }
}
