/**
 * What owners used, read for the console (docs/console.md, "Usage"): tokens and turns per agent and day, refusals
 * by reason, per-model token totals and latency percentiles (computed in SQL), and the usage alerts already sent.
 * Every query of one owner runs in that owner's row-level security scope; the hub-wide view runs only on the
 * operator's admin role.
 */
package io.aiox.schema.usage;
