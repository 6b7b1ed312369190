/**
 * {@code code_executor} (rfc/aiox-agents.md section 9): a Python program runs in a bubblewrap sandbox as an
 * unprivileged user, with no network, a read-only view of the system folders only (never the hub's folder, its
 * configuration or keys), a private size-limited {@code /tmp}, and limits on CPU time, memory, processes, wall time
 * and output. Without a working sandbox the tool refuses; it never runs code any other way.
 */
package io.aiox.worker.tool.codeexecutor;
