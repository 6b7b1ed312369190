-- What a quota check reads from the database (the owner's quota_config, today's stored totals for the owner, the
-- agent and a remote domain), in one call without a transaction: written as the owner it took four round trips
-- (BEGIN, the owner's scope, the query, COMMIT). A narrow SECURITY DEFINER function like the routing lookups of V3:
-- it returns limits and counts for the ids it is given, nothing else of the owner's.
CREATE FUNCTION aiox_quota_snapshot(p_owner uuid, p_agent uuid, p_domain text)
  RETURNS TABLE (today date, quota_config jsonb, owner_today bigint, agent_today bigint, domain_today bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH d AS (SELECT (now() AT TIME ZONE 'UTC')::date AS today)
    SELECT d.today,
           (SELECT u.quota_config FROM users u WHERE u.id = p_owner),
           (SELECT q.tokens_used_today FROM user_quotas q WHERE q.user_id = p_owner AND q.day = d.today),
           (SELECT a.tokens_used FROM agent_quota_days a WHERE a.agent_id = p_agent AND a.day = d.today),
           (SELECT r.tokens_used FROM remote_domain_quota_days r WHERE r.domain = p_domain AND r.day = d.today)
      FROM d
  $$;

REVOKE ALL ON FUNCTION aiox_quota_snapshot(uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_quota_snapshot(uuid, uuid, text) TO ${hub_role};
