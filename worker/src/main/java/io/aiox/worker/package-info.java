/**
 * The inference side of a turn: local Gemma through llama.cpp, remote OpenAI-compatible fallbacks, prompt building
 * from the encrypted system prompt and owner-filtered memory, and tool execution under {@code policy}.
 */
package io.aiox.worker;
