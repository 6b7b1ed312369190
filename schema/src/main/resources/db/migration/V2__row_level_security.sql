-- Row-level security: the hub role sees and writes only the rows of the owner its transaction set.
-- FORCE makes the policies bind the tables' owner too; only a superuser (the operator's migration role) bypasses them.

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('users', 'id'), ('user_linked_jids', 'owner_user_id'), ('agents', 'owner_user_id'),
      ('agent_tools', 'owner_user_id'), ('agent_memories', 'owner_user_id'), ('executions', 'owner_user_id'),
      ('audit_logs', 'owner_user_id'), ('user_quotas', 'user_id'), ('tenant_keys', 'owner_user_id')) AS x(tbl, col)
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.tbl);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.tbl);
    EXECUTE format('CREATE POLICY owner_only ON %I USING (%I = aiox_current_owner()) WITH CHECK (%I = aiox_current_owner())',
                   t.tbl, t.col, t.col);
  END LOOP;
END $$;

GRANT USAGE ON SCHEMA public TO ${hub_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON users, user_linked_jids, agents, agent_tools, agent_memories, executions,
  user_quotas, tenant_keys, ai_workers TO ${hub_role};
-- audit_logs: insert and read only; the trigger refuses changes even to its owner.
GRANT SELECT, INSERT ON audit_logs TO ${hub_role};
