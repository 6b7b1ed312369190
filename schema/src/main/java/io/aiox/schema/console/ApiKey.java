package io.aiox.schema.console;

import io.aiox.schema.id.OwnerId;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user's API key as listed: never the key, only the prefix it starts with, for people to tell keys apart. */
public record ApiKey(UUID id, OwnerId owner, String name, String prefix, OffsetDateTime createdAt,
                     OffsetDateTime lastUsedAt) {}
