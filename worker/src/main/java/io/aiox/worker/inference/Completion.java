package io.aiox.worker.inference;

/**
 * An engine's answer. Token counts come from the engine itself (llama.cpp's own timings, a remote provider's
 * usage report); {@code firstTokenMicros} is the time to the first streamed text.
 */
public record Completion(String text, int promptTokens, int completionTokens, long firstTokenMicros,
                         long totalMicros, String provider, String model, boolean cancelled) {}
