/**
 * Long-term memory benchmarks ({@code bench/run-memory}): recall latency (p50/p99) and recall@10 against exact
 * search through the hub's own {@link io.aiox.schema.memory.MemoryRepository}, on PostgreSQL with pgvector started by
 * the testkit and loaded with COPY; and the embedding model's throughput, quantized against unquantized, alone and
 * behind the hub's batching embedder. Figures go to docs/PERFORMANCE.md, "Memory recall".
 */
package io.aiox.bench.memory;
