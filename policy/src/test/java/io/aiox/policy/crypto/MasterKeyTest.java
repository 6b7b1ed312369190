package io.aiox.policy.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.WrappedKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Master keys from a file or the environment, the errors an operator sees, and wrapping data keys. */
class MasterKeyTest {
  @TempDir
  Path dir;

  private final MasterKey key = MasterKey.generate();

  @Test
  void a_key_file_may_hold_hex_base64_or_32_raw_bytes() throws IOException {
    byte[] raw = new byte[32];
    raw[0] = 1; // not printable: raw bytes, not text
    MasterKey rawKey = MasterKey.of(raw);
    assertThat(MasterKeyRing.fromFile("k", Files.writeString(dir.resolve("hex"), key.hex() + "\n")).current())
        .isEqualTo(key);
    assertThat(MasterKeyRing.fromFile("k", Files.writeString(dir.resolve("b64"),
        Base64.getEncoder().encodeToString(MasterKey.of(raw).bytes()))).current()).isEqualTo(rawKey);
    assertThat(MasterKeyRing.fromFile("k", Files.write(dir.resolve("raw"), raw)).current()).isEqualTo(rawKey);
  }

  @Test
  void a_key_file_lists_several_keys_the_first_one_current() throws IOException {
    MasterKey older = MasterKey.generate();
    Path file = Files.writeString(dir.resolve("keys"), "# rotated\n" + key.hex() + "\n\n" + older.hex() + "\n");
    MasterKeyRing ring = MasterKeyRing.fromFile("security.master_key_file", file);
    assertThat(ring.current()).isEqualTo(key);
    assertThat(ring.ids()).containsExactly(key.id(), older.id());
    assertThat(ring.find(older.id())).contains(older);
  }

  @Test
  void the_id_is_a_stable_fingerprint_and_nothing_prints_the_key() {
    assertThat(MasterKey.of(key.bytes()).id()).isEqualTo(key.id()).hasSize(16);
    assertThat(key.toString()).doesNotContain(key.hex()).contains(key.id());
  }

