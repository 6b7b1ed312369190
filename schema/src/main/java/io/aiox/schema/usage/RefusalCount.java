package io.aiox.schema.usage;

/** How many refusals of one kind (the audit event type, e.g. {@code quota.exceeded}) the window holds. */
public record RefusalCount(String reason, long count) {}
