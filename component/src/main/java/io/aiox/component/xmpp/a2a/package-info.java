/**
 * Agent-to-agent messages (namespace {@code urn:aiox:a2a:0}, rfc/aiox-agents.md "Agent to agent"): a question
 * carries {@code <ask id hops origin/>}, its answer {@code <answer to/>}. Questions are sent for the worker's
 * consultations; answers are matched to the waiting question over the event bus, so any component instance may
 * receive them. An answer is never a new turn, which is what keeps two agents from talking forever.
 */
package io.aiox.component.xmpp.a2a;
