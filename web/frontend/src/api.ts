// The console's HTTP API client. The access token lives in this module's memory only (never in storage); the
// refresh token is an HttpOnly cookie the page cannot read, traded for a new access token by refresh().

export interface User {
  id: string;
  username: string;
  jid: string;
  role: "user" | "admin" | string;
}

export interface Session {
  access_token: string;
  expires_in: number;
  user: User;
}

/** A failed call, with the problem+json `detail` (or what went wrong) as its message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly problem?: Record<string, unknown>) {
    super(message);
  }
}

let token: string | null = null;
let user: User | null = null;
let refreshing: Promise<boolean> | null = null;
let refreshTimer: number | undefined;
const listeners: Array<(u: User | null) => void> = [];

export function currentUser(): User | null {
  return user;
}

export function onSession(listener: (u: User | null) => void): void {
  listeners.push(listener);
}

function setSession(s: Session | null): void {
  token = s ? s.access_token : null;
  user = s ? s.user : null;
  window.clearTimeout(refreshTimer);
  if (s) {
    // Renew a little before expiry so a page left open keeps working.
    const ms = Math.max(5, s.expires_in - 30) * 1000;
    refreshTimer = window.setTimeout(() => void refresh(), ms);
  }
  listeners.forEach((l) => l(user));
}

export async function login(username: string, password: string): Promise<User> {
  const s = await call<Session>("POST", "/api/auth/login", { username, password }, false);
  setSession(s);
  return s.user;
}

/** Resumes the session from the refresh cookie; false when there is none (or it was revoked). */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const r = await fetch("/api/auth/refresh", {
        method: "POST",
        credentials: "same-origin",
        headers: { "x-aiox-csrf": "1", accept: "application/json" },
      });
      if (!r.ok) {
        setSession(null);
        return false;
      }
      setSession((await r.json()) as Session);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function logout(): Promise<void> {
  try {
    await call("POST", "/api/auth/logout", undefined, true);
  } finally {
    setSession(null);
  }
}

/** A JSON call; a 401 with a token tries one refresh and repeats the call. */
export async function call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
  let r = await send(method, path, body, auth);
  if (r.status === 401 && auth && (await refresh())) {
    r = await send(method, path, body, auth);
  }
  if (r.status === 204) return undefined as T;
  const type = r.headers.get("content-type") ?? "";
  const data: unknown = type.includes("json") ? await r.json() : await r.text();
  if (!r.ok) {
    const p = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : undefined;
    const detail = p && typeof p.detail === "string" ? p.detail : p && typeof p.title === "string" ? p.title
      : `${method} ${path} failed (${r.status})`;
    if (r.status === 401 && auth) setSession(null);
    throw new ApiError(r.status, detail, p);
  }
  return data as T;
}

function send(method: string, path: string, body: unknown, auth: boolean): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (auth && token) headers.authorization = `Bearer ${token}`;
  return fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const get = <T>(path: string) => call<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => call<T>("POST", path, body ?? {});
export const patch = <T>(path: string, body: unknown) => call<T>("PATCH", path, body);
export const put = <T>(path: string, body: unknown) => call<T>("PUT", path, body);
export const del = (path: string) => call<void>("DELETE", path);
