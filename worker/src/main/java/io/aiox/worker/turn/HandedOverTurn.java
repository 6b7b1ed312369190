package io.aiox.worker.turn;

import io.aiox.policy.quota.Reservation;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * A turn's outcome that its component node can no longer deliver (it left the cluster, or is stopping), handed by
 * the worker to any live component node: the stanza the turn answers (as the origin node received it, without its
 * body), the turn's quota reservation, and either the answer or the failure with its text. One shape on both
 * sides; the event bus carries it as {@link #toJson()}.
 */
public record HandedOverTurn(String stanza, Optional<Reservation> reservation, Optional<TurnReply> answer,
                             Optional<TurnFailure> failure, String text) {
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

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("stanza", stanza).put("text", text);
    reservation.ifPresent(r -> Turns.withReservation(json, r));
    answer.ifPresent(a -> json.put("answer", a.toJson()));
    failure.ifPresent(f -> json.put("failure", f.code()));
    return json;
  }

  /** Reads {@link #toJson()}'s form; fails naming what is missing. */
  public static HandedOverTurn fromJson(JsonObject json) {
    String stanza = json.getString("stanza");
    if (stanza == null) {
      throw new IllegalArgumentException("a handed-over turn needs its stanza");
    }
    JsonObject answer = json.getJsonObject("answer");
    Integer failure = json.getInteger("failure");
    return new HandedOverTurn(stanza, Turns.reservation(json), Optional.ofNullable(answer).map(TurnReply::fromJson),
        Optional.ofNullable(failure).map(TurnFailure::of), json.getString("text", ""));
  }
}
