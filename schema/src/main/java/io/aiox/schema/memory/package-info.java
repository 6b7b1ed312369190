/**
 * Long-term memory rows ({@code agent_memories}, pgvector). {@link io.aiox.schema.memory.MemoryRepository} is the
 * only way in: every method takes the owner and the agent, every statement filters on both, and row-level security
 * holds the database to the owner again. Recall runs in {@code aiox_memory_recall} (migration V7): exact search for
 * agents with few memories, the HNSW index with an iterative scan for large ones.
 */
package io.aiox.schema.memory;
