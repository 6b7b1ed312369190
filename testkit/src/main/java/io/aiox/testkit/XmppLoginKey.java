package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/**
 * The ES256 key pair of a test server's XMPP logins, as JWK files (the hub's own command, {@code console-keys},
 * writes the same for {@code ./aiox up}): the testkit cannot use the hub's classes, so it writes them with the JDK.
 */
final class XmppLoginKey {
  private XmppLoginKey() {}

  /** Writes the pair unless the private file exists; returns the public file, which ejabberd's jwt_key names. */
  static Path ensure(Path privateFile, Path publicFile) {
    try {
      if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        String kid = UUID.randomUUID().toString();
        String common = "\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"ES256\","
            + "\"x\":\"" + b64(pub.getW().getAffineX()) + "\",\"y\":\"" + b64(pub.getW().getAffineY()) + "\"";
        Files.createDirectories(privateFile.toAbsolutePath().getParent());
        Files.writeString(privateFile, "{" + common + ",\"d\":\"" + b64(((ECPrivateKey) pair.getPrivate()).getS())
            + "\"}\n");
        Files.writeString(publicFile, "{" + common + "}\n");
      }
      return publicFile;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make a P-256 key", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A coordinate as 32 unsigned big-endian bytes in base64url (RFC 7518 section 6.2.1.2). */
  private static String b64(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int from = Math.max(0, raw.length - 32);
    System.arraycopy(raw, from, fixed, 32 - (raw.length - from), raw.length - from);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