  @Test
  void a_missing_or_malformed_file_is_named_with_its_setting_and_the_key_is_never_echoed() throws IOException {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> SecurityConfig.fromJson(new JsonObject().put("master_key_file", missing.toString()))
        .masterKeys()).isInstanceOf(CryptoFailure.class)
        .hasMessageContaining("security.master_key_file (" + missing + ") cannot be read");
    Path shortKey = Files.writeString(dir.resolve("short"), "abcdef0123");
    assertThatThrownBy(() -> MasterKeyRing.fromFile("security.master_key_file", shortKey))
        .hasMessageContaining("security.master_key_file (" + shortKey + "): entry 1 is not a 32-byte key")
        .hasMessageNotContaining("abcdef0123");
    Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
    assertThatThrownBy(() -> MasterKeyRing.fromFile("security.master_key_file", empty))
        .hasMessageContaining("holds no master key");
  }

  @Test
  void the_environment_may_hold_the_keys_and_an_unset_variable_is_named() {
    MasterKey older = MasterKey.generate();
    MasterKeys keys = SecurityConfig.fromJson(new JsonObject().put("master_key_env", "AIOX_MASTER_KEY"))
        .masterKeys(Map.of("AIOX_MASTER_KEY", key.hex() + "," + Base64.getEncoder().encodeToString(older.bytes())));
    assertThat(keys.ring().ids()).containsExactly(key.id(), older.id());
    assertThatThrownBy(() -> SecurityConfig.fromJson(new JsonObject().put("master_key_env", "AIOX_MASTER_KEY"))
        .masterKeys(Map.of())).hasMessageContaining("security.master_key_env (environment variable AIOX_MASTER_KEY)"
        + " is not set");
  }

  @Test
  void the_security_section_is_validated_by_key_name() {
    assertThatThrownBy(() -> SecurityConfig.fromJson(new JsonObject().put("master_key_fle", "x")))
        .hasMessageStartingWith("unknown configuration key security.master_key_fle (known: ");
    assertThatThrownBy(() -> SecurityConfig.fromJson(new JsonObject().put("master_key_file", "a")
        .put("master_key_env", "B"))).hasMessageContaining("security.master_key_file and security.master_key_env");
    assertThatThrownBy(() -> SecurityConfig.fromJson(new JsonObject().put("master_key_env", "not a name")))
        .hasMessageContaining("security.master_key_env must be an environment variable's name");
    assertThatThrownBy(() -> SecurityConfig.fromJson(new JsonObject().put("master_key_file", 7)))
        .hasMessageContaining("security.master_key_file must be a non-empty string");
    assertThatThrownBy(() -> SecurityConfig.fromJson(new JsonObject().put("key_cache_seconds", -1)))
        .hasMessageContaining("security.key_cache_seconds must be 0..3600");
    assertThatThrownBy(() -> SecurityConfig.NONE.masterKeys()).isInstanceOf(CryptoFailure.class)
        .hasMessageContaining("set security.master_key_file").hasMessageContaining("or security.master_key_env");
  }

  @Test
  void a_data_key_unwraps_under_the_master_key_that_wrapped_it() {
    OwnerId owner = OwnerId.random();
    DataKey data = DataKey.generate(owner, 2);
    WrappedKey row = new WrappedKey(owner, 2, KeyWrap.wrap(key, data), key.id(), false);
    MasterKeyRing ring = MasterKeyRing.of("test", List.of(MasterKey.generate(), key));
    assertThat(KeyWrap.unwrap(ring, row).key()).isEqualTo(data.key());
  }

  @Test
  void a_wrong_master_key_fails_naming_the_missing_key_and_the_setting() {
    OwnerId owner = OwnerId.random();
    WrappedKey row = new WrappedKey(owner, 1, KeyWrap.wrap(key, DataKey.generate(owner, 1)), key.id(), false);
    MasterKey other = MasterKey.generate();
    MasterKeyRing wrong = MasterKeyRing.of("security.master_key_file (/etc/aiox/master.key)", List.of(other));
    assertThatThrownBy(() -> KeyWrap.unwrap(wrong, row)).isInstanceOf(CryptoFailure.class)
        .hasMessageContaining("the data key of owner " + owner + " (version 1) is wrapped by master key " + key.id())
        .hasMessageContaining("which security.master_key_file (/etc/aiox/master.key) does not hold")
        .hasMessageContaining(other.id())
        .extracting(e -> ((CryptoFailure) e).kind()).isEqualTo(CryptoFailure.Kind.MASTER_KEY_MISSING);
  }

  @Test
  void a_wrapped_key_moved_to_another_owner_or_version_does_not_unwrap() {
    OwnerId owner = OwnerId.random();
    byte[] wrapped = KeyWrap.wrap(key, DataKey.generate(owner, 1));
    MasterKeyRing ring = MasterKeyRing.of("test", List.of(key));
    assertThatThrownBy(() -> KeyWrap.unwrap(ring, new WrappedKey(OwnerId.random(), 1, wrapped, key.id(), false)))
        .hasMessageContaining("does not unwrap under master key " + key.id());
    assertThatThrownBy(() -> KeyWrap.unwrap(ring, new WrappedKey(owner, 2, wrapped, key.id(), false)))
        .isInstanceOf(CryptoFailure.class);
  }

  @Test
  void a_new_master_key_goes_on_top_of_the_file_which_stays_private() throws IOException {
    Path file = Files.writeString(dir.resolve("master.key"), key.hex());
    MasterKeys keys = MasterKeys.fromFile("security.master_key_file", file);
    MasterKey next = MasterKey.generate();
    keys.addCurrent(next);
    assertThat(keys.ring().ids()).containsExactly(next.id(), key.id());
    assertThat(MasterKeyRing.fromFile("x", file).ids()).containsExactly(next.id(), key.id());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThatThrownBy(() -> MasterKeys.fromEnv("security.master_key_env", "K", Map.of("K", key.hex()))
        .addCurrent(next)).hasMessageContaining("is not a key file");
  }
}
