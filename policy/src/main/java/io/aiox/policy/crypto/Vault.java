package io.aiox.policy.crypto;

import io.aiox.schema.Database;
import io.aiox.schema.OwnerScope;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.OwnerSecretRepository;
import io.aiox.schema.key.ResealRepository;
import io.aiox.schema.key.SealedField;
import io.aiox.schema.key.SecretName;
import io.aiox.schema.key.TenantKeyRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Seals and opens what AIOX keeps encrypted at rest: agents' system prompts and owners' secrets (provider API
 * keys, tool secrets). Plaintext exists only in the caller's memory; the database sees ciphertext. Every method
 * acts for one owner, and row-level security holds the database to it.
 */
public final class Vault {
  private final Envelopes envelopes;
  private final AgentRepository agents;
  private final OwnerSecretRepository secrets;
  private final KeyRotation rotation;
  private final HubSecrets hubSecrets;

  public Vault(Vertx vertx, OwnerScope scope, AgentRepository agents, MasterKeys masterKeys, Duration keyCache) {
    DataKeys keys = new DataKeys(vertx, new TenantKeyRepository(scope), masterKeys, keyCache);
    this.envelopes = new Envelopes(keys);
    this.agents = agents;
    this.secrets = new OwnerSecretRepository(scope);
    this.rotation = new KeyRotation(envelopes, new TenantKeyRepository(scope), new ResealRepository(scope));
    this.hubSecrets = new HubSecrets(masterKeys);
  }

  /**
   * The vault the hub's configuration describes. Reads the master key now (blocking: call it at start-up), so a
   * missing or malformed key stops start-up with a message naming {@code security.master_key_file} or
   * {@code security.master_key_env}.
   */
  public static Vault create(Vertx vertx, Database database, AgentRepository agents, SecurityConfig security) {
    return new Vault(vertx, database.ownerScope(), agents, security.masterKeys(), security.keyCache());
  }

  /** The agent's system prompt in plaintext; "" when none is set (or the agent is not the owner's). */
  public Future<String> systemPrompt(OwnerId owner, AgentId agent) {
    SealedField field = new SealedField.AgentPrompt(agent);
    return agents.systemPrompt(owner, agent).compose(sealed -> sealed.isEmpty() ? Future.succeededFuture("")
        : envelopes.open(owner, field, sealed.get()).map(Vault::text));
  }

  /** Seals and stores the prompt ("" or null clears it); false when the owner has no such live agent. */
  public Future<Boolean> setSystemPrompt(OwnerId owner, AgentId agent, String prompt) {
    if (prompt == null || prompt.isEmpty()) {
      return agents.setSystemPrompt(owner, agent, null);
    }
    return envelopes.seal(owner, new SealedField.AgentPrompt(agent), bytes(prompt))
        .compose(sealed -> agents.setSystemPrompt(owner, agent, sealed));
  }

  /** An owner-level secret in plaintext; empty when the owner has none of that name. */
  public Future<Optional<String>> secret(OwnerId owner, SecretName name) {
    SealedField field = new SealedField.OwnerSecret(name);
    return secrets.get(owner, name).compose(sealed -> sealed.isEmpty() ? Future.succeededFuture(Optional.empty())
        : envelopes.open(owner, field, sealed.get()).map(plain -> Optional.of(text(plain))));
  }

  /** Seals and stores (or replaces) an owner-level secret. */
  public Future<Void> setSecret(OwnerId owner, SecretName name, String value) {
    if (value == null || value.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("the secret " + name + " is empty"));
    }
    return envelopes.seal(owner, new SealedField.OwnerSecret(name), bytes(value))
        .compose(sealed -> secrets.put(owner, name, sealed));
  }

  /** True when the owner had such a secret. */
  public Future<Boolean> deleteSecret(OwnerId owner, SecretName name) {
    return secrets.delete(owner, name);
  }

  /** The names of the owner's secrets; the values stay sealed. */
  public Future<List<SecretName>> secretNames(OwnerId owner) {
    return secrets.names(owner);
  }

  /** New data key versions and master key re-wraps, with every stored value readable throughout. */
  public KeyRotation rotation() {
    return rotation;
  }

  /** Seals what belongs to the hub, not to an owner (the console's signing keys). */
  public HubSecrets hubSecrets() {
    return hubSecrets;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] plain) {
    return new String(plain, StandardCharsets.UTF_8);
  }
}
