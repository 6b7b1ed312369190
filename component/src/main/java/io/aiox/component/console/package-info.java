/**
 * What the console (module {@code web}) needs from the running hub, implemented here where the XMPP stream and the
 * inference verticle live: the models' queues and health for the usage view, the XMPP notices owners get, and the
 * wiring of the console's groups into the hub.
 */
package io.aiox.component.console;
