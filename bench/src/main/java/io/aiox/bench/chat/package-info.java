/**
 * {@code bench/run-chat}: chat round trips through ejabberd at saturation and at a fixed rate, for the AIOX hub
 * (its turns answered by {@link io.aiox.bench.chat.ZeroCostModel}, so the figure is the platform's own cost) and
 * for three baselines measured in the same run: a bare XEP-0114 echo component (the ceiling for any component), the
 * same echo on Whack (what the established Java component library costs) and client-to-client messages between
 * logged-in users. The load generator holds many client streams on a few Vert.x
 * event loops (RFC 6120 with SASL SCRAM-SHA-1 per RFC 5802 and resource binding; no Smack connection per client);
 * each target runs in a child JVM, so that process's CPU per round trip is its own.
 */
package io.aiox.bench.chat;
