package io.aiox.schema.memory;

/** A memory found for a query, with its cosine similarity to it (1 is the same direction). */
public record RecalledMemory(Memory memory, double score) {}
