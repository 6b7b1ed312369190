package io.aiox.schema.key;

import io.aiox.schema.id.AgentId;

/** Where a sealed value lives; a rotation re-encrypts each in place. */
public sealed interface SealedField {
  /** {@code agents.system_prompt_enc} of one agent. */
  record AgentPrompt(AgentId agent) implements SealedField {}

  /** {@code owner_secrets.ciphertext} under one name. */
  record OwnerSecret(SecretName name) implements SealedField {}
}
