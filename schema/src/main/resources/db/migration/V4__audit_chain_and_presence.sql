-- The audit chain is computed in the database, so every writer (hub, console, a later tool) hashes alike.
-- digest(n) = sha256(digest(n-1) || canonical text of entry n); the first entry of an owner chains from no bytes.

CREATE FUNCTION aiox_audit_canonical(p_owner uuid, p_seq bigint, p_agent uuid, p_event text, p_severity text,
                                     p_actor text, p_details jsonb, p_created timestamptz)
  RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT convert_to(concat_ws(E'\x1f', p_owner::text, p_seq::text, coalesce(p_agent::text, ''), p_event,
                                p_severity, coalesce(p_actor, ''), p_details::text,
                                to_char(p_created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')
  $$;

-- Appends one entry for the owner the transaction acts for (row-level security checks that it is the same owner).
-- The advisory lock serializes one owner's writers, so seq has no gaps and the chain no forks.
CREATE FUNCTION aiox_audit_append(p_id uuid, p_owner uuid, p_agent uuid, p_event text, p_severity text,
                                  p_actor text, p_details jsonb)
  RETURNS TABLE (seq bigint, hash bytea) LANGUAGE plpgsql AS $$
DECLARE
  v_prev_seq  bigint;
  v_prev_hash bytea;
  v_created   timestamptz := clock_timestamp();
  v_hash      bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('aiox.audit:' || p_owner::text, 0));
  SELECT a.seq, a.hash INTO v_prev_seq, v_prev_hash
    FROM audit_logs a WHERE a.owner_user_id = p_owner ORDER BY a.seq DESC LIMIT 1;
  v_prev_seq := coalesce(v_prev_seq, 0);
  v_hash := sha256(coalesce(v_prev_hash, ''::bytea)
                   || aiox_audit_canonical(p_owner, v_prev_seq + 1, p_agent, p_event, p_severity, p_actor,
                                           p_details, v_created));
  INSERT INTO audit_logs (id, owner_user_id, seq, agent_id, event_type, severity, actor, details, prev_hash, hash,
                          created_at)
    VALUES (p_id, p_owner, v_prev_seq + 1, p_agent, p_event, p_severity, p_actor, p_details, v_prev_hash, v_hash,
            v_created);
  RETURN QUERY SELECT v_prev_seq + 1, v_hash;
END $$;

GRANT EXECUTE ON FUNCTION aiox_audit_canonical(uuid, bigint, uuid, text, text, text, jsonb, timestamptz),
  aiox_audit_append(uuid, uuid, uuid, text, text, text, jsonb) TO ${hub_role};

-- Presence subscriptions an agent approved (RFC 6121): who hears the agent come and go.
CREATE TABLE agent_subscribers (
  agent_id      uuid NOT NULL REFERENCES agents(id),
  owner_user_id uuid NOT NULL REFERENCES users(id),
  jid           text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, jid)
);
ALTER TABLE agent_subscribers ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_subscribers FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON agent_subscribers USING (owner_user_id = aiox_current_owner())
  WITH CHECK (owner_user_id = aiox_current_owner());
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_subscribers TO ${hub_role};

-- The component's broadcast when it connects or leaves: (agent JID, subscriber) pairs of live agents in a domain,
-- in pages keyed on (agent JID, subscriber) so a large hub never holds them all at once.
CREATE FUNCTION aiox_presence_subscribers(p_domain text, p_after_agent text, p_after_jid text, p_limit integer)
  RETURNS TABLE (agent_jid text, subscriber text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.jid, s.jid FROM agent_subscribers s JOIN agents a ON a.id = s.agent_id
     WHERE a.deleted_at IS NULL AND a.jid LIKE '%@' || p_domain
       AND (a.jid, s.jid) > (coalesce(p_after_agent, ''), coalesce(p_after_jid, ''))
     ORDER BY a.jid, s.jid LIMIT p_limit
  $$;
REVOKE ALL ON FUNCTION aiox_presence_subscribers(text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_presence_subscribers(text, text, text, integer) TO ${hub_role};
