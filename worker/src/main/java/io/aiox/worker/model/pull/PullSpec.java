package io.aiox.worker.model.pull;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One download: the model's name (its file is {@code <name>.gguf}), where to fetch it, and the SHA-256 it must
 * have. Without a checksum the server must publish one (see {@link ModelPuller}); nothing unchecked is kept.
 */
public record PullSpec(String name, URI url, Optional<String> sha256, ChecksumSource checksumSource) {
  /** Who vouches for the checksum, said in the command's output. */
  public enum ChecksumSource {
    CATALOG("the catalog"), COMMAND_LINE("--sha256"), SERVER("the server's X-Linked-ETag/ETag header");

    private final String words;

    ChecksumSource(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  public PullSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(checksumSource, "checksumSource");
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw new PullFailure(PullFailure.Kind.BAD_INPUT, "--url must be an http or https URL, was " + url);
    }
  }

  public String fileName() {
    return name + ".gguf";
  }
}
