package io.aiox.policy.crypto;

import io.aiox.config.ConfigSection;
import io.aiox.policy.crypto.CryptoFailure.Kind;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code security} section of the hub's configuration: where the master key is (a file, or an environment
 * variable; exactly one) and how long unwrapped data keys stay in memory.
 *
 * @param masterKeyFile {@code master_key_file}: a file holding the master keys, or null
 * @param masterKeyEnv {@code master_key_env}: the name of an environment variable holding them, or null
 * @param keyCache {@code key_cache_seconds}: how long an unwrapped data key is kept before it is read again
 */
public record SecurityConfig(Path masterKeyFile, String masterKeyEnv, Duration keyCache) {
  public static final String FILE_KEY = "security.master_key_file";
  public static final String ENV_KEY = "security.master_key_env";
  public static final Duration DEFAULT_KEY_CACHE = Duration.ofSeconds(60);
  /** No master key: the hub runs, but nothing can be sealed or opened. */
  public static final SecurityConfig NONE = new SecurityConfig(null, null, DEFAULT_KEY_CACHE);
  private static final Set<String> KEYS = Set.of("master_key_file", "master_key_env", "key_cache_seconds");

  public SecurityConfig {
    if (masterKeyFile != null && masterKeyEnv != null) {
      throw new IllegalArgumentException(FILE_KEY + " and " + ENV_KEY + " are both set; set one of them");
    }
    if (masterKeyEnv != null && !masterKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(ENV_KEY + " must be an environment variable's name, was " + masterKeyEnv);
    }
    if (keyCache == null || keyCache.isNegative() || keyCache.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("security.key_cache_seconds must be 0..3600, was "
          + (keyCache == null ? null : keyCache.toSeconds()));
    }
  }

  /** Reads the section; unknown keys and wrong types are refused by name. */
  public static SecurityConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("security", json, KEYS);
    return new SecurityConfig(s.string("master_key_file").map(Path::of).orElse(null),
        s.string("master_key_env").orElse(null), s.seconds("key_cache_seconds", DEFAULT_KEY_CACHE));
  }

  /** True when a master key is configured. */
  public boolean configured() {
    return masterKeyFile != null || masterKeyEnv != null;
  }

  /** Loads the master keys from the process's environment or the key file. */
  public MasterKeys masterKeys() {
    return masterKeys(System.getenv());
  }

  /** Loads the master keys; every error names the setting, none shows key material. */
  public MasterKeys masterKeys(Map<String, String> env) {
    if (masterKeyFile != null) {
      return MasterKeys.fromFile(FILE_KEY, masterKeyFile);
    }
    if (masterKeyEnv != null) {
      return MasterKeys.fromEnv(ENV_KEY, masterKeyEnv, env);
    }
    throw new CryptoFailure(Kind.NOT_CONFIGURED, "no master key is configured: set " + FILE_KEY
        + " (a file holding a 32-byte key as hex or base64) or " + ENV_KEY + " (an environment variable holding it)"
        + " in the hub configuration");
  }
}
