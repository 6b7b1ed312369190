/** XEP-0092 Software Version: the hub's name and version; no operating system (privacy). */
package io.aiox.component.xmpp.xep0092;
