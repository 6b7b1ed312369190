-- AIOX data model (see ../shared/seeds: users, agents, tools, memories, executions, audit, quotas, workers, keys).
-- Tables belong to the migrating role; the hub connects as ${hub_role}, which is not their owner, is no superuser
-- and has NOBYPASSRLS, so row-level security binds it. Owner-scoped tables admit a row only when its owner is the
-- owner the session set with set_config('aiox.owner_id', ..., true).

CREATE EXTENSION IF NOT EXISTS vector;

-- The owner the current transaction acts for, or NULL (which matches no row).
CREATE FUNCTION aiox_current_owner() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('aiox.owner_id', true), '')::uuid $$;

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  xmpp_jid      text NOT NULL UNIQUE,
  email         text UNIQUE,
  password_hash text,
  quota_config  jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

-- JIDs an owner linked to their account (another device's account, a JID on a federated hub).
CREATE TABLE user_linked_jids (
  owner_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  jid           text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_user_id, jid)
);

CREATE TABLE agents (
  id                 uuid PRIMARY KEY,
  owner_user_id      uuid NOT NULL REFERENCES users(id),
  jid                text NOT NULL UNIQUE,
  profile            jsonb NOT NULL DEFAULT '{}'::jsonb,
  system_prompt_enc  bytea,
  system_prompt_key  integer,
  llm_config         jsonb NOT NULL DEFAULT '{}'::jsonb,
  capabilities       jsonb NOT NULL DEFAULT '{}'::jsonb,
  memory_config      jsonb NOT NULL DEFAULT '{}'::jsonb,
  governance         jsonb NOT NULL DEFAULT '{}'::jsonb,
  governance_version integer NOT NULL DEFAULT 1,
  visibility         text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'shared', 'public')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz
);
CREATE INDEX agents_owner_idx ON agents (owner_user_id) WHERE deleted_at IS NULL;

CREATE TABLE agent_tools (
  id            uuid PRIMARY KEY,
  owner_user_id uuid NOT NULL REFERENCES users(id),
  agent_id      uuid NOT NULL REFERENCES agents(id),
  tool_name     text NOT NULL,
  policy        jsonb NOT NULL DEFAULT '{}'::jsonb,
  worker_type   text NOT NULL DEFAULT 'java',
  secret_enc    bytea,
  secret_key    integer,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agent_id, tool_name)
);

-- Long-term memory, hash-partitioned by owner so one owner's recall scans one partition.
CREATE TABLE agent_memories (
  id            uuid NOT NULL,
  owner_user_id uuid NOT NULL,
  agent_id      uuid NOT NULL,
  kind          text NOT NULL DEFAULT 'turn' CHECK (kind IN ('turn', 'summary', 'fact', 'document')),
  source        text,
  content       text NOT NULL,
  embedding     vector(384) NOT NULL,
  metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_user_id, id)
) PARTITION BY HASH (owner_user_id);

DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE agent_memories_p%s PARTITION OF agent_memories
                    FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(i::text, 2, '0'), i);
  END LOOP;
END $$;
CREATE INDEX agent_memories_owner_agent_idx ON agent_memories (owner_user_id, agent_id, created_at);
CREATE INDEX agent_memories_embedding_hnsw ON agent_memories USING hnsw (embedding vector_cosine_ops);

CREATE TABLE executions (
  id                uuid PRIMARY KEY,
  owner_user_id     uuid NOT NULL REFERENCES users(id),
  agent_id          uuid NOT NULL REFERENCES agents(id),
  request_id        text NOT NULL,
  peer_jid          text,
  status            text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'refused', 'cancelled')),
  input             text,
  output            text,
  error             text,
  provider          text,
  model             text,
  prompt_tokens     integer,
  completion_tokens integer,
  tools_called      jsonb NOT NULL DEFAULT '[]'::jsonb,
  worker_id         text,
  -- per-stage latencies in microseconds: routing, policy, queue, recall, inference, reply
  stage_micros      jsonb NOT NULL DEFAULT '{}'::jsonb,
  duration_ms       integer,
  created_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz,
  UNIQUE (agent_id, request_id)
);
CREATE INDEX executions_owner_idx ON executions (owner_user_id, created_at);

-- Append-only; each entry carries the hash of the owner's previous entry, so a changed row breaks the chain.
CREATE TABLE audit_logs (
  id            uuid PRIMARY KEY,
  owner_user_id uuid NOT NULL,
  seq           bigint NOT NULL,
  agent_id      uuid,
  event_type    text NOT NULL,
  severity      text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  actor         text,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash     bytea,
  hash          bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_user_id, seq)
);

CREATE FUNCTION aiox_audit_is_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION aiox_audit_is_append_only();

CREATE TABLE user_quotas (
  user_id            uuid PRIMARY KEY REFERENCES users(id),
  day                date NOT NULL DEFAULT current_date,
  tokens_used_today  bigint NOT NULL DEFAULT 0,
  tokens_used_minute bigint NOT NULL DEFAULT 0,
  last_reset         timestamptz NOT NULL DEFAULT now(),
  violations         jsonb NOT NULL DEFAULT '[]'::jsonb
);

CREATE TABLE ai_workers (
  id             uuid PRIMARY KEY,
  worker_id      text NOT NULL UNIQUE,
  host           text NOT NULL,
  port           integer,
  status         text NOT NULL DEFAULT 'healthy' CHECK (status IN ('healthy', 'degraded', 'down')),
  last_heartbeat timestamptz,
  capabilities   jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Per-tenant data keys, wrapped by the operator's master key; several versions live during a rotation.
CREATE TABLE tenant_keys (
  owner_user_id uuid NOT NULL REFERENCES users(id),
  version       integer NOT NULL,
  wrapped_key   bytea NOT NULL,
  master_key_id text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  retired_at    timestamptz,
  PRIMARY KEY (owner_user_id, version)
);
