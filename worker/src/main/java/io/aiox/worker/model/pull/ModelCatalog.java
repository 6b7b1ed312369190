package io.aiox.worker.model.pull;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Gemma 3 GGUF files {@code aiox model pull} knows by name. Each URL is pinned to a repository revision and
 * each checksum is the SHA-256 the publisher lists for that revision's file (the Git LFS object id), the same value
 * that independent projects pinning these files record. A name outside the catalog can still be pulled with an
 * explicit URL; its checksum then comes from the command line or, failing that, from the server.
 */
public final class ModelCatalog {
  private static final List<KnownModel> KNOWN = List.of(
      new KnownModel("gemma-3-1b-it", "Gemma 3 1B instruct, text", "Q4_K_M",
          URI.create("https://huggingface.co/ggml-org/gemma-3-1b-it-GGUF/resolve/"
              + "f9c28bcd85737ffc5aef028638d3341d49869c27/gemma-3-1b-it-Q4_K_M.gguf"),
          806_058_240L, "8ccc5cd1f1b3602548715ae25a66ed73fd5dc68a210412eea643eb20eb75a135"),
      new KnownModel("gemma-3-4b-it", "Gemma 3 4B instruct, text (its vision projector is not pulled)", "Q4_K_M",
          URI.create("https://huggingface.co/ggml-org/gemma-3-4b-it-GGUF/resolve/"
              + "d0976223747697cb51e056d85c532013931fe52e/gemma-3-4b-it-Q4_K_M.gguf"),
          2_489_757_856L, "882e8d2db44dc554fb0ea5077cb7e4bc49e7342a1f0da57901c0802ea21a0863"));

  private ModelCatalog() {}

  public static List<KnownModel> all() {
    return KNOWN;
  }

  public static Optional<KnownModel> find(String name) {
    return KNOWN.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /**
   * What to download for {@code name}: the catalog's entry, with its URL and checksum replaced where the caller
   * gives others (a mirror, a local test server). An unknown name needs a URL.
   */
  public static PullSpec resolve(String name, Optional<URI> url, Optional<String> sha256) {
    if (!KnownModel.NAME.matcher(name).matches()) {
      throw new PullFailure(PullFailure.Kind.BAD_INPUT,
          "model name " + name + " must be letters, digits, '.', '_' or '-' (at most 64)");
    }
    Optional<String> checksum = sha256.map(ModelCatalog::checkedSha256);
    Optional<KnownModel> known = find(name);
    if (known.isEmpty() && url.isEmpty()) {
      throw new PullFailure(PullFailure.Kind.UNKNOWN_MODEL, "unknown model " + name + "; known models: "
          + String.join(", ", KNOWN.stream().map(KnownModel::name).toList())
          + " (or give --url and --sha256 for another GGUF file)");
    }
    if (checksum.isPresent()) {
      return new PullSpec(name, url.orElse(known.map(KnownModel::url).orElse(null)), checksum,
          PullSpec.ChecksumSource.COMMAND_LINE);
    }
    return known.map(k -> new PullSpec(name, url.orElse(k.url()), Optional.of(k.sha256()),
            PullSpec.ChecksumSource.CATALOG))
        .orElseGet(() -> new PullSpec(name, url.orElseThrow(), Optional.empty(), PullSpec.ChecksumSource.SERVER));
  }

  static String checkedSha256(String text) {
    String hex = text.strip().toLowerCase(Locale.ROOT);
    if (!KnownModel.SHA256.matcher(hex).matches()) {
      throw new PullFailure(PullFailure.Kind.BAD_INPUT, "--sha256 must be 64 hex digits, was " + text);
    }
    return hex;
  }
}
