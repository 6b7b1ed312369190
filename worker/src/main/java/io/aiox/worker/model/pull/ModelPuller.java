package io.aiox.worker.model.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads a model into the models folder. The bytes go to {@code <name>.gguf.part}; a part left by an
 * interrupted attempt is continued with a {@code Range} request (RFC 9110, section 14.2). The SHA-256 is computed as
 * the bytes arrive (over the kept part first), and only a file with the expected checksum is renamed, atomically, to
 * {@code <name>.gguf}: a half-written or corrupted model never carries a name the hub would load. A mismatch deletes
 * the part, so the next attempt starts afresh.
 */
public final class ModelPuller {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final long REPORT_EVERY_NANOS = Duration.ofMillis(500).toNanos();
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern SHA256_ETAG = Pattern.compile("(?:W/)?\"?([0-9a-fA-F]{64})\"?");

  private final HttpClient http;
  private final Path dir;

  /** A puller into {@code modelsDir} that follows redirects (published files are usually served from a CDN). */
  public ModelPuller(Path modelsDir) {
    this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT).build(),
        modelsDir);
  }

  public ModelPuller(HttpClient http, Path modelsDir) {
    this.http = http;
    this.dir = modelsDir.toAbsolutePath().normalize();
  }

  /** Downloads and verifies {@code spec}, or fails with a {@link PullFailure} that says what to do next. */
  public Pulled pull(PullSpec spec, PullProgress progress) {
    Path target = dir.resolve(spec.fileName());
    Path part = dir.resolve(spec.fileName() + ".part");
    try {
      Files.createDirectories(dir);
      if (Files.exists(target)) {
        return alreadyPresent(spec, target);
      }
      long offset = Files.exists(part) ? Files.size(part) : 0;
      HttpResponse<InputStream> response = get(spec.url(), offset);
      return receive(spec, response, offset, new Paths(part, target), progress);
    } catch (IOException e) {
      throw new PullFailure(PullFailure.Kind.INTERRUPTED, "cannot write " + part + ": " + e.getMessage(), e);
    }
  }

  private record Paths(Path part, Path target) {}

  private Pulled receive(PullSpec spec, HttpResponse<InputStream> response, long offset, Paths paths,
                         PullProgress progress) throws IOException {
    int status = response.statusCode();
    if (status == 416 && offset > 0) {
      // The part already holds every byte: an earlier attempt stopped between the last byte and the rename.
      response.body().close();
      String expected = expectedChecksum(spec, response);
      return finish(spec, paths, digestOf(paths.part()), expected, offset, offset);
    }
    if (status != 200 && status != 206) {
      response.body().close();
      throw new PullFailure(PullFailure.Kind.HTTP, "the server answered " + status + " for " + spec.url()
          + (status == 401 || status == 403 ? " (the file needs a login or a licence acceptance)" : ""));
    }
    String expected;
    long from;
    try {
      expected = expectedChecksum(spec, response);
      // 200 to a range request: the server ignores ranges, so the kept part is dropped and the whole file comes.
      from = status == 206 ? rangeStart(response, offset) : 0;
    } catch (PullFailure e) {
      response.body().close();
      throw e;
    }
    if (from > 0) {
      progress.resumed(from);
    }
    MessageDigest digest = from > 0 ? digestOf(paths.part()) : sha256();
    long total = totalSize(response, from);
    long received = copy(response.body(), paths.part(), from, digest, total, progress, spec);
    return finish(spec, paths, digest, expected, received, from);
  }

  private HttpResponse<InputStream> get(URI url, long offset) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().header("User-Agent", "aiox-model-pull");
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new PullFailure(PullFailure.Kind.HTTP, "cannot download " + url + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PullFailure(PullFailure.Kind.INTERRUPTED, "interrupted while connecting to " + url, e);
    }
  }

  /**
   * The catalog's or the command line's checksum; else the SHA-256 the server publishes for the file (a Git LFS
   * host sends it as {@code X-Linked-ETag} on the redirect, some servers as a plain {@code ETag}). Without any,
   * nothing is downloaded: an unverified model is not worth gigabytes of disk.
   */
  static String expectedChecksum(PullSpec spec, HttpResponse<?> response) {
    if (spec.sha256().isPresent()) {
      return spec.sha256().get();
    }
    for (HttpResponse<?> r = response; r != null; r = r.previousResponse().orElse(null)) {
      HttpHeaders headers = r.headers();
      Optional<String> published = sha256Etag(headers, "x-linked-etag").or(() -> sha256Etag(headers, "etag"));
      if (published.isPresent()) {
        return published.get();
      }
    }
    throw new PullFailure(PullFailure.Kind.NO_CHECKSUM, "no SHA-256 is known for " + spec.name() + " and the server "
        + "publishes none (no X-Linked-ETag or SHA-256 ETag header); give it with --sha256");
  }

  private static Optional<String> sha256Etag(HttpHeaders headers, String name) {
    return headers.firstValue(name).map(v -> SHA256_ETAG.matcher(v.strip())).filter(Matcher::matches)
        .map(m -> m.group(1).toLowerCase(Locale.ROOT));
  }

  private static long rangeStart(HttpResponse<?> response, long asked) {
    String range = response.headers().firstValue("content-range").orElse("");
    Matcher m = CONTENT_RANGE.matcher(range);
    if (!m.matches() || Long.parseLong(m.group(1)) != asked) {
      throw new PullFailure(PullFailure.Kind.HTTP, "asked the server for the bytes from " + asked
          + " on, it answered with range '" + range + "'");
    }
    return asked;
  }

  private static long totalSize(HttpResponse<?> response, long from) {
    Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("content-range").orElse(""));
    if (m.matches() && !m.group(3).equals("*")) {
      return Long.parseLong(m.group(3));
    }
    long length = response.headers().firstValueAsLong("content-length").orElse(-1);
    return length < 0 ? -1 : from + length;
  }

  private long copy(InputStream body, Path part, long from, MessageDigest digest, long total, PullProgress progress,
                    PullSpec spec) {
    long received = from;
    StandardOpenOption mode = from > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (InputStream in = body;
         FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buffer = new byte[1 << 16];
      long reported = System.nanoTime();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        digest.update(buffer, 0, n);
        received += n;
        if (System.nanoTime() - reported >= REPORT_EVERY_NANOS) {
          progress.update(received, total);
          reported = System.nanoTime();
        }
      }
      out.force(true);
    } catch (IOException e) {
      throw interrupted(spec, part, total, e);
    }
    progress.update(received, total);
    return received;
  }

  /** The part stays: the same command continues it with a range request. */
  private static PullFailure interrupted(PullSpec spec, Path part, long total, IOException e) {
    long kept;
    try {
      kept = Files.exists(part) ? Files.size(part) : 0;
    } catch (IOException ignored) {
      kept = -1;
    }
    return new PullFailure(PullFailure.Kind.INTERRUPTED, "the download of " + spec.name() + " stopped after "
        + kept + (total > 0 ? " of " + total : "") + " bytes (" + describe(e) + "); the partial file " + part
        + " is kept: run the same command again to resume", e);
  }

  private Pulled finish(PullSpec spec, Paths paths, MessageDigest digest, String expected, long bytes, long from)
      throws IOException {
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(expected)) {
      Files.deleteIfExists(paths.part());
      throw new PullFailure(PullFailure.Kind.CHECKSUM_MISMATCH, "checksum mismatch for " + spec.name() + ": expected "
          + expected + " (from " + spec.checksumSource().words() + "), the downloaded file has " + actual
          + "; it was deleted" + (from > 0 ? " (it continued an earlier partial download, which may have been of "
          + "another version)" : "") + ". Run the command again to download afresh.");
    }
    Files.move(paths.part(), paths.target(), StandardCopyOption.ATOMIC_MOVE);
    return new Pulled(spec.name(), paths.target(), bytes, actual, spec.checksumSource(), from, false);
  }

  private static Pulled alreadyPresent(PullSpec spec, Path target) throws IOException {
    if (spec.sha256().isEmpty()) {
      throw new PullFailure(PullFailure.Kind.EXISTS, target + " already exists; delete it to pull " + spec.name()
          + " again");
    }
    String actual = HexFormat.of().formatHex(digestOf(target).digest());
    if (!actual.equals(spec.sha256().get())) {
      throw new PullFailure(PullFailure.Kind.EXISTS, target + " already exists with another checksum (" + actual
          + "); delete it to pull " + spec.name());
    }
    return new Pulled(spec.name(), target, Files.size(target), actual, spec.checksumSource(), 0, true);
  }

  private static MessageDigest digestOf(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return digest;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
