/**
 * Long-term memory for agents. Texts are embedded in this JVM with all-MiniLM-L6-v2 (quantized ONNX, 384
 * dimensions), batched, on worker threads ({@link io.aiox.worker.memory.OnnxEmbedder}); rows live in pgvector behind
 * {@link io.aiox.schema.memory.MemoryRepository}, which always names the owner and the agent. Each turn of an agent
 * with {@code long_term_enabled} recalls its closest memories into the system prompt with their source, within a
 * token budget ({@link io.aiox.worker.memory.Recall}), and afterwards stores the exchange as configured
 * ({@link io.aiox.worker.memory.Remembering}). Owners remember, forget, list and add documents through
 * {@link io.aiox.worker.memory.MemoryService}, which {@link io.aiox.worker.memory.MemoryVerticle} serves on the
 * event bus; it also runs the retention sweep for deleted agents.
 */
package io.aiox.worker.memory;
