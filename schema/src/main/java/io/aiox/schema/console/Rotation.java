package io.aiox.schema.console;

import java.util.UUID;

/** What presenting a refresh token did. Only {@link Rotated} signs the person in again. */
public sealed interface Rotation {
  /** The token was current: it is spent now and its successor is stored in the same family. */
  record Rotated(UUID family) implements Rotation {}

  /** The token had been rotated already, so two parties hold the family: the whole family is revoked now. */
  record Reused(UUID family) implements Rotation {}

  /** The token or its family was revoked (a sign-out or an earlier reuse). */
  record Revoked(UUID family) implements Rotation {}

  record Expired(UUID family) implements Rotation {}

  /** No such token (or not the owner's). */
  record Unknown() implements Rotation {}
}
