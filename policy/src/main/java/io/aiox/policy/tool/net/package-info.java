/**
 * The network rule for tools that reach out (rfc/aiox-agents.md section 9): the host must be in the agent's
 * allowed domains, and every address it resolves to must be public unless the agent's policy names it. Internal
 * addresses (loopback, private, link-local, CGNAT, multicast, reserved, and IPv6 forms that embed them) are refused
 * so that no agent can reach the hub's own servers. The vetted address is handed to the client to connect to, so
 * the name is never resolved a second time between the check and the connection. Hosts are read the way the C
 * library reads them: one made of numbers ({@code 127.1}, {@code 0x7f000001}) is an address, never a name.
 */
package io.aiox.policy.tool.net;
