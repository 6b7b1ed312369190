/**
 * Quota data in PostgreSQL: each owner's {@code quota_config}, and the daily token totals per owner, agent and
 * remote domain that outlive the live counters in Redis.
 */
package io.aiox.schema.quota;
