/**
 * The hub's users as the operator (CLI) and an admin (console) make and govern them: the XMPP account and the hub
 * user created together, and the owner's quota configuration changed under the turn's own checks.
 */
package io.aiox.component.users;
