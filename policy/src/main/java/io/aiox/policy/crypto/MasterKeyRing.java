package io.aiox.policy.crypto;

import io.aiox.policy.crypto.CryptoFailure.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The master keys a process holds: the first one wraps new data keys, every one unwraps what it wrapped. A file
 * holds one key per line (64 hex digits or base64 of 32 bytes; blank lines and {@code #} comments are skipped), or
 * exactly 32 raw bytes; an environment variable holds one key or several separated by commas.
 */
public final class MasterKeyRing {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final List<MasterKey> keys;
  private final String source;

  private MasterKeyRing(List<MasterKey> keys, String source) {
    this.keys = List.copyOf(keys);
    this.source = source;
  }

  /** A ring of the given keys, the first one current; {@code source} names where they came from in errors. */
  public static MasterKeyRing of(String source, List<MasterKey> keys) {
    if (keys.isEmpty()) {
      throw new CryptoFailure(Kind.BAD_MASTER_KEY, source + " holds no master key");
    }
    List<MasterKey> distinct = new ArrayList<>();
    keys.stream().filter(k -> !distinct.contains(k)).forEach(distinct::add);
    return new MasterKeyRing(distinct, source);
  }

  /** Reads {@code file}; errors name {@code setting} and the file, never the file's content. */
  public static MasterKeyRing fromFile(String setting, Path file) {
    String source = setting + " (" + file + ")";
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CryptoFailure(Kind.BAD_MASTER_KEY, source + " cannot be read: " + e, e);
    }
    if (content.length == MasterKey.LENGTH && !looksLikeText(content)) {
      return of(source, List.of(MasterKey.of(content)));
    }
    return of(source, parseLines(source, new String(content, StandardCharsets.UTF_8).split("\\R")));
  }

  /** Reads the environment variable {@code variable}; errors name {@code setting} and the variable. */
  public static MasterKeyRing fromEnv(String setting, String variable, Map<String, String> env) {
    String source = setting + " (environment variable " + variable + ")";
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw new CryptoFailure(Kind.BAD_MASTER_KEY, source + " is not set or empty");
    }
    return of(source, parseLines(source, value.split(",")));
  }

  public MasterKey current() {
    return keys.getFirst();
  }

  public Optional<MasterKey> find(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  /** The keys' ids, current first. */
  public List<String> ids() {
    return keys.stream().map(MasterKey::id).toList();
  }

  public List<MasterKey> keys() {
    return keys;
  }

  /** Where the keys came from, as errors name it: the setting and its file or variable. */
  public String source() {
    return source;
  }

  /** This ring with {@code key} in front: it wraps from now on, the others still unwrap. */
  public MasterKeyRing withCurrent(MasterKey key) {
    List<MasterKey> next = new ArrayList<>(List.of(key));
    next.addAll(keys);
    return of(source, next);
  }

  private static List<MasterKey> parseLines(String source, String[] lines) {
    List<MasterKey> keys = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        keys.add(decode(line).orElseThrow(() -> new CryptoFailure(Kind.BAD_MASTER_KEY, source + ": entry "
            + (keys.size() + 1) + " is not a 32-byte key (expected 64 hex digits or base64 of 32 bytes)")));
      }
    }
    return keys;
  }

  private static Optional<MasterKey> decode(String text) {
    if (HEX.matcher(text).matches()) {
      return Optional.of(MasterKey.of(HexFormat.of().parseHex(text)));
    }
    for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
      try {
        byte[] bytes = decoder.decode(text);
        if (bytes.length == MasterKey.LENGTH) {
          return Optional.of(MasterKey.of(bytes));
        }
      } catch (IllegalArgumentException notThisAlphabet) {
        // try the next alphabet
      }
    }
    return Optional.empty();
  }

  /** 32 bytes of printable ASCII are a (too short) text key, not raw key bytes. */
  private static boolean looksLikeText(byte[] content) {
    for (byte b : content) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
