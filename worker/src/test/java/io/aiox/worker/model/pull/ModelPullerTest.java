package io.aiox.worker.model.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiox model pull} against a real HTTP server on 127.0.0.1 serving a generated file. */
class ModelPullerTest {
  private static final byte[] FILE = generated(3_000_000);
  private static final String SHA256 = sha256(FILE);

  @TempDir
  Path models;
  private LocalFileServer server;
  private final List<long[]> reports = new ArrayList<>();
  private final List<Long> resumes = new ArrayList<>();
  private final PullProgress progress = new PullProgress() {
    @Override
    public void update(long received, long total) {
      reports.add(new long[] {received, total});
    }

    @Override
    public void resumed(long offset) {
      resumes.add(offset);
    }
  };

  @BeforeEach
  void start() throws IOException {
    server = LocalFileServer.serving(FILE);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Pulled pull(String name, URI url, String sha256) {
    PullSpec spec = ModelCatalog.resolve(name, Optional.of(url), Optional.ofNullable(sha256));
    return new ModelPuller(models).pull(spec, progress);
  }

  @Test
  void pulls_the_file_verifies_its_sha256_and_gives_it_the_models_name() throws IOException {
    Pulled pulled = pull("tiny", server.url(), SHA256);

    assertThat(pulled.file()).isEqualTo(models.resolve("tiny.gguf").toAbsolutePath());
    assertThat(Files.readAllBytes(pulled.file())).isEqualTo(FILE);
    assertThat(pulled.sha256()).isEqualTo(SHA256);
    assertThat(pulled.checksumSource()).isEqualTo(PullSpec.ChecksumSource.COMMAND_LINE);
    assertThat(models.resolve("tiny.gguf.part")).doesNotExist();
    assertThat(reports).last().satisfies(r -> assertThat(r).containsExactly(FILE.length, FILE.length));
    assertThat(server.ranges).containsExactly("");
  }

  @Test
  void refuses_a_file_with_one_corrupted_byte_and_leaves_no_file_behind() throws IOException {
    byte[] corrupted = Arrays.copyOf(FILE, FILE.length);
    corrupted[1_234_567] ^= 0x01;
    server.content = corrupted;

    assertThatThrownBy(() -> pull("tiny", server.url(), SHA256))
        .isInstanceOfSatisfying(PullFailure.class, f -> assertThat(f.kind())
            .isEqualTo(PullFailure.Kind.CHECKSUM_MISMATCH))
        .hasMessageContaining("expected " + SHA256).hasMessageContaining(sha256(corrupted))
        .hasMessageContaining("deleted");
    try (var left = Files.list(models)) {
      assertThat(left).as("nothing left in the models folder").isEmpty();
    }
  }

  @Test
  void resumes_an_interrupted_download_with_a_range_request() throws IOException {
    server.cutNextAfter = 1_000_000;
    assertThatThrownBy(() -> pull("tiny", server.url(), SHA256))
        .isInstanceOfSatisfying(PullFailure.class, f -> assertThat(f.kind()).isEqualTo(PullFailure.Kind.INTERRUPTED))
        .hasMessageContaining("run the same command again to resume");
    Path part = models.resolve("tiny.gguf.part");
    long kept = Files.size(part);
    assertThat(kept).isPositive().isLessThan(FILE.length);
    assertThat(models.resolve("tiny.gguf")).doesNotExist();

    long sentBefore = server.bodyBytesSent.get();
    Pulled pulled = pull("tiny", server.url(), SHA256);

    assertThat(server.ranges).containsExactly("", "bytes=" + kept + "-");
    assertThat(server.bodyBytesSent.get() - sentBefore).as("bytes sent again").isEqualTo(FILE.length - kept);
    assertThat(resumes).containsExactly(kept);
    assertThat(pulled.resumedFrom()).isEqualTo(kept);
    assertThat(Files.readAllBytes(pulled.file())).isEqualTo(FILE);
    assertThat(part).doesNotExist();
  }

  @Test
  void starts_over_when_the_server_ignores_the_range() throws IOException {
    Files.write(models.resolve("tiny.gguf.part"), Arrays.copyOf(FILE, 500_000));
    server.honoursRanges = false;

    Pulled pulled = pull("tiny", server.url(), SHA256);

    assertThat(server.ranges).containsExactly("bytes=500000-");
    assertThat(pulled.resumedFrom()).isZero();
    assertThat(Files.readAllBytes(pulled.file())).isEqualTo(FILE);
  }

  @Test
  void a_part_that_already_holds_every_byte_is_verified_and_renamed() throws IOException {
    Files.write(models.resolve("tiny.gguf.part"), FILE);

    Pulled pulled = pull("tiny", server.url(), SHA256);

    assertThat(server.ranges).containsExactly("bytes=" + FILE.length + "-");
    assertThat(Files.readAllBytes(pulled.file())).isEqualTo(FILE);
  }

  @Test
  void without_a_known_checksum_takes_the_sha256_the_server_publishes_on_its_redirect() throws IOException {
    server.linkedEtag = SHA256;

    Pulled pulled = pull("tiny", server.redirectingUrl(), null);

    assertThat(pulled.checksumSource()).isEqualTo(PullSpec.ChecksumSource.SERVER);
    assertThat(Files.readAllBytes(pulled.file())).isEqualTo(FILE);
  }

  @Test
  void without_any_checksum_nothing_is_kept() throws IOException {
    assertThatThrownBy(() -> pull("tiny", server.url(), null))
        .isInstanceOfSatisfying(PullFailure.class, f -> assertThat(f.kind()).isEqualTo(PullFailure.Kind.NO_CHECKSUM))
        .hasMessageContaining("--sha256");
    try (var left = Files.list(models)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void an_unknown_model_name_without_a_url_is_a_clear_error_naming_the_known_ones() {
    assertThatThrownBy(() -> ModelCatalog.resolve("gemma-9-nope", Optional.empty(), Optional.empty()))
        .isInstanceOfSatisfying(PullFailure.class, f -> assertThat(f.kind())
            .isEqualTo(PullFailure.Kind.UNKNOWN_MODEL))
        .hasMessageContaining("unknown model gemma-9-nope").hasMessageContaining("gemma-3-1b-it")
        .hasMessageContaining("gemma-3-4b-it");
  }

  @Test
  void a_name_that_could_leave_the_models_folder_is_refused() {
    assertThatThrownBy(() -> ModelCatalog.resolve("../evil", Optional.of(server.url()), Optional.of(SHA256)))
        .isInstanceOfSatisfying(PullFailure.class, f -> assertThat(f.kind()).isEqualTo(PullFailure.Kind.BAD_INPUT));
  }

  @Test
  void a_catalog_model_pulled_from_a_mirror_keeps_the_catalogs_checksum() {
    server.content = new byte[] {1, 2, 3};
    assertThatThrownBy(() -> pull("gemma-3-1b-it", server.url(), null))
        .isInstanceOfSatisfying(PullFailure.class, f -> assertThat(f.kind())
            .isEqualTo(PullFailure.Kind.CHECKSUM_MISMATCH))
        .hasMessageContaining(ModelCatalog.find("gemma-3-1b-it").orElseThrow().sha256())
        .hasMessageContaining("the catalog");
  }

  @Test
  void a_verified_file_already_present_is_not_downloaded_again() throws IOException {
    Files.write(models.resolve("tiny.gguf"), FILE);

    Pulled pulled = pull("tiny", server.url(), SHA256);

    assertThat(pulled.alreadyPresent()).isTrue();
    assertThat(server.ranges).isEmpty();
  }

  @Test
  void a_server_error_is_reported_with_its_status() {
    server.forcedStatus = 404;
    assertThatThrownBy(() -> pull("tiny", server.url(), SHA256))
        .isInstanceOfSatisfying(PullFailure.class, f -> assertThat(f.kind()).isEqualTo(PullFailure.Kind.HTTP))
        .hasMessageContaining("404");
  }

  @Test
  void every_catalog_entry_is_pinned_to_a_revision_with_a_sha256_and_a_size() {
    assertThat(ModelCatalog.all()).isNotEmpty().allSatisfy(m -> {
      assertThat(m.url().getScheme()).isEqualTo("https");
      assertThat(m.url().getPath()).matches(".*/resolve/[0-9a-f]{40}/.*\\.gguf");
      assertThat(m.sha256()).matches("[0-9a-f]{64}");
      assertThat(m.sizeBytes()).isPositive();
    });
  }

  private static byte[] generated(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
