package io.aiox.component.observability;

import io.aiox.worker.a2a.Consultations;
import io.aiox.worker.inference.InferenceVerticle;
import io.aiox.worker.memory.MemoryBus;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.tool.ToolApprovals;
import io.aiox.worker.turn.TurnCodec;
import io.aiox.worker.turn.Turns;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The hub's meter registry: the {@code aiox_*} meters behind {@link #metrics()}, the JVM's (memory, GC, threads,
 * class loading, CPU, uptime, file descriptors) and Vert.x's own (event bus, pools, TCP and HTTP clients and
 * servers) for the Vert.x instance that {@link #newVertx()} builds; and, when tracing is on, the SDK that exports
 * the spans of {@link #tracing()} over OTLP. One per hub; closing it stops the GC listener and sends the last spans.
 */
public final class Observability implements AutoCloseable {
  /**
   * Event bus addresses kept as label values. The others (reply addresses, one per question or tool call) would
   * each be a new series, so they are counted together as {@code other}; their gauges (handlers, pending) are left
   * out, since a gauge cannot add up several addresses' values.
   */
  private static final Set<String> ADDRESSES = Set.of(Turns.ADDRESS, Turns.CANCEL_ADDRESS,
      InferenceVerticle.PROMPT_ADDRESS, Consultations.ASK_ADDRESS, ToolApprovals.ASK_ADDRESS, MemoryBus.ADDRESS);

  private static final String OTHER = "other";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final Metrics metrics;
  /** Null when tracing is off. */
  private final OtlpTracing otlp;

  private Observability(PrometheusMeterRegistry registry, JvmGcMetrics gc, OtlpTracing otlp) {
    this.registry = registry;
    this.gc = gc;
    this.metrics = new MicrometerMetrics(registry);
    this.otlp = otlp;
  }

  /** Metrics only: no spans are exported. */
  public static Observability create() {
    return create(TracingConfig.DEFAULTS);
  }

  public static Observability create(TracingConfig tracing) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.replaceTagValues("address", a -> ADDRESSES.contains(a) ? a : OTHER))
        .meterFilter(MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE && OTHER.equals(id.getTag("address"))))
        .meterFilter(PromtoolClean.FILTER);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    PromtoolClean.processCpuSeconds(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return new Observability(registry, gc, tracing.enabled() ? OtlpTracing.start(tracing) : null);
  }

  /**
   * A Vert.x instance whose metrics land in this registry, its bus carrying the turn records ({@link TurnCodec}).
   * Labels that name a peer's address or a request path are left out: every client would be a new series.
   */
  public Vertx newVertx() {
    return TurnCodec.register(Vertx.builder().with(vertxOptions()).withMetrics(new MicrometerMetricsFactory(registry))
        .build());
  }

  /**
   * The same, with a clustered event bus: {@code manager} finds the other nodes, and the bus listens on
   * {@code host:busPort} (0: any free port) and announces {@code host} to them. Completes once this node has joined.
   */
  public Vertx newClusteredVertx(ClusterManager manager, String host, int busPort) {
    VertxOptions options = vertxOptions();
    options.getEventBusOptions().setHost(host).setPort(busPort).setClusterPublicHost(host);
    return TurnCodec.register(Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry))
        .withClusterManager(manager).buildClustered().await());
  }

  private static VertxOptions vertxOptions() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setJvmMetricsEnabled(false).setLabels(EnumSet.of(Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE,
            Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME, Label.CLIENT_NAME,
            Label.NAMESPACE)));
  }

  /** Where the hub's code reports turns, tokens, refusals and timings. */
  public Metrics metrics() {
    return metrics;
  }

  /** Where the hub's code makes the spans of a turn; records nothing when tracing is off. */
  public Tracing tracing() {
    return otlp == null ? Tracing.NONE : otlp.tracing();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** {@code aiox_model_loaded{model, provider}}: 1 while the model can answer on this hub, else 0. */
  public void watchModels(ModelRegistry models, Predicate<String> loaded) {
    for (String name : models.names()) {
      String provider = models.get(name).orElseThrow().provider().name().toLowerCase(Locale.ROOT);
      Gauge.builder("aiox.model.loaded", () -> loaded.test(name) ? 1 : 0)
          .description("Whether the model loaded and can answer turns on this hub (1) or not (0)")
          .tag("model", name).tag("provider", provider).register(registry);
    }
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
    if (otlp != null) {
      otlp.close();
    }
  }
}
