/**
 * XMPP logins for the browser chat: the hub signs short-lived ES256 JWTs that ejabberd accepts as the password of
 * the named JID ({@code auth_method: [internal, jwt]}); ejabberd holds only the public key.
 */
package io.aiox.web.auth.xmpp;
