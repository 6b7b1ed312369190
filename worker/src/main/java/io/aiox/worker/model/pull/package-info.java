/**
 * {@code aiox model pull}: a small catalog of known Gemma 3 GGUF files (address, size, published SHA-256) and a
 * downloader that streams into the models folder, resumes with HTTP range requests (RFC 9110, section 14), checks the
 * SHA-256 while the bytes arrive and makes the file visible under its final name only when the checksum matches.
 */
package io.aiox.worker.model.pull;
