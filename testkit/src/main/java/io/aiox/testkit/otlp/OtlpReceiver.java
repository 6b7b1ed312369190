package io.aiox.testkit.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.aiox.testkit.Ports;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test fixture: an OTLP/HTTP trace receiver on 127.0.0.1. It accepts {@code POST /v1/traces} with an
 * {@code application/x-protobuf} {@code ExportTraceServiceRequest} (gzip or not), keeps the spans and answers with
 * an empty {@code ExportTraceServiceResponse}; any other request gets 404 or 415 and is counted as refused.
 */
public final class OtlpReceiver implements AutoCloseable {
  public static final String PATH = "/v1/traces";
  private static final String PROTOBUF = "application/x-protobuf";

  private final Vertx vertx;
  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  private OtlpReceiver(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  public static OtlpReceiver start() {
    Vertx vertx = Vertx.vertx();
    HttpServer http = vertx.createHttpServer(new HttpServerOptions().setDecompressionSupported(true));
    OtlpReceiver receiver = new OtlpReceiver(vertx, http);
    http.requestHandler(receiver::handle);
    try {
      http.listen(0, Ports.LOOPBACK).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      receiver.close();
      throw new IllegalStateException("the OTLP receiver did not start", e);
    }
    return receiver;
  }

  /** Where to send traces, e.g. {@code http://127.0.0.1:4318/v1/traces}. */
  public String endpoint() {
    return "http://" + Ports.LOOPBACK + ":" + server.actualPort() + PATH;
  }

  /** Every span received so far, in the order they arrived. */
  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Requests that were not a trace export (method, path, content type), for a test's failure message. */
  public List<String> refused() {
    return List.copyOf(refused);
  }

  /** Waits until the spans received satisfy {@code wanted}, or {@code wait} passes; returns them either way. */
  public List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> wanted, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    List<ReceivedSpan> now = spans();
    while (!wanted.test(now) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      now = spans();
    }
    return now;
  }

  private void handle(HttpServerRequest request) {
    String type = request.getHeader("content-type");
    if (!request.method().name().equals("POST") || !request.path().equals(PATH)) {
      refuse(request, 404, type);
    } else if (type == null || !type.startsWith(PROTOBUF)) {
      refuse(request, 415, type);
    } else {
      request.body().onSuccess(body -> answer(request, body))
          .onFailure(e -> request.response().setStatusCode(400).end());
    }
  }

  private void refuse(HttpServerRequest request, int status, String type) {
    refused.add(request.method() + " " + request.path() + " " + type);
    request.response().setStatusCode(status).end();
  }

  private void answer(HttpServerRequest request, Buffer body) {
    try {
      keep(ExportTraceServiceRequest.parseFrom(body.getBytes()));
    } catch (InvalidProtocolBufferException e) {
      refused.add("undecodable export: " + e.getMessage());
      request.response().setStatusCode(400).end();
      return;
    }
    request.response().putHeader("content-type", PROTOBUF)
        .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
  }

  private void keep(ExportTraceServiceRequest export) {
    for (ResourceSpans resource : export.getResourceSpansList()) {
      String service = String.valueOf(attributes(resource.getResource().getAttributesList()).get("service.name"));
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span s : scope.getSpansList()) {
          spans.add(new ReceivedSpan(service, hex(s.getTraceId()), hex(s.getSpanId()), hex(s.getParentSpanId()),
              s.getName(), s.getKind().name(), s.getStartTimeUnixNano(), s.getEndTimeUnixNano(),
              attributes(s.getAttributesList()), s.getStatus().getCode().name(), s.getStatus().getMessage()));
        }
      }
    }
  }

  private static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      out.put(kv.getKey(), value(kv.getValue()));
    }
    return out;
  }

  private static Object value(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> v.getBoolValue();
      case INT_VALUE -> v.getIntValue();
      case DOUBLE_VALUE -> v.getDoubleValue();
      default -> v.toString();
    };
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
