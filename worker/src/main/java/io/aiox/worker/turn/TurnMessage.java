package io.aiox.worker.turn;

/**
 * A message of the turn contract, as the event bus carries it between the component and the workers: each is an
 * immutable record, handed over as the same instance on one machine and in {@link TurnWire}'s binary form across
 * machines ({@link TurnCodec}). The set is closed: a new kind needs a kind byte in {@link TurnWire}.
 */
public sealed interface TurnMessage
    permits TurnRequest, TurnReply, TextPiece, TurnStop, ToolRunning, TurnAccepted, ApprovalDecision, TurnFailed,
    HandedOverTurn, WorkerLoad {}
