package io.aiox.worker.inference.remote;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * LangChain4j's HTTP client for remote models, on the JDK's client, reading each streamed answer on a virtual thread
 * of its own. LangChain4j's stock JDK client reads a stream as a dependent of {@code sendAsync}, which the JDK runs
 * on {@code ForkJoinPool.commonPool()}, and the read blocks for the whole answer: on a host with two CPUs that pool
 * has one thread, so anything else in the process that blocks it (another library, a caller's own task) holds every
 * remote answer back, and the turn waits until its deadline with the model's reply already sent. Here the request is
 * sent with the blocking {@code send} on the reading thread, which never hands the read to that pool.
 */
final class ModelHttpClient implements HttpClient {
  private static final ThreadFactory READERS = Thread.ofVirtual().name("remote-model-stream-", 0).factory();

  private final java.net.http.HttpClient jdk;
  private final Duration readTimeout;

  private ModelHttpClient(Builder b) {
    java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
    if (b.connectTimeout != null) {
      jdk.connectTimeout(b.connectTimeout);
    }
    this.jdk = jdk.build();
    this.readTimeout = b.readTimeout;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    try {
      HttpResponse<byte[]> r = jdk.send(jdkRequest(request), BodyHandlers.ofByteArray());
      if (!successful(r)) {
        throw new HttpException(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
      }
      return response(r, r.body());
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the model", e);
    }
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    READERS.newThread(() -> stream(request, parser, listener)).start();
  }

  /** On the reading thread: the answer's events to {@code listener}, or its one failure. */
  private void stream(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    try {
      HttpResponse<InputStream> r = jdk.send(jdkRequest(request), BodyHandlers.ofInputStream());
      try (InputStream body = r.body()) {
        if (!successful(r)) {
          String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
          quietly(() -> listener.onError(new HttpException(r.statusCode(), text)));
          return;
        }
        quietly(() -> listener.onOpen(response(r, null)));
        parser.parse(body, listener);
        quietly(listener::onClose);
      }
    } catch (HttpTimeoutException e) {
      quietly(() -> listener.onError(new TimeoutException(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      quietly(() -> listener.onError(new IllegalStateException("interrupted while reading the model's answer", e)));
    } catch (IOException e) {
      // unchecked, as the stock client's failures are: LangChain4j passes those on as they are, so the transport's
      // own exception (connection refused, reset) stays the cause ProviderErrors sorts by
      quietly(() -> listener.onError(new UncheckedIOException(e)));
    } catch (RuntimeException e) {
      quietly(() -> listener.onError(e));
    }
  }

  /** A listener that throws must not end the reading thread with an unreported failure. */
  private static void quietly(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // the listener's own failure: LangChain4j's stock client ignores it the same way
    }
  }

  private java.net.http.HttpRequest jdkRequest(HttpRequest request) {
    if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
      throw new IllegalArgumentException("form data is not sent to models");
    }
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request.headers().forEach((name, values) -> {
      if (values != null) {
        values.forEach(value -> b.header(name, value));
      }
    });
    b.method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
    if (readTimeout != null) {
      b.timeout(readTimeout);
    }
    return b.build();
  }

  private static boolean successful(HttpResponse<?> r) {
    return r.statusCode() >= 200 && r.statusCode() < 300;
  }

  private static SuccessfulHttpResponse response(HttpResponse<?> r, byte[] body) {
    SuccessfulHttpResponse.Builder b = SuccessfulHttpResponse.builder().statusCode(r.statusCode())
        .headers(r.headers().map());
    return (body == null ? b : b.body(body)).build();
  }

  /** What LangChain4j's model builders configure: the two timeouts. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public ModelHttpClient build() {
      return new ModelHttpClient(this);
    }
  }
}
