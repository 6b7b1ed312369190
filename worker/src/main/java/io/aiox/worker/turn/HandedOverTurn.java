package io.aiox.worker.turn;

import io.aiox.policy.quota.Reservation;
import java.util.Objects;
import java.util.Optional;

/**
 * A turn's outcome that its component node can no longer deliver (it left the cluster, or is stopping), handed by
 * the worker to any live component node: the stanza the turn answers (as the origin node received it, without its
 * body), the turn's quota reservation, and either the answer or the failure with its text. Carried by
 * {@link TurnCodec} like every turn message.
 */
public record HandedOverTurn(String stanza, Optional<Reservation> reservation, Optional<TurnReply> answer,
                             Optional<TurnFailure> failure, String text) implements TurnMessage {
  public HandedOverTurn {
    Objects.requireNonNull(stanza, "stanza");
    Objects.requireNonNull(reservation, "reservation");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(text, "text");
    if (answer.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("a handed-over turn has an answer or a failure, not both or neither");
    }
  }

  public static HandedOverTurn answered(String stanza, Optional<Reservation> reservation, TurnReply answer) {
    return new HandedOverTurn(stanza, reservation, Optional.of(answer), Optional.empty(), answer.body());
  }

  public static HandedOverTurn failed(String stanza, Optional<Reservation> reservation, TurnFailure failure,
                                      String text) {
    return new HandedOverTurn(stanza, reservation, Optional.empty(), Optional.of(failure), text);
  }
}
