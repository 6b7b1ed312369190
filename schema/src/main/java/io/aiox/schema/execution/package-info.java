/** One row per turn: who asked, which provider and model answered, exact token counts and per-stage latencies. */
package io.aiox.schema.execution;
