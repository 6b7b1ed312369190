package io.aiox.component.cli;

import io.aiox.worker.model.pull.KnownModel;
import io.aiox.worker.model.pull.ModelCatalog;
import io.aiox.worker.model.pull.ModelPuller;
import io.aiox.worker.model.pull.PullFailure;
import io.aiox.worker.model.pull.PullProgress;
import io.aiox.worker.model.pull.PullSpec;
import io.aiox.worker.model.pull.Pulled;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code model list} and {@code model pull NAME [--url URL] [--sha256 HEX]}: the known Gemma GGUF files and their
 * download into the models folder ({@code --dir}, or {@code models/} beside {@code --config}). Needs no database,
 * so a model can be pulled before the hub is first started. Progress goes to standard error; the result and the
 * configuration entry that serves the model go to standard output.
 */
final class ModelCommands {
  private static final Set<String> FLAGS = Set.of("json");
  private static final Set<String> OPTIONS = Set.of("json", "url", "sha256", "dir", "config");

  private ModelCommands() {}

  static int run(List<String> argv, PrintStream out, PrintStream err) {
    try {
      Args args = new Args(argv, FLAGS).allow(OPTIONS);
      String verb = args.word(1, "model command (list, pull)");
      switch (verb) {
        case "list" -> list(args, out);
        case "pull" -> pull(args, out, err);
        default -> throw new Args.UsageException("unknown model command " + verb + " (known: list, pull)");
      }
      return 0;
    } catch (Args.UsageException e) {
      err.println("aiox: " + e.getMessage());
      return 2;
    } catch (PullFailure e) {
      err.println("aiox: " + e.getMessage());
      return e.kind() == PullFailure.Kind.BAD_INPUT || e.kind() == PullFailure.Kind.UNKNOWN_MODEL ? 2 : 1;
    }
  }

  private static void list(Args args, PrintStream out) {
    Optional<Path> dir = modelsDir(args);
    if (args.flag("json")) {
      JsonArray array = new JsonArray();
      ModelCatalog.all().forEach(m -> array.add(new JsonObject().put("name", m.name())
          .put("quantization", m.quantization()).put("bytes", m.sizeBytes()).put("sha256", m.sha256())
          .put("url", m.url().toString()).put("description", m.description())
          .put("pulled", dir.map(d -> Files.exists(d.resolve(m.fileName()))).orElse(false))));
      out.println(array.encode());
      return;
    }
    for (KnownModel m : ModelCatalog.all()) {
      boolean pulled = dir.map(d -> Files.exists(d.resolve(m.fileName()))).orElse(false);
      out.printf(Locale.ROOT, "%-16s %-7s %9s  %s%s%n", m.name(), m.quantization(), megabytes(m.sizeBytes()),
          m.description(), pulled ? "  [pulled]" : "");
    }
  }

  private static void pull(Args args, PrintStream out, PrintStream err) {
    String name = args.word(2, "model name (see: model list)");
    Path dir = modelsDir(args).orElseThrow(() -> new Args.UsageException("missing --dir (the models folder)"));
    Optional<URI> url = Optional.ofNullable(args.option("url", null)).map(ModelCommands::parseUrl);
    PullSpec spec = ModelCatalog.resolve(name, url, Optional.ofNullable(args.option("sha256", null)));
    err.println("pulling " + name + " from " + spec.url());
    Pulled pulled = new ModelPuller(dir).pull(spec, new Printed(name, err));
    out.println((pulled.alreadyPresent() ? "already pulled: " : "pulled ") + name + " -> " + pulled.file() + " ("
        + pulled.bytes() + " bytes, sha256 " + pulled.sha256() + ", verified against "
        + pulled.checksumSource().words() + ")");
    out.println("To serve it, add this entry under \"inference\" -> \"models\" in the hub's configuration "
        + "(hub.json), set \"default_model\" to \"" + name + "\" to make it the default, and restart the hub:");
    out.println(hubJsonEntry(pulled).encodePrettily());
  }

  /** The {@code inference.models} entry that makes the file a local model of the hub (see ModelSpec). */
  static JsonObject hubJsonEntry(Pulled pulled) {
    return new JsonObject().put(pulled.name(), new JsonObject().put("provider", "local")
        .put("path", pulled.file().toString()).put("context_size", 4096).put("slots", 2));
  }

  private static Optional<Path> modelsDir(Args args) {
    String dir = args.option("dir", null);
    if (dir != null) {
      return Optional.of(Path.of(dir));
    }
    return Optional.ofNullable(args.option("config", null))
        .map(c -> Path.of(c).toAbsolutePath().getParent().resolve("models"));
  }

  private static URI parseUrl(String text) {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("--url is not a URL: " + text);
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** One line per report: bytes so far, the total and the percentage when the server said the size. */
  private record Printed(String name, PrintStream err) implements PullProgress {
    @Override
    public void update(long received, long total) {
      err.println(total > 0
          ? String.format(Locale.ROOT, "  %s: %s of %s (%d%%)", name, megabytes(received), megabytes(total),
              received * 100 / total)
          : String.format(Locale.ROOT, "  %s: %s", name, megabytes(received)));
    }

    @Override
    public void resumed(long offset) {
      err.println("  " + name + ": resuming an earlier download at " + megabytes(offset));
    }
  }
}
