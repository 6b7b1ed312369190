-- Executions a hub left `running` when it stopped (crash, kill) are settled as failed: see ExecutionRepository.
-- Running rows are few at any moment; this index finds them without reading the finished ones.
CREATE INDEX executions_running_idx ON executions (created_at) WHERE status = 'running';

-- Executions still running that started more than p_age_seconds ago (by the database's clock, which every hub
-- instance shares), across owners. Ids only, never content; the hub then settles each in that owner's own scope.
CREATE FUNCTION aiox_stale_executions(p_age_seconds integer, p_limit integer)
  RETURNS TABLE (owner_user_id uuid, id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT e.owner_user_id, e.id FROM executions e
     WHERE e.status = 'running' AND e.created_at < now() - make_interval(secs => p_age_seconds)
     ORDER BY e.created_at, e.id LIMIT p_limit
  $$;
REVOKE ALL ON FUNCTION aiox_stale_executions(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_stale_executions(integer, integer) TO ${hub_role};
