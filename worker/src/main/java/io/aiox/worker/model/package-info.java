/** The models a hub offers, by name: local GGUF files run by llama.cpp and remote OpenAI-compatible or Anthropic endpoints. */
package io.aiox.worker.model;
