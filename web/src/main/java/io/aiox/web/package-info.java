/** The admin console: REST API (JWT), static front end, and browser chat as a real XMPP client over WebSocket. */
package io.aiox.web;
