/**
 * The OpenAI-compatible endpoint ({@code /v1/models}, {@code /v1/chat/completions}, docs/console.md): a program with
 * one of its owner's API keys talks to the owner's agents as models. A turn takes the same path as an XMPP message
 * ({@link io.aiox.web.openai.AgentTurns}, implemented by the component): access, quota, audit, execution record,
 * memory, tools and approvals.
 */
package io.aiox.web.openai;
