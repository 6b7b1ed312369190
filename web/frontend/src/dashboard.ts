// Governance at a glance: quota left, tokens per day per agent, refusals by reason, latency per model, cost,
// queue and workers, alerts.
import { currentUser, get } from "./api";
import { hbars, meter, pairedBars, stackedColumns } from "./charts";
import { h, num, when } from "./dom";
import type { Alert, Usage } from "./types";
import { page, pill, table } from "./ui";

export async function dashboard(view: HTMLElement, everyone: boolean): Promise<void> {
  const admin = currentUser()?.role === "admin";
  const [usage, alerts] = await Promise.all([
    get<Usage>(`/api/usage?days=7${admin && everyone ? "&owner=all" : ""}`),
    get<{ alerts: Alert[] }>("/api/alerts").then((a) => a.alerts).catch(() => [] as Alert[]),
  ]);
  const toggle = admin
    ? h("label", { class: "inline" }, h("input", { id: "dashboard-all", type: "checkbox", checked: everyone,
      onchange: (e: Event) => { location.hash = (e.target as HTMLInputElement).checked ? "#/dashboard/all" : "#/dashboard"; } }),
      " everyone")
    : null;
  view.append(page("Governance", h("div", { class: "toolbar muted small" }, "the last 7 days", toggle),
    alerts.length ? h("div", { class: "card alerts" }, h("h2", {}, "Alerts"),
      h("ul", { id: "alerts" }, ...alerts.map((a) => h("li", {}, pill(a.kind, "warn"), " ", a.text, " ",
        h("span", { class: "muted small" }, when(a.at)))))) : null,
    h("div", { class: "grid" },
      card("Quota", quota(usage)),
      card("Tokens per day and agent", h("div", { id: "usage-chart" }, tokensChart(usage))),
      card("Refusals by reason", h("div", { id: "refusals" },
        hbars(usage.refusals.map((r) => ({ label: r.reason, value: r.count })), "refusals"))),
      card("Latency per model (p50 / p99)", h("div", { id: "latency" },
        pairedBars(usage.latency.map((l) => ({ label: `${l.model} (${num(l.turns)} turns)`, a: l.p50_ms, b: l.p99_ms })),
          ["p50", "p99"], "ms"))),
      card("Estimated cost", cost(usage)),
      card("Queue and workers", workers(usage)))));
}

function card(title: string, body: Node): HTMLElement {
  return h("div", { class: "card" }, h("h2", {}, title), body);
}

function quota(u: Usage): HTMLElement {
  const limited = u.quota.filter((q) => q.limit !== null && q.remaining !== null);
  const day = limited.find((q) => q.window === "day" && q.scope === "user") ?? limited.find((q) => q.window === "day");
  return h("div", {},
    h("div", { id: "quota-remaining", class: "big-number" },
      day ? h("strong", { class: "quota-number" }, String(day.remaining)) : h("strong", {}, "—"),
      h("span", { class: "muted" }, day ? ` tokens left today (${day.agent_name ?? day.scope})` : " no daily token limit"),
      day?.resets_at ? h("div", { class: "muted small" }, `resets ${when(day.resets_at)}`) : null),
    u.quota_unavailable ? h("p", { class: "muted small" }, `quota counters unavailable: ${u.quota_unavailable}`) : null,
    ...limited.map((q) => meter(`${q.agent_name ?? q.scope} · ${(q.limit_key ?? q.window).replace(/^max_/, "").replace(/_/g, " ")}`,
      q.used, q.limit ?? 0)));
}

function tokensChart(u: Usage): Element {
  // Every day of the period gets its column, quiet days included.
  const period: string[] = [];
  for (let i = 6; i >= 0; i--) period.push(new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10));
  const days = [...new Set([...period, ...u.days.map((d) => d.day.slice(0, 10))])].sort();
  const agents = new Map<string, string>();
  u.days.forEach((d) => agents.set(d.agent_id, d.agent_name));
  const series = [...agents].map(([id, name]) => ({
    name,
    values: days.map((day) => u.days.filter((d) => d.day.slice(0, 10) === day && d.agent_id === id).reduce((a, d) => a + d.tokens, 0)),
  }));
  return stackedColumns(days, series, "tokens");
}

function cost(u: Usage): HTMLElement {
  const money = (v: number | null) => (v === null ? "not priced" : `${v.toFixed(4)} ${u.cost.currency}`);
  return h("div", {}, h("div", { class: "big-number" }, h("strong", {}, money(u.cost.total))),
    u.cost.by_model.length ? table(["Model", "Tokens", "Cost"], u.cost.by_model.map((m) =>
      h("tr", {}, h("td", {}, m.model), h("td", { class: "num" }, num(m.tokens)), h("td", { class: "num" }, money(m.cost))))) : null);
}

function workers(u: Usage): HTMLElement {
  return h("div", {}, h("p", {}, "Queue depth: ", h("strong", { id: "queue-depth" }, num(u.queue.depth))),
    u.workers.length ? table(["Model", "Health", "Busy / slots"], u.workers.map((w) => h("tr", {},
      h("td", {}, w.model), h("td", {}, w.healthy ? pill("healthy", "good") : pill(w.problem ?? "down", "bad")),
      h("td", { class: "num" }, `${w.busy} / ${w.slots}`)))) : h("p", { class: "empty" }, "no workers reported"));
}
