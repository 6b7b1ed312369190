/** Writing GGUF model files (the llama.cpp format), among them a tiny random-weight Gemma 3 model for tests and demos. */
package io.aiox.worker.model.gguf;
