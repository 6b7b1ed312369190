/**
 * What the console's HTTP routes need from the XMPP side (docs/console.md): turns for the OpenAI-compatible
 * endpoint, entered into the component's stanza path as a message from the caller's own JID with a resource of its
 * own ({@code aiox-console-<uuid>}), whose replies come back to the request instead of going to the XMPP server;
 * and the owner's decisions on waiting tool calls (rfc/aiox-agents.md section 9.4).
 */
package io.aiox.component.console;
