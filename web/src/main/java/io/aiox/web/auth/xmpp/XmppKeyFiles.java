package io.aiox.web.auth.xmpp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * The key pair of XMPP logins, as two JWK files: the private one (mode 600) the hub signs with
 * ({@code web.xmpp_jwt_key_file}) and the public one ejabberd's {@code jwt_key} names. Made once, before ejabberd
 * first starts; kept afterwards, so a restart does not invalidate what ejabberd holds.
 */
public final class XmppKeyFiles {
  private XmppKeyFiles() {}

  /** Writes a new pair unless {@code privateFile} exists; (re)writes the public file from the private one. */
  public static ECKey ensure(Path privateFile, Path publicFile) {
    try {
      ECKey key;
      if (Files.exists(privateFile)) {
        key = XmppTokens.readKey(privateFile);
      } else {
        key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.ES256).generate();
        write(privateFile, key.toJSONString(), "rw-------");
      }
      write(publicFile, key.toPublicJWK().toJSONString(), "rw-r--r--");
      return key;
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make an ES256 key: " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text, String mode) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
      try {
        Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
