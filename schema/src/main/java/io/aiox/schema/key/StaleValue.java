package io.aiox.schema.key;

/** A sealed value under an older data key version than the owner's current one. */
public record StaleValue(SealedField field, Sealed sealed) {}
