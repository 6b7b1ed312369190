package io.aiox.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.aiox.schema.TestDatabase;
import io.aiox.schema.console.SigningKeyRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.web.ConsoleConfig;
import io.aiox.web.auth.token.AccessTokens;
import io.aiox.web.auth.token.SigningKeys;
import io.aiox.web.auth.xmpp.XmppTokens;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ConsoleServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Redis;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in and tokens against real PostgreSQL, Redis and ejabberd: the console's routes as the hub mounts them,
 * plus a /v1-style route behind the API key handler.
 */
@ExtendWith(RealServers.class)
class SignInIT {
  private static TestDatabase db;
  private static EjabberdServer ejabberd;
  private static Redis redis;
  private static WebClient http;
  private static int port;
  private static int limitedPort;
  private static ConsoleConfig config;

  @BeforeAll
  static void up(TestServers servers) {
    db = TestDatabase.create(servers);
    ejabberd = servers.ejabberd();
    redis = Redis.createClient(db.vertx, servers.redis().uri());
    http = WebClient.create(db.vertx);
    port = start(1_000);
    limitedPort = start(3);
  }

  @AfterAll
  static void down() {
    http.close();
    redis.close();
    db.close();
  }

  private static int start(int ratePerMinute) {
    config = ConsoleConfig.fromJson(new JsonObject().put("port", 0).put("rate_per_minute", ratePerMinute)
            .put("xmpp_jwt_key_file", ejabberd.xmppJwtKeyFile().toString()))
        .withDefaultWebsocket(URI.create(ejabberd.websocketUrl()));
    ConsoleAuth auth = ConsoleAuth.create(db.vertx, config, db.database, redis, Optional.empty(),
        URI.create(ejabberd.apiUrl()), ejabberd.domain(), Clock.systemUTC());
    ConsoleRoutes v1 = router -> router.get("/v1/whoami").handler(auth.authenticator().apiKey())
        .handler(ctx -> ctx.json(new JsonObject().put("username", Caller.of(ctx).username())));
    ConsoleServer server = new ConsoleServer(config, List.of(auth.routes(), v1));
    db.vertx.deployVerticle(server).await();
    return server.port();
  }

