package io.aiox.schema.memory;

import io.aiox.schema.id.AgentId;
import java.time.OffsetDateTime;

/** A stored memory as its owner sees it in a list (the embedding stays in the database). */
public record Memory(MemoryId id, AgentId agent, MemoryKind kind, String source, String content,
                     OffsetDateTime createdAt) {}
