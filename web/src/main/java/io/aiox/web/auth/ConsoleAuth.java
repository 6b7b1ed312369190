package io.aiox.web.auth;

import io.aiox.policy.crypto.HubSecrets;
import io.aiox.schema.Database;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.console.ApiKeyRepository;
import io.aiox.schema.console.RefreshTokenRepository;
import io.aiox.schema.console.SigningKeyRepository;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.ConsoleConfig;
import io.aiox.web.auth.token.AccessTokens;
import io.aiox.web.auth.token.SigningKeys;
import io.aiox.web.auth.xmpp.XmppTokens;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Sign-in and tokens assembled from the hub's stores: the {@link TokenAuthenticator} every other group of routes
 * puts in front of its routes, and the {@link AuthRoutes} group.
 */
public final class ConsoleAuth {
  private final TokenAuthenticator authenticator;
  private final AuthRoutes routes;

  private ConsoleAuth(TokenAuthenticator authenticator, AuthRoutes routes) {
    this.authenticator = authenticator;
    this.routes = routes;
  }

  /**
   * {@code secrets} seals the signing keys (empty without security.master_key_*); {@code adminApi} is ejabberd's
   * HTTP API, which checks passwords; {@code xmppDomain} names this hub in the tokens' issuer unless
   * web.public_url does. Reads web.xmpp_jwt_key_file now (blocking: call at start-up).
   */
  public static ConsoleAuth create(Vertx vertx, ConsoleConfig web, Database database, Redis redis,
                                   Optional<HubSecrets> secrets, URI adminApi, String xmppDomain, Clock clock) {
    UserRepository users = new UserRepository(database.ownerScope());
    Callers callers = new Callers(users);
    SigningKeys signingKeys = new SigningKeys(new SigningKeyRepository(database.pool()), secrets,
        web.auth().signingKeyRotation(), web.accessTokenTtl(), clock);
    String issuer = web.publicUrl().map(URI::toString).orElse("urn:aiox:hub:" + xmppDomain);
    AccessTokens accessTokens = new AccessTokens(signingKeys, issuer, web.accessTokenTtl(), clock);
    ApiKeys apiKeys = new ApiKeys(new ApiKeyRepository(database.ownerScope()));
    RateLimit rateLimit = new RateLimit(redis, web.ratePerMinute(), clock);
    TokenAuthenticator authenticator = new TokenAuthenticator(accessTokens, apiKeys, callers, rateLimit);
    Sessions sessions = new Sessions(new RefreshTokenRepository(database.ownerScope()),
        new AuditLog(database.ownerScope()), web.refreshTokenTtl(), clock);
    Optional<XmppTokens> xmpp = web.auth().xmppKeyFile()
        .map(file -> XmppTokens.fromFile(file, web.auth().xmppTokenTtl(), clock));
    boolean secure = web.publicUrl().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
    AuthRoutes routes = new AuthRoutes(new AuthRoutes.Parts(authenticator, users, new EjabberdPasswords(vertx,
        adminApi), callers, accessTokens, signingKeys, sessions, apiKeys, rateLimit, xmpp, web.websocketUrl(),
        secure));
    return new ConsoleAuth(authenticator, routes);
  }

  public TokenAuthenticator authenticator() {
    return authenticator;
  }

  public AuthRoutes routes() {
    return routes;
  }
}
