package io.aiox.worker.model.pull;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A GGUF file the catalog knows: where it is published (a URL pinned to one revision, so its bytes cannot change
 * under the checksum), its size in bytes and its SHA-256 as the publisher lists it.
 */
public record KnownModel(String name, String description, String quantization, URI url, long sizeBytes,
                         String sha256) {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public KnownModel {
    Objects.requireNonNull(url, "url");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("model name " + name + " must be letters, digits, '.', '_' or '-'");
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("model " + name + ": sha256 must be 64 hex digits");
    }
  }

  /** The file name it gets in the models folder: the model's name, which is also its key in the hub's config. */
  public String fileName() {
    return name + ".gguf";
  }
}
