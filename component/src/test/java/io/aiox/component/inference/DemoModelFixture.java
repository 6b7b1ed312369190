package io.aiox.component.inference;

import io.aiox.worker.model.gguf.Gemma3DemoModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: the generated gemma3 GGUF (random weights, the real Gemma 3 tokenizer), made once per machine
 * under the temp folder and reused by later runs.
 */
public final class DemoModelFixture {
  private static final long SEED = 42;

  private DemoModelFixture() {}

  public static synchronized Path model() throws IOException, InterruptedException {
    Path out = Path.of(System.getProperty("java.io.tmpdir"), "aiox-test-models", "gemma3-demo-" + SEED + ".gguf");
    if (Files.isRegularFile(out)) {
      return out;
    }
    Path root = Path.of(System.getProperty("aiox.root", ".")).toAbsolutePath();
    Process p = new ProcessBuilder("bash", root.resolve("scripts/fetch-gemma3-tokenizer").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String dir = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("scripts/fetch-gemma3-tokenizer failed");
    }
    Files.createDirectories(out.getParent());
    Path tmp = Files.createTempFile(out.getParent(), "gemma3-demo", ".part");
    Gemma3DemoModel.generate(Path.of(dir, "tokenizer.json"), Path.of(dir, "tokenizer_config.json"), tmp, SEED);
    Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return out;
  }
}
