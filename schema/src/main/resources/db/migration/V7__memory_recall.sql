-- Long-term memory recall (docs/operations.md "Memory"). The hub reads agent_memories only through these
-- functions and io.aiox.schema.memory.MemoryRepository; both name the owner and the agent, and row-level security
-- (V2) holds every statement to the owner the transaction set, so a wrong owner argument still finds nothing.

-- Top-k memories of one live agent by cosine similarity, best first, at least p_min_score. Conversation memories
-- (kinds turn and summary) come back only in a conversation with the same peer (p_peer, a bare JID), so what one
-- peer told a shared agent is never recalled for another; facts and documents, which the owner gave the agent,
-- come back for everyone the agent talks to. An agent with at most
-- p_exact_limit memories is searched exactly (its rows through the (owner, agent) index, every distance computed);
-- a larger one through the HNSW index with p_ef_search candidates and pgvector's iterative scan, so rows filtered
-- out by owner and agent do not leave the answer short. A deleted agent's memories are never returned.
CREATE FUNCTION aiox_memory_recall(p_owner uuid, p_agent uuid, p_peer text, p_query vector, p_k integer,
                                   p_min_score double precision, p_exact_limit integer, p_ef_search integer)
  RETURNS TABLE (id uuid, kind text, source text, content text, created_at timestamptz, score double precision)
  LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_rows integer;
BEGIN
  PERFORM 1 FROM agents a WHERE a.id = p_agent AND a.owner_user_id = p_owner AND a.deleted_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT count(*) INTO v_rows FROM (SELECT 1 FROM agent_memories m
    WHERE m.owner_user_id = p_owner AND m.agent_id = p_agent LIMIT p_exact_limit + 1) s;
  IF v_rows <= p_exact_limit THEN
    RETURN QUERY
      WITH mine AS MATERIALIZED (
        SELECT m.id, m.kind, m.source, m.content, m.created_at, m.embedding <=> p_query AS distance
          FROM agent_memories m WHERE m.owner_user_id = p_owner AND m.agent_id = p_agent
           AND (m.kind IN ('fact', 'document') OR m.metadata->>'peer' = p_peer))
      SELECT x.id, x.kind, x.source, x.content, x.created_at, 1 - x.distance FROM mine x
       WHERE 1 - x.distance >= p_min_score ORDER BY x.distance, x.id LIMIT p_k;
    RETURN;
  END IF;
  PERFORM set_config('hnsw.ef_search', greatest(p_ef_search, p_k)::text, true);
  PERFORM set_config('hnsw.iterative_scan', 'strict_order', true);
  -- Dynamic, so it is planned with the actual owner: the partition is pruned and the planner sees this owner's size.
  RETURN QUERY EXECUTE
    'SELECT r.id, r.kind, r.source, r.content, r.created_at, r.score FROM (
       SELECT m.id, m.kind, m.source, m.content, m.created_at, 1 - (m.embedding <=> $3) AS score
         FROM agent_memories m WHERE m.owner_user_id = $1 AND m.agent_id = $2
          AND (m.kind IN (''fact'', ''document'') OR m.metadata->>''peer'' = $6)
        ORDER BY m.embedding <=> $3 LIMIT $4) r WHERE r.score >= $5 ORDER BY r.score DESC, r.id'
    USING p_owner, p_agent, p_query, p_k, p_min_score, p_peer;
END $$;
GRANT EXECUTE ON FUNCTION aiox_memory_recall(uuid, uuid, text, vector, integer, double precision, integer, integer)
  TO ${hub_role};

-- Retention: agents deleted before the cutoff that still hold memories, across owners. Ids only, never content;
-- the hub then deletes each agent's memories in that owner's own scope.
CREATE FUNCTION aiox_memory_retention_due(p_deleted_before timestamptz, p_limit integer)
  RETURNS TABLE (owner_user_id uuid, agent_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT a.owner_user_id, a.id FROM agents a
     WHERE a.deleted_at < p_deleted_before
       AND EXISTS (SELECT 1 FROM agent_memories m WHERE m.owner_user_id = a.owner_user_id AND m.agent_id = a.id)
     ORDER BY a.deleted_at, a.id LIMIT p_limit
  $$;
REVOKE ALL ON FUNCTION aiox_memory_retention_due(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_memory_retention_due(timestamptz, integer) TO ${hub_role};

CREATE INDEX agents_deleted_idx ON agents (deleted_at) WHERE deleted_at IS NOT NULL;
