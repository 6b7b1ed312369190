package io.aiox.web.auth;

import io.aiox.schema.console.ApiKey;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.auth.token.AccessTokens;
import io.aiox.web.auth.token.SigningKeys;
import io.aiox.web.auth.xmpp.XmppTokens;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ConsoleServer;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sign-in and tokens (docs/console.md, "Sign-in and tokens"): password sign-in against the XMPP account, rotating
 * refresh cookies, the JWKS, who am I, XMPP logins for the browser chat, and the user's API keys.
 */
public final class AuthRoutes implements ConsoleRoutes {
  static final String COOKIE = "aiox_refresh";
  static final String CSRF_HEADER = "x-aiox-csrf";
  private static final String COOKIE_PATH = "/api/auth";

  private final TokenAuthenticator auth;
  private final UserRepository users;
  private final Passwords passwords;
  private final Callers callers;
  private final AccessTokens accessTokens;
  private final SigningKeys signingKeys;
  private final Sessions sessions;
  private final ApiKeys apiKeys;
  private final RateLimit rateLimit;
  private final Optional<XmppTokens> xmppTokens;
  private final Optional<URI> websocket;
  private final boolean secureCookie;

  /** What the routes need; {@code xmppTokens} is empty when web.xmpp_jwt_key_file is not set. */
  public record Parts(TokenAuthenticator auth, UserRepository users, Passwords passwords, Callers callers,
                      AccessTokens accessTokens, SigningKeys signingKeys, Sessions sessions, ApiKeys apiKeys,
                      RateLimit rateLimit, Optional<XmppTokens> xmppTokens, Optional<URI> websocket,
                      boolean secureCookie) {}

  public AuthRoutes(Parts p) {
    this.auth = p.auth();
    this.users = p.users();
    this.passwords = p.passwords();
    this.callers = p.callers();
    this.accessTokens = p.accessTokens();
    this.signingKeys = p.signingKeys();
    this.sessions = p.sessions();
    this.apiKeys = p.apiKeys();
    this.rateLimit = p.rateLimit();
    this.xmppTokens = p.xmppTokens();
    this.websocket = p.websocket();
    this.secureCookie = p.secureCookie();
  }

  @Override
  public void mount(Router router) {
    router.post("/api/auth/login").handler(ctx -> answer(ctx, this::login));
    router.post("/api/auth/refresh").handler(ctx -> answer(ctx, this::refresh));
    router.post("/api/auth/logout").handler(ctx -> answer(ctx, this::logout));
    router.get("/api/auth/jwks").handler(ctx -> answer(ctx, c -> signingKeys.jwks()));
    router.get("/api/me").handler(auth.signedIn()).handler(ctx -> answer(ctx, c -> Future.succeededFuture(
        user(Caller.of(c)))));
    router.post("/api/auth/xmpp").handler(auth.signedIn()).handler(ctx -> answer(ctx, this::xmpp));
    router.get("/api/keys").handler(auth.signedIn()).handler(ctx -> answer(ctx, this::listKeys));
    router.post("/api/keys").handler(auth.signedIn()).handler(ctx -> answer(ctx, this::createKey));
    router.delete("/api/keys/:id").handler(auth.signedIn()).handler(ctx -> answer(ctx, this::deleteKey));
  }

  @Override
  public Optional<String> openApi() {
    return Optional.of("openapi/auth.json");
  }

  private Future<JsonObject> login(RoutingContext ctx) {
    JsonObject body = ConsoleServer.jsonBody(ctx);
    String username = body.getString("username", "").strip();
    String password = body.getString("password", "");
    if (username.isEmpty() || password.isEmpty()) {
      throw ProblemException.badRequest("send {username, password}");
    }
    if (XmppTokens.looksLikeToken(password)) {
      // ejabberd's check_password also accepts an XMPP login token; a minutes-long login must not become a session.
      return refused("an XMPP login token is not a password: sign in with the account's password");
    }
    return users.findByName(username).compose(found -> {
      if (found.isEmpty()) {
        return refused("wrong user name or password");
      }
      User user = found.get();
      String[] jid = user.xmppJid().split("@", 2);
      return rateLimit.take(user.id())
          .compose(ok -> passwords.check(jid[0], jid[1], password))
          .compose(right -> right ? callers.of(user) : refused("wrong user name or password"))
          .compose(caller -> sessions.start(caller.owner()).compose(refresh -> signedIn(ctx, caller, refresh)));
    });
  }

