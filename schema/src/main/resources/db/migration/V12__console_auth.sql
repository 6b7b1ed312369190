-- Console sign-in (docs/console.md, "Sign-in and tokens"): a role per user, the hub's token signing keys, refresh
-- token families and per-user API keys. Tokens and keys are stored as SHA-256 hashes only.

ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin'));

-- The ES256 keys access tokens are signed with. Hub-wide (they belong to no owner), so no row-level security: every
-- hub instance signs with the newest and verifies with any listed, which is what lets any instance verify any token.
-- private_key holds the private JWK, sealed under the master key named in sealed_by when security is configured,
-- in the clear (sealed_by NULL) otherwise.
CREATE TABLE console_signing_keys (
  kid          text PRIMARY KEY,
  public_jwk   jsonb NOT NULL,
  private_key  bytea NOT NULL,
  sealed_by    text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, DELETE ON console_signing_keys TO ${hub_role};

CREATE TABLE console_refresh_tokens (
  id            uuid PRIMARY KEY,
  owner_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  family_id     uuid NOT NULL,
  token_hash    bytea NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  rotated_at    timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX console_refresh_tokens_family ON console_refresh_tokens (family_id);

CREATE TABLE console_api_keys (
  id            uuid PRIMARY KEY,
  owner_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  prefix        text NOT NULL,
  key_hash      bytea NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz
);
CREATE INDEX console_api_keys_owner ON console_api_keys (owner_user_id);

ALTER TABLE console_refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE console_refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON console_refresh_tokens USING (owner_user_id = aiox_current_owner())
  WITH CHECK (owner_user_id = aiox_current_owner());
ALTER TABLE console_api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE console_api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON console_api_keys USING (owner_user_id = aiox_current_owner())
  WITH CHECK (owner_user_id = aiox_current_owner());
GRANT SELECT, INSERT, UPDATE, DELETE ON console_refresh_tokens, console_api_keys TO ${hub_role};

-- A presented refresh token or API key says nothing about its owner until it is looked up: these two narrow
-- lookups cross owners and return the owner only; everything else is done in the owner's scope.
CREATE FUNCTION aiox_refresh_token_owner(p_hash bytea) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT owner_user_id FROM console_refresh_tokens WHERE token_hash = p_hash
  $$;

CREATE FUNCTION aiox_api_key_owner(p_hash bytea) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT owner_user_id FROM console_api_keys WHERE key_hash = p_hash
  $$;
REVOKE ALL ON FUNCTION aiox_refresh_token_owner(bytea), aiox_api_key_owner(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_refresh_token_owner(bytea), aiox_api_key_owner(bytea) TO ${hub_role};
