-- Group chat rooms (XEP-0045) an agent joined on an invitation, with the nickname it took: the component rejoins
-- them when it connects, and a room's messages count only when they come from a room the agent is in.
CREATE TABLE agent_rooms (
  agent_id      uuid NOT NULL REFERENCES agents(id),
  owner_user_id uuid NOT NULL REFERENCES users(id),
  room          text NOT NULL,
  nick          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, room)
);
ALTER TABLE agent_rooms ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_rooms FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_only ON agent_rooms USING (owner_user_id = aiox_current_owner())
  WITH CHECK (owner_user_id = aiox_current_owner());
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_rooms TO ${hub_role};

-- The component's rejoin when it connects: (agent JID, room, nick) of live agents in a domain, across owners, in
-- pages keyed on (agent JID, room).
CREATE FUNCTION aiox_agent_rooms(p_domain text, p_after_agent text, p_after_room text, p_limit integer)
  RETURNS TABLE (agent_jid text, room text, nick text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.jid, r.room, r.nick FROM agent_rooms r JOIN agents a ON a.id = r.agent_id
     WHERE a.deleted_at IS NULL AND a.jid LIKE '%@' || p_domain
       AND (a.jid, r.room) > (coalesce(p_after_agent, ''), coalesce(p_after_room, ''))
     ORDER BY a.jid, r.room LIMIT p_limit
  $$;
REVOKE ALL ON FUNCTION aiox_agent_rooms(text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_agent_rooms(text, text, text, integer) TO ${hub_role};
