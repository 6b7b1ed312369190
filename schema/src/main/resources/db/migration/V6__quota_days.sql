-- Daily token totals that outlive Redis: each settled turn adds its real token count here. The owner's total stays
-- in user_quotas; these hold the per-agent and per-remote-domain totals. When Redis has lost a day's counter, the
-- quota check starts it again from these numbers, so a Redis restart never hands out a fresh daily allowance.

CREATE TABLE agent_quota_days (
  agent_id      uuid NOT NULL REFERENCES agents(id),
  owner_user_id uuid NOT NULL REFERENCES users(id),
  day           date NOT NULL,
  tokens_used   bigint NOT NULL DEFAULT 0,
  turns         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (agent_id, day)
);
ALTER TABLE agent_quota_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_quota_days FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON agent_quota_days USING (owner_user_id = aiox_current_owner())
  WITH CHECK (owner_user_id = aiox_current_owner());
GRANT SELECT, INSERT, UPDATE ON agent_quota_days TO ${hub_role};

-- A federated domain's use of this hub, across all owners: hub data, not any owner's, so no row-level security.
CREATE TABLE remote_domain_quota_days (
  domain      text NOT NULL,
  day         date NOT NULL,
  tokens_used bigint NOT NULL DEFAULT 0,
  turns       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (domain, day)
);
GRANT SELECT, INSERT, UPDATE ON remote_domain_quota_days TO ${hub_role};
