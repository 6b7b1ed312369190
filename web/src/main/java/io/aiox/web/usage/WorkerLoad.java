package io.aiox.web.usage;

import java.util.Optional;

/**
 * One model this hub serves, as its QoS queue stands now: whether it answers ({@code problem} says why not), its
 * slots, the turns running ({@code busy}) and those waiting.
 */
public record WorkerLoad(String model, boolean healthy, int slots, int busy, int waiting, Optional<String> problem) {}
