-- Usage alerts (docs/console.md, "Usage"): one row per owner, counter, limit and window, so an owner is told once
-- per window that a limit is nearly spent however many hub instances look. The unique key is what makes it once.
CREATE TABLE usage_alerts (
  id            uuid PRIMARY KEY,
  owner_user_id uuid NOT NULL REFERENCES users(id),
  scope         text NOT NULL CHECK (scope IN ('user', 'agent')),
  scope_id      uuid NOT NULL,
  limit_key     text NOT NULL,
  window_start  timestamptz NOT NULL,
  used          bigint NOT NULL,
  limit_value   bigint NOT NULL,
  text          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_user_id, scope, scope_id, limit_key, window_start)
);
CREATE INDEX usage_alerts_owner_idx ON usage_alerts (owner_user_id, created_at);

ALTER TABLE usage_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON usage_alerts USING (owner_user_id = aiox_current_owner())
  WITH CHECK (owner_user_id = aiox_current_owner());
GRANT SELECT, INSERT ON usage_alerts TO ${hub_role};

-- The sweep that looks for owners near a limit needs to know who was active, across owners: ids, the agent's
-- name and governance (its limits) only, as a narrow SECURITY DEFINER lookup like those of V3.
CREATE FUNCTION aiox_recent_turns(p_seconds integer)
  RETURNS TABLE (owner_user_id uuid, owner_jid text, agent_id uuid, agent_name text, governance jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT DISTINCT e.owner_user_id, u.xmpp_jid, e.agent_id, a.profile->>'name', a.governance
      FROM executions e JOIN agents a ON a.id = e.agent_id JOIN users u ON u.id = e.owner_user_id
     WHERE coalesce(e.finished_at, e.created_at) > now() - make_interval(secs => p_seconds)
       AND a.deleted_at IS NULL AND u.disabled_at IS NULL
  $$;
REVOKE ALL ON FUNCTION aiox_recent_turns(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_recent_turns(integer) TO ${hub_role};
