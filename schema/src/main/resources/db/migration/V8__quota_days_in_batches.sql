-- Settled turns reach the day's totals in batches (quota.totals_flush_ms). Written as each owner, a batch over many
-- owners took one transaction of four round trips per owner: with a thousand owners in conversation, about one
-- transaction per turn, and PostgreSQL spent more CPU on it than the hub. This narrow SECURITY DEFINER function
-- writes a whole batch in one call. It can only add to usage totals, never read or lower them, and it takes each
-- agent's owner from the agents table rather than from the caller. Arrays of equal length, one element per
-- (payer, agent, remote domain or null, day) with the tokens and turns settled for it. Owners' rows hold one day:
-- tokens of a day a row has moved past are not added to it (the agent's and the domain's days keep them).
CREATE FUNCTION aiox_add_quota_days(p_payers uuid[], p_agents uuid[], p_domains text[], p_days date[],
                                    p_tokens bigint[], p_turns bigint[])
  RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH t AS (
      SELECT * FROM unnest(p_payers, p_agents, p_domains, p_days, p_tokens, p_turns)
        AS t(payer, agent, domain, day, tokens, turns)
    ), latest AS (
      SELECT payer, max(day) AS day FROM t GROUP BY payer
    )
    INSERT INTO user_quotas AS q (user_id, day, tokens_used_today, tokens_used_minute, last_reset)
      SELECT t.payer, t.day, sum(t.tokens), sum(t.tokens), now()
        FROM t JOIN latest l ON l.payer = t.payer AND l.day = t.day GROUP BY t.payer, t.day
    ON CONFLICT (user_id) DO UPDATE SET
      tokens_used_today = CASE WHEN q.day = EXCLUDED.day THEN q.tokens_used_today + EXCLUDED.tokens_used_today
        WHEN q.day < EXCLUDED.day THEN EXCLUDED.tokens_used_today ELSE q.tokens_used_today END,
      tokens_used_minute = CASE WHEN q.last_reset >= date_trunc('minute', now())
        THEN q.tokens_used_minute + EXCLUDED.tokens_used_minute ELSE EXCLUDED.tokens_used_minute END,
      day = GREATEST(q.day, EXCLUDED.day), last_reset = now();

    INSERT INTO agent_quota_days AS d (agent_id, owner_user_id, day, tokens_used, turns)
      SELECT t.agent, a.owner_user_id, t.day, sum(t.tokens), sum(t.turns)
        FROM unnest(p_agents, p_days, p_tokens, p_turns) AS t(agent, day, tokens, turns)
        JOIN agents a ON a.id = t.agent
       GROUP BY t.agent, a.owner_user_id, t.day
    ON CONFLICT (agent_id, day) DO UPDATE SET tokens_used = d.tokens_used + EXCLUDED.tokens_used,
      turns = d.turns + EXCLUDED.turns;

    INSERT INTO remote_domain_quota_days AS r (domain, day, tokens_used, turns)
      SELECT t.domain, t.day, sum(t.tokens), sum(t.turns)
        FROM unnest(p_domains, p_days, p_tokens, p_turns) AS t(domain, day, tokens, turns)
       WHERE t.domain IS NOT NULL
       GROUP BY t.domain, t.day
    ON CONFLICT (domain, day) DO UPDATE SET tokens_used = r.tokens_used + EXCLUDED.tokens_used,
      turns = r.turns + EXCLUDED.turns;
  $$;

REVOKE ALL ON FUNCTION aiox_add_quota_days(uuid[], uuid[], text[], date[], bigint[], bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION aiox_add_quota_days(uuid[], uuid[], text[], date[], bigint[], bigint[]) TO ${hub_role};
