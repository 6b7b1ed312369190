-- The few lookups that must cross owners, as narrow SECURITY DEFINER functions: the hub role gets these rows
-- without any way to widen the query. Each returns routing/identity data only, never memories or secrets.

-- Who is this XMPP address? (the stanza's sender: a local account or a JID an owner linked)
CREATE FUNCTION aiox_user_by_jid(p_jid text)
  RETURNS TABLE (id uuid, username text, xmpp_jid text, disabled_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.id, u.username, u.xmpp_jid, u.disabled_at FROM users u WHERE u.xmpp_jid = lower(p_jid)
    UNION ALL
    SELECT u.id, u.username, u.xmpp_jid, u.disabled_at
      FROM user_linked_jids l JOIN users u ON u.id = l.owner_user_id WHERE l.jid = lower(p_jid)
    LIMIT 1
  $$;

CREATE FUNCTION aiox_user_by_name(p_username text)
  RETURNS TABLE (id uuid, username text, xmpp_jid text, disabled_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.id, u.username, u.xmpp_jid, u.disabled_at FROM users u WHERE u.username = p_username
  $$;

-- Which agent is this address, and may it be talked to? (the stanza's recipient)
CREATE FUNCTION aiox_agent_route(p_jid text)
  RETURNS TABLE (id uuid, owner_user_id uuid, jid text, profile jsonb, llm_config jsonb, capabilities jsonb,
                 memory_config jsonb, governance jsonb, governance_version integer, visibility text,
                 created_at timestamptz, updated_at timestamptz, deleted_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.id, a.owner_user_id, a.jid, a.profile, a.llm_config, a.capabilities, a.memory_config, a.governance,
           a.governance_version, a.visibility, a.created_at, a.updated_at, a.deleted_at
      FROM agents a WHERE a.jid = lower(p_jid)
  $$;

REVOKE ALL ON FUNCTION aiox_user_by_jid(text), aiox_user_by_name(text), aiox_agent_route(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_user_by_jid(text), aiox_user_by_name(text), aiox_agent_route(text) TO ${hub_role};
