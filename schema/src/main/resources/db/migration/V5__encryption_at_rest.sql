-- Encryption at rest (docs/operations.md "Encryption at rest"). Values are sealed by the policy module with the
-- owner's data key (AES-256-GCM); data keys live in tenant_keys, wrapped by the operator's master key. The
-- database holds ciphertext and key versions only, so a dump or a stolen disk reveals no prompt and no secret.

-- Owner-level secrets: provider API keys, tool secrets. The name is bound into the ciphertext's associated data,
-- so a sealed value copied to another name or owner no longer opens.
CREATE TABLE owner_secrets (
  owner_user_id uuid NOT NULL REFERENCES users(id),
  name          text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._:-]{0,127}$'),
  ciphertext    bytea NOT NULL,
  key_version   integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_user_id, name),
  -- A data key cannot be deleted while a value still needs it.
  FOREIGN KEY (owner_user_id, key_version) REFERENCES tenant_keys (owner_user_id, version)
);
ALTER TABLE owner_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE owner_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON owner_secrets USING (owner_user_id = aiox_current_owner())
  WITH CHECK (owner_user_id = aiox_current_owner());
GRANT SELECT, INSERT, UPDATE, DELETE ON owner_secrets TO ${hub_role};

-- A sealed column always names the data key version that opens it, and that version must exist.
ALTER TABLE agents
  ADD CONSTRAINT agents_system_prompt_sealed CHECK ((system_prompt_enc IS NULL) = (system_prompt_key IS NULL)),
  ADD CONSTRAINT agents_system_prompt_key_fk FOREIGN KEY (owner_user_id, system_prompt_key)
    REFERENCES tenant_keys (owner_user_id, version);
ALTER TABLE agent_tools
  ADD CONSTRAINT agent_tools_secret_sealed CHECK ((secret_enc IS NULL) = (secret_key IS NULL)),
  ADD CONSTRAINT agent_tools_secret_key_fk FOREIGN KEY (owner_user_id, secret_key)
    REFERENCES tenant_keys (owner_user_id, version);

-- Rotation visits every owner that holds data keys. These return owner ids and per-master-key counts only, never
-- key material, so the hub role can run a rotation without a cross-owner view of the keys themselves.
CREATE FUNCTION aiox_key_owners(p_after uuid, p_limit integer)
  RETURNS TABLE (owner_user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT k.owner_user_id FROM tenant_keys k
     WHERE p_after IS NULL OR k.owner_user_id > p_after
     ORDER BY 1 LIMIT p_limit
  $$;

CREATE FUNCTION aiox_key_master_usage()
  RETURNS TABLE (master_key_id text, data_keys bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT k.master_key_id, count(*) FROM tenant_keys k GROUP BY k.master_key_id ORDER BY 1
  $$;

REVOKE ALL ON FUNCTION aiox_key_owners(uuid, integer), aiox_key_master_usage() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_key_owners(uuid, integer), aiox_key_master_usage() TO ${hub_role};
