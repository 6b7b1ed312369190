/**
 * Remote models through LangChain4j: any OpenAI-compatible endpoint (LM Studio, Ollama, vLLM, llama.cpp server,
 * OpenAI) and Anthropic, streamed. Provider errors are sorted into retriable (timeouts, 429, 5xx, model not loaded:
 * the agent's next model tries) and final (bad request, authentication).
 */
package io.aiox.worker.inference.remote;
