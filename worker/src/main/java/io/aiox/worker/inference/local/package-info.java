/** Local inference: GGUF models run in-process by llama.cpp (de.kherud:llama), with parallel slots. */
package io.aiox.worker.inference.local;
