// Pending tool calls that wait for the owner's decision (rfc 9.4), approved or denied from the browser.
import { get, post } from "./api";
import { fill, h, when } from "./dom";
import type { Approval } from "./types";
import { guarded, page, table } from "./ui";

export async function approvals(view: HTMLElement): Promise<() => void> {
  const list = h("div", { id: "approval-list" });
  let deciding = 0;
  view.append(page("Approvals", h("p", { class: "muted" },
    "Tool calls your agents asked to run; without a decision before the time shown they are denied."), list));
  const load = async () => {
    const { approvals } = await get<{ approvals: Approval[] }>("/api/approvals");
    fill(list, approvals.length === 0 ? h("p", { class: "empty" }, "Nothing waits for you.")
      : table(["Agent", "Tool", "Arguments", "Expires", ""], approvals.map(row)));
  };
  const row = (a: Approval): HTMLElement => {
    const outcome = h("span", { class: "outcome muted small" });
    const decide = (decision: "approve" | "deny") => void guarded(async () => {
      tr.querySelectorAll("button").forEach((b) => { b.disabled = true; });
      deciding++;
      const r = await post<{ outcome?: string }>(`/api/approvals/${encodeURIComponent(a.id)}`, { decision })
        .finally(() => { deciding--; });
      outcome.textContent = r.outcome ?? (decision === "approve" ? "approved" : "denied");
      tr.setAttribute("data-decided", decision);
    });
    const tr = h("tr", { class: "approval-row", "data-approval-id": a.id },
      h("td", {}, a.agent_name), h("td", {}, h("code", {}, a.tool)),
      h("td", {}, h("code", { class: "detail" }, JSON.stringify(a.arguments)),
        a.why ? h("div", { class: "muted small" }, `why: ${a.why}`) : null),
      h("td", {}, when(a.expires_at)),
      h("td", { class: "actions" },
        h("button", { type: "button", class: "approve small", onclick: () => decide("approve") }, "Approve"),
        h("button", { type: "button", class: "deny small danger", onclick: () => decide("deny") }, "Deny"), outcome));
    return tr;
  };
  await load();
  // New requests arrive while the page is open: look again every few seconds (not while a decision is sent).
  const timer = window.setInterval(() => {
    if (deciding === 0) void load().catch(() => undefined);
  }, 3000);
  return () => window.clearInterval(timer);
}
