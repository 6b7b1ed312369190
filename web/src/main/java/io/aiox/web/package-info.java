/**
 * The console: the HTTP API (JWT sign-in, agents, usage and governance, audit, approvals, the OpenAI-compatible
 * endpoint) and the static front end, one more client of the hub's rules. The component deploys it; whatever it
 * needs from the XMPP side comes through interfaces the component implements.
 */
package io.aiox.web;
