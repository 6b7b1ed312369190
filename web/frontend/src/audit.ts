// The owner's audit chain, newest first, with verification of its hashes.
import { get } from "./api";
import { fill, h, when } from "./dom";
import type { AuditEntry } from "./types";
import { guarded, page, pill, table } from "./ui";

export async function audit(view: HTMLElement, agent: string | null): Promise<void> {
  const list = h("div", { id: "audit-list" });
  const result = h("div", { id: "audit-verify-result", "aria-live": "polite" });
  const verify = h("button", { id: "audit-verify", type: "button" }, "Verify the chain");
  const more = h("button", { id: "audit-more", type: "button", class: "secondary", hidden: true }, "Older entries");
  const rows: HTMLElement[] = [];
  let before: number | null = null;

  verify.addEventListener("click", () => void guarded(async () => {
    fill(result, "checking…");
    const v = await get<{ intact: boolean; checked: number; breaks: Array<{ seq: number; reason: string }> }>("/api/audit/verify");
    fill(result, v.intact
      ? h("span", { class: "ok", "data-intact": "true" }, pill("intact", "good"), ` ${v.checked} entries checked`)
      : h("div", { "data-intact": "false" }, pill("broken", "bad"), ` ${v.checked} entries checked`,
        h("ul", {}, ...v.breaks.map((b) => h("li", {}, `#${b.seq}: ${b.reason}`)))));
  }));

  const load = async () => {
    const q = new URLSearchParams({ limit: "50" });
    if (before !== null) q.set("before", String(before));
    if (agent) q.set("agent", agent);
    const page = await get<{ entries: AuditEntry[]; next_before?: number | null }>(`/api/audit?${q}`);
    rows.push(...page.entries.map(row));
    before = page.next_before ?? null;
    more.hidden = before === null;
    fill(list, rows.length ? table(["#", "When", "Event", "Severity", "Detail"], rows) : h("p", { class: "empty" }, "no entries"));
  };
  more.addEventListener("click", () => void guarded(load));
  view.append(page("Audit", h("div", { class: "toolbar" }, verify, result), list, more));
  await load();
}

function row(e: AuditEntry): HTMLElement {
  const sev = e.severity === "critical" || e.severity === "error" ? "bad" : e.severity === "warning" ? "warn" : "";
  return h("tr", { class: "audit-row", "data-event": e.event, "data-seq": e.seq },
    h("td", { class: "num" }, String(e.seq)), h("td", {}, when(e.at)), h("td", {}, h("code", {}, e.event)),
    h("td", {}, pill(e.severity, sev)),
    h("td", {}, h("code", { class: "detail" }, JSON.stringify(e.detail))));
}
