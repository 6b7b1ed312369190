package io.aiox.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A throwaway certificate authority made with openssl (P-256 keys, valid two days), and the server certificates
 * it signs: what an operator gets from a real CA, so that federated test hubs verify each other's certificates
 * the way production hubs do.
 */
public final class TestCa {
  private static final String CURVE = "ec_paramgen_curve:prime256v1";
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final Path dir;

  private TestCa(Path dir) {
    this.dir = dir;
  }

  /** A new CA whose key and certificate ({@code ca.key}, {@code ca.crt}) live in {@code dir}. */
  public static TestCa create(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestCa ca = new TestCa(dir);
    ca.openssl(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", CURVE, "-nodes", "-days", "2",
        "-subj", "/CN=AIOX test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout", "ca.key", "-out", "ca.crt"));
    return ca;
  }

  /** The CA certificate, for the servers' trust stores. */
  public Path certificate() {
    return dir.resolve("ca.crt");
  }

  /**
   * A server certificate for the names (the first is the subject; all are subject alternative names, IPv4
   * literals as IP entries), usable both for accepting streams and for opening them (server-to-server TLS
   * authenticates both ends).
   */
  public ServerCertificate issue(String file, List<String> names) {
    String san = names.stream().map(n -> (IPV4.matcher(n).matches() ? "IP:" : "DNS:") + n)
        .collect(Collectors.joining(","));
    openssl(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", CURVE, "-nodes", "-days", "2",
        "-subj", "/CN=" + names.get(0), "-addext", "subjectAltName=" + san,
        "-addext", "extendedKeyUsage=serverAuth,clientAuth", "-addext", "basicConstraints=CA:FALSE",
        "-CA", "ca.crt", "-CAkey", "ca.key", "-keyout", file + ".key", "-out", file + ".crt"));
    return new ServerCertificate(dir.resolve(file + ".crt"), dir.resolve(file + ".key"));
  }

  private void openssl(List<String> args) {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("openssl " + args.get(0) + " failed in " + dir + ": " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run openssl (is it installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A signed certificate and its unencrypted key, as PEM files. */
  public record ServerCertificate(Path certificate, Path key) {
    /** Copies both to {@code certTarget} and {@code keyTarget} (Prosody's layout). */
    public void copyTo(Path certTarget, Path keyTarget) {
      try {
        Files.createDirectories(certTarget.getParent());
        Files.copy(certificate, certTarget);
        Files.copy(key, keyTarget);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Writes certificate and key into one file (ejabberd's {@code certfiles} layout). */
    public void writeCombined(Path target) {
      try {
        Files.createDirectories(target.getParent());
        Files.writeString(target, Files.readString(certificate) + Files.readString(key));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
