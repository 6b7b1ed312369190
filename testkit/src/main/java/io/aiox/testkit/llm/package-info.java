/**
 * A model server for tests: a GGUF served through llama.cpp behind the OpenAI chat completions API and the
 * Anthropic messages API, streaming and not, so a remote-provider client is tested against the bytes a real server
 * sends. Failures (429, 5xx, 401, a slow answer) can be injected, each named as a test fixture.
 */
package io.aiox.testkit.llm;
