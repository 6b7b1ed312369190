package io.aiox.bench.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SASL SCRAM-SHA-1 (RFC 5802), without channel binding. With it the client derives the salted
 * password, and the server (which stores SCRAM keys) only checks a proof: a thousand logins cost ejabberd far less
 * than with PLAIN, where it must run the key derivation itself for every login. The server's signature is not
 * checked: the benchmark talks to its own server on loopback.
 */
final class ScramSha1 {
  static final String MECHANISM = "SCRAM-SHA-1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String user;
  private final String password;
  private final String clientNonce;

  ScramSha1(String user, String password) {
    this(user, password, randomNonce());
  }

  /** With a given client nonce (the RFC's example uses a fixed one). */
  ScramSha1(String user, String password, String clientNonce) {
    this.user = user;
    this.password = password;
    this.clientNonce = clientNonce;
  }

  private static String randomNonce() {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return HexFormat.of().formatHex(nonce);
  }

  /** The initial response, base64: gs2 header "n,," (no channel binding) and the client-first-message-bare. */
  String clientFirst() {
    return base64("n,," + clientFirstBare());
  }

  /** The answer to the server's challenge (base64 in, base64 out). */
  String clientFinal(String challengeBase64) {
    String serverFirst = new String(Base64.getDecoder().decode(challengeBase64), StandardCharsets.UTF_8);
    String nonce = field(serverFirst, 'r');
    if (!nonce.startsWith(clientNonce)) {
      throw new IllegalStateException("the server's SCRAM nonce does not extend ours");
    }
    byte[] salt = Base64.getDecoder().decode(field(serverFirst, 's'));
    int iterations = Integer.parseInt(field(serverFirst, 'i'));
    String withoutProof = "c=biws,r=" + nonce;
    String authMessage = clientFirstBare() + "," + serverFirst + "," + withoutProof;
    try {
      byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 160)).getEncoded();
      byte[] clientKey = hmac(salted, "Client Key");
      byte[] signature = hmac(MessageDigest.getInstance("SHA-1").digest(clientKey), authMessage);
      for (int i = 0; i < clientKey.length; i++) {
        clientKey[i] ^= signature[i];
      }
      return base64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(clientKey));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SCRAM-SHA-1 needs PBKDF2WithHmacSHA1 and HmacSHA1", e);
    }
  }

  private String clientFirstBare() {
    return "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
  }

  private static String field(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    throw new IllegalStateException("the server's SCRAM message has no " + name + ": " + message);
  }

  private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key, "HmacSHA1"));
    return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