  private Future<JsonObject> refresh(RoutingContext ctx) {
    String token = refreshCookie(ctx);
    return sessions.refresh(token).compose(r -> callers.of(r.owner()).compose(caller -> signedIn(ctx, caller,
        r.token()))).onFailure(e -> clearCookie(ctx));
  }

  private Future<Void> logout(RoutingContext ctx) {
    String token = refreshCookie(ctx);
    return sessions.end(token).onSuccess(done -> clearCookie(ctx));
  }

  private Future<JsonObject> signedIn(RoutingContext ctx, Caller caller, String refresh) {
    return accessTokens.mint(caller).map(minted -> {
      ctx.response().addCookie(Cookie.cookie(COOKIE, refresh).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
          .setPath(COOKIE_PATH).setSecure(secureCookie).setMaxAge(sessions.ttl().toSeconds()));
      return new JsonObject().put("access_token", minted.token()).put("token_type", "Bearer")
          .put("expires_in", minted.expiresIn()).put("user", user(caller));
    });
  }

  private Future<JsonObject> xmpp(RoutingContext ctx) {
    XmppTokens tokens = xmppTokens.orElseThrow(() -> ProblemException.unavailable(
        "this hub mints no XMPP logins: web.xmpp_jwt_key_file is not set (./aiox up sets it)"));
    Caller caller = Caller.of(ctx);
    XmppTokens.Login login = tokens.mint(caller.jid());
    return Future.succeededFuture(new JsonObject().put("jid", caller.jid()).put("token", login.token())
        .put("websocket_url", websocket.map(URI::toString).orElse(null)).put("expires_in", login.expiresIn()));
  }

  private Future<JsonObject> listKeys(RoutingContext ctx) {
    return apiKeys.list(Caller.of(ctx).owner()).map(keys -> {
      JsonArray array = new JsonArray();
      keys.forEach(k -> array.add(key(k)));
      return new JsonObject().put("keys", array);
    });
  }

  private Future<JsonObject> createKey(RoutingContext ctx) {
    String name = ConsoleServer.jsonBody(ctx).getString("name", "").strip();
    if (name.isEmpty() || name.length() > 64) {
      throw ProblemException.badRequest("name the key (1 to 64 characters)");
    }
    return apiKeys.create(Caller.of(ctx).owner(), name).map(created -> {
      ctx.response().setStatusCode(201);
      return new JsonObject().put("id", created.key().id().toString()).put("name", created.key().name())
          .put("prefix", created.key().prefix()).put("key", created.secret());
    });
  }

  private Future<Void> deleteKey(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("no such API key: " + ctx.pathParam("id"));
    }
    return apiKeys.delete(Caller.of(ctx).owner(), id).compose(deleted -> deleted ? Future.<Void>succeededFuture()
        : Future.failedFuture(ProblemException.notFound("no such API key: " + id)));
  }

  /** The refresh cookie of a refresh or sign-out, which must also carry the CSRF header (a form cannot set it). */
  private static String refreshCookie(RoutingContext ctx) {
    if (!"1".equals(ctx.request().getHeader(CSRF_HEADER))) {
      throw ProblemException.forbidden("send the header '" + CSRF_HEADER + ": 1' with this request");
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      throw ProblemException.unauthorized("no session cookie: sign in");
    }
    return cookie.getValue();
  }

  private void clearCookie(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(COOKIE, "").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
        .setPath(COOKIE_PATH).setSecure(secureCookie).setMaxAge(0));
  }

  private static JsonObject user(Caller caller) {
    return new JsonObject().put("id", caller.owner().toString()).put("username", caller.username())
        .put("jid", caller.jid()).put("role", caller.role().wire());
  }

  private static JsonObject key(ApiKey k) {
    return new JsonObject().put("id", k.id().toString()).put("name", k.name()).put("prefix", k.prefix())
        .put("created_at", k.createdAt().toInstant().toString())
        .put("last_used_at", k.lastUsedAt() == null ? null : k.lastUsedAt().toInstant().toString());
  }

  /** Runs a route's work (which may throw a problem) and answers its result: 204 for nothing, else JSON. */
  private static <T> void answer(RoutingContext ctx, Function<RoutingContext, Future<T>> work) {
    Future<T> result;
    try {
      result = work.apply(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    result.onComplete(done -> {
      if (done.failed()) {
        ctx.fail(done.cause());
      } else if (done.result() == null) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.response().putHeader("content-type", "application/json").end(((JsonObject) done.result()).encode());
      }
    });
  }

  private static <T> Future<T> refused(String detail) {
    return Future.failedFuture(ProblemException.unauthorized(detail));
  }
}
