/** Presence subscriptions agents approved, and the paged broadcast list the component reads when it connects. */
package io.aiox.schema.presence;
