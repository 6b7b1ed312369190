// The API's shapes (docs/console.md), snake_case as on the wire.

export interface ToolSetting {
  name: string;
  enabled: boolean;
  policy?: Record<string, unknown>;
}

export interface Agent {
  id: string;
  jid: string;
  name: string;
  description?: string | null;
  owner: { id: string; username: string };
  system_prompt?: string | null;
  model?: string | null;
  fallbacks: string[];
  visibility: string;
  shared_with: string[];
  memory: Record<string, unknown>;
  tools: ToolSetting[];
  governance: Record<string, unknown>;
  deleted: boolean;
  status?: string;
  created_at: string;
  updated_at: string;
}

export interface Model {
  name: string;
  provider: string;
  local: boolean;
  default?: boolean;
  healthy?: boolean;
  slots?: number;
}

export interface Tool {
  name: string;
  description: string;
  default_policy?: unknown;
}

export interface Usage {
  days: Array<{ day: string; agent_id: string; agent_name: string; tokens: number; turns: number }>;
  refusals: Array<{ reason: string; count: number }>;
  cost: { currency: string; total: number; by_model: Array<{ model: string; tokens: number; cost: number | null; priced?: boolean }> };
  latency: Array<{ model: string; turns: number; p50_ms: number; p99_ms: number }>;
  /** limit and remaining are null where the limit is off. */
  quota: Array<{ scope: string; agent_id?: string | null; agent_name?: string | null; window: string; limit_key?: string;
    limit: number | null; used: number; remaining: number | null; resets_at?: string | null }>;
  quota_unavailable?: string;
  queue: { depth: number };
  workers: Array<{ model: string; healthy: boolean; slots: number; busy: number; waiting?: number; problem?: string | null }>;
}

export interface Alert {
  id: string;
  kind: string;
  scope: string;
  used: number;
  limit: number;
  at: string;
  text: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  event: string;
  severity: string;
  agent_id?: string | null;
  detail: Record<string, unknown>;
}

export interface Approval {
  id: string;
  agent_id: string;
  agent_name: string;
  tool: string;
  arguments: Record<string, unknown>;
  why?: string | null;
  requested_at: string;
  expires_at: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at?: string | null;
}

export interface AdminUser {
  id: string;
  username: string;
  jid: string;
  role: string;
  agents: number;
  created_at: string;
}
