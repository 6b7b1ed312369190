package io.aiox.policy.tool.net;

import java.net.InetAddress;

/** A host that passed the network rule, and the address to connect to (the one that was checked). */
public record VettedTarget(String host, InetAddress address) {}
