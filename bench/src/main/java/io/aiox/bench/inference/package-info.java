/**
 * The inference benchmark: tokens per second and time to first token of the same llama.cpp model called directly
 * ({@code Engine.complete}) and through the {@code InferenceVerticle} over the event bus (agent lookup, execution
 * rows, Redis context, streamed pieces), in one run, so the difference is the platform's own cost.
 */
package io.aiox.bench.inference;
