package io.aiox.schema.usage;

/**
 * One model's answered turns (completed or stopped) in the window: their token totals and the 50th and 99th
 * percentiles of their duration in milliseconds (continuous percentiles, interpolated between turns).
 */
public record ModelUse(String model, long turns, long promptTokens, long completionTokens, double p50Ms,
                       double p99Ms) {}
