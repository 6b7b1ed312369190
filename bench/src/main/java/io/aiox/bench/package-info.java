/** Benchmarks: the XMPP load generator, baseline components and the vector and inference benchmarks. */
package io.aiox.bench;
