/**
 * Tool calls waiting for their owner's decision (rfc/aiox-agents.md section 9), held in Redis so that any hub
 * instance can take the owner's answer. A decision is taken by deleting the entry atomically: whoever deletes it
 * (the owner's approval or denial, or the expiry) decides, once.
 */
package io.aiox.policy.tool.approval;