  /** A person with an XMPP account and a hub user: name and password. */
  private static String[] person() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    String jid = ejabberd.register(name, password);
    new UserRepository(db.database.ownerScope()).create(name, jid).await();
    return new String[] {name, password};
  }

  private static HttpResponse<Buffer> login(int at, String name, String password) {
    return http.post(at, "127.0.0.1", "/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", name).put("password", password)).await();
  }

  private static HttpResponse<Buffer> get(String path, String bearer) {
    return http.get(port, "127.0.0.1", path).putHeader("authorization", "Bearer " + bearer).send().await();
  }

  private static HttpResponse<Buffer> refresh(String cookie, boolean csrf) {
    var request = http.post(port, "127.0.0.1", "/api/auth/refresh").putHeader("cookie", "aiox_refresh=" + cookie);
    if (csrf) {
      request.putHeader("x-aiox-csrf", "1");
    }
    return request.send().await();
  }

  private static String cookie(HttpResponse<Buffer> response) {
    String header = response.cookies().stream().filter(c -> c.startsWith("aiox_refresh=")).findFirst().orElseThrow();
    return header.substring("aiox_refresh=".length(), header.indexOf(';'));
  }

  private static void assertRefused(HttpResponse<Buffer> response, int status, String detail) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("detail")).contains(detail);
  }

  private static String accessToken(String[] person) {
    return login(port, person[0], person[1]).bodyAsJsonObject().getString("access_token");
  }

  /** Signs claims with the hub's current key (read from the database, as any other hub instance would). */
  private static String signed(JWTClaimsSet claims) throws Exception {
    SigningKeys keys = new SigningKeys(new SigningKeyRepository(db.database.pool()), Optional.empty(),
        Duration.ofDays(7), Duration.ofMinutes(5), Clock.systemUTC());
    ECKey key = keys.current().await();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private static JWTClaimsSet.Builder claims(String[] person) {
    JsonObject me = get("/api/me", accessToken(person)).bodyAsJsonObject();
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer("urn:aiox:hub:" + ejabberd.domain()).audience(AccessTokens.AUDIENCE)
        .subject(me.getString("id")).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
        .jwtID(UUID.randomUUID().toString()).claim("username", person[0]).claim("jid", me.getString("jid"))
        .claim("role", "user");
  }

  @Test
  void signs_in_with_the_xmpp_password_and_the_token_says_who_calls() {
    String[] person = person();
    HttpResponse<Buffer> response = login(port, person[0], person[1]);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("token_type")).isEqualTo("Bearer");
    assertThat(body.getLong("expires_in")).isEqualTo(300L);
    String setCookie = response.cookies().getFirst();
    assertThat(setCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/api/auth");
    JsonObject me = get("/api/me", body.getString("access_token")).bodyAsJsonObject();
    assertThat(me.getString("username")).isEqualTo(person[0]);
    assertThat(me.getString("role")).isEqualTo("user");
    assertThat(me.getString("jid")).isEqualTo(person[0] + "@" + ejabberd.domain());
  }

  @Test
  void refuses_a_wrong_password_and_an_unknown_user_alike() {
    String[] person = person();
    assertRefused(login(port, person[0], "not-" + person[1]), 401, "wrong user name or password");
    assertRefused(login(port, "nobody-" + person[0], person[1]), 401, "wrong user name or password");
  }

  @Test
  void refuses_a_missing_malformed_or_tampered_token() throws Exception {
    String token = accessToken(person());
    assertRefused(http.get(port, "127.0.0.1", "/api/me").send().await(), 401, "Authorization: Bearer");
    assertRefused(get("/api/me", "garbage"), 401, "not a signed JWT");
    String[] parts = token.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1])));
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.put("role", "admin").encode()
        .getBytes());
    assertRefused(get("/api/me", parts[0] + "." + forged + "." + parts[2]), 401, "signature does not verify");
  }

  @Test
  void refuses_alg_none_and_an_hmac_token_keyed_with_the_public_key() throws Exception {
    String[] person = person();
    JWTClaimsSet claims = claims(person).claim("role", "admin").build();
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes()) + ".";
    assertRefused(get("/api/me", none), 401, "not a signed JWT");
    String jwks = http.get(port, "127.0.0.1", "/api/auth/jwks").send().await().bodyAsString();
    SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    hs.sign(new MACSigner((jwks + jwks).getBytes()));
    assertRefused(get("/api/me", hs.serialize()), 401, "only ES256 is accepted");
  }

  @Test
  void refuses_an_expired_token_a_wrong_audience_and_a_wrong_issuer() throws Exception {
    String[] person = person();
    Instant past = Instant.now().minus(Duration.ofHours(1));
    assertRefused(get("/api/me", signed(claims(person).issueTime(Date.from(past))
        .expirationTime(Date.from(past.plusSeconds(300))).build())), 401, "expired");
    assertRefused(get("/api/me", signed(claims(person).audience("someone-else").build())), 401, "audience");
    assertRefused(get("/api/me", signed(claims(person).issuer("urn:aiox:hub:other.test").build())), 401,
        "not by this hub");
    assertThat(get("/api/me", signed(claims(person).build())).statusCode()).isEqualTo(200);
  }

  @Test
  void a_refresh_rotates_and_a_replayed_refresh_token_revokes_the_family_with_an_audit_entry() throws Exception {
    String[] person = person();
    HttpResponse<Buffer> signedIn = login(port, person[0], person[1]);
    String first = cookie(signedIn);
    assertRefused(refresh(first, false), 403, "x-aiox-csrf");
    HttpResponse<Buffer> rotated = refresh(first, true);
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    String second = cookie(rotated);
    assertThat(second).isNotEqualTo(first);
    assertThat(get("/api/me", rotated.bodyAsJsonObject().getString("access_token")).statusCode()).isEqualTo(200);

    assertRefused(refresh(first, true), 401, "already used");
    assertRefused(refresh(second, true), 401, "revoked");
    String owner = get("/api/me", signedIn.bodyAsJsonObject().getString("access_token")).bodyAsJsonObject()
        .getString("id");
    try (Connection c = db.adminJdbc(); PreparedStatement q = c.prepareStatement("SELECT count(*) FROM audit_logs"
        + " WHERE owner_user_id = ?::uuid AND event_type = 'console.refresh_reused'")) {
      q.setString(1, owner);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void sign_out_revokes_the_session() {
    String[] person = person();
    String cookie = cookie(login(port, person[0], person[1]));
    HttpResponse<Buffer> out = http.post(port, "127.0.0.1", "/api/auth/logout")
        .putHeader("cookie", "aiox_refresh=" + cookie).putHeader("x-aiox-csrf", "1").send().await();
    assertThat(out.statusCode()).isEqualTo(204);
    assertRefused(refresh(cookie, true), 401, "signed out");
  }

  @Test
  void answers_429_with_retry_after_past_the_rate_limit() {
    String[] person = person();
    String token = login(limitedPort, person[0], person[1]).bodyAsJsonObject().getString("access_token");
    int refused = 0;
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 5; i++) {
      last = http.get(limitedPort, "127.0.0.1", "/api/me").putHeader("authorization", "Bearer " + token).send()
          .await();
      refused += last.statusCode() == 429 ? 1 : 0;
    }
    assertThat(refused).isGreaterThanOrEqualTo(2);
    assertRefused(last, 429, "rate_per_minute");
    assertThat(Integer.parseInt(last.getHeader("retry-after"))).isBetween(1, 60);
  }

  @Test
  void an_api_key_works_on_v1_until_it_is_deleted() {
    String[] person = person();
    String token = accessToken(person);
    HttpResponse<Buffer> made = http.post(port, "127.0.0.1", "/api/keys").putHeader("authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("name", "laptop")).await();
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    String key = made.bodyAsJsonObject().getString("key");
    assertThat(get("/v1/whoami", key).bodyAsJsonObject().getString("username")).isEqualTo(person[0]);
    JsonObject listed = get("/api/keys", token).bodyAsJsonObject().getJsonArray("keys").getJsonObject(0);
    assertThat(key).startsWith(listed.getString("prefix"));
    assertThat(listed.encode()).doesNotContain(key);
    assertThat(listed.getString("last_used_at")).isNotNull();
    assertRefused(get("/v1/whoami", token), 401, "API key is unknown");

    HttpResponse<Buffer> deleted = http.delete(port, "127.0.0.1", "/api/keys/" + listed.getString("id"))
        .putHeader("authorization", "Bearer " + token).send().await();
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertRefused(get("/v1/whoami", key), 401, "API key is unknown");
  }

  @Test
  void the_minted_xmpp_login_logs_in_to_ejabberd_over_websocket_and_nothing_else_does() throws Exception {
    String[] person = person();
    JsonObject login = http.post(port, "127.0.0.1", "/api/auth/xmpp")
        .putHeader("authorization", "Bearer " + accessToken(person)).send().await().bodyAsJsonObject();
    assertThat(login.getString("jid")).isEqualTo(person[0] + "@" + ejabberd.domain());
    assertThat(login.getString("websocket_url")).isEqualTo(ejabberd.websocketUrl());
    assertThat(XmppWebSocketLogin.login(db.vertx, login.getString("websocket_url"), ejabberd.domain(), person[0],
        login.getString("token"))).isEqualTo("success");

    String[] other = person();
    assertThat(XmppWebSocketLogin.login(db.vertx, ejabberd.websocketUrl(), ejabberd.domain(), other[0],
        login.getString("token"))).contains("not-authorized");
    XmppTokens expired = XmppTokens.fromFile(ejabberd.xmppJwtKeyFile(), Duration.ofMinutes(5),
        Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
    assertThat(XmppWebSocketLogin.login(db.vertx, ejabberd.websocketUrl(), ejabberd.domain(), person[0],
        expired.mint(person[0] + "@" + ejabberd.domain()).token())).contains("not-authorized");
    assertRefused(login(port, person[0], login.getString("token")), 401, "not a password");
  }
}
