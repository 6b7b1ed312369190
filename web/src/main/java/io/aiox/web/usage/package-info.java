/**
 * The console's usage and governance group (docs/console.md, "Usage, governance and alerts"): tokens and turns per
 * agent and day, refusals by reason, estimated cost from the operator's price table ({@code web.prices}), latency
 * percentiles per model, quota left per scope and window, the running hub's queue and workers ({@link HubLoad}),
 * and the alerts an owner is sent over XMPP when a counter nears a limit ({@link UsageAlerts}).
 */
package io.aiox.web.usage;
