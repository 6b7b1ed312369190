// The agent list and the create/edit form (every field of the API's Agent).
import { currentUser, del, get, patch, post, put } from "./api";
import { h, fill, when } from "./dom";
import type { Agent, Model, Tool } from "./types";
import { field, guarded, jsonObject, list, page, pill, table } from "./ui";

export async function agentList(view: HTMLElement, all: boolean): Promise<void> {
  const admin = currentUser()?.role === "admin";
  const body = h("div", { id: "agent-list" });
  const toggle = admin
    ? h("label", { class: "inline" }, h("input", { id: "agent-all", type: "checkbox", checked: all,
      onchange: (e: Event) => { location.hash = (e.target as HTMLInputElement).checked ? "#/agents/all" : "#/agents"; } }),
      " everyone's agents")
    : null;
  view.append(page("Agents", h("div", { class: "toolbar" },
    h("a", { id: "new-agent", class: "button", href: "#/agents/new" }, "New agent"), toggle), body));
  const { agents } = await get<{ agents: Agent[] }>(all ? "/api/agents?all=true" : "/api/agents");
  if (agents.length === 0) {
    fill(body, h("p", { class: "empty" }, "No agents yet. Make one with New agent."));
    return;
  }
  fill(body, table(["Agent", "Status", "Model", "Visibility", all ? "Owner" : "Updated", ""],
    agents.map((a) => h("tr", { class: "agent-row", "data-agent-id": a.id },
      h("td", {}, h("a", { href: `#/agents/${a.id}`, class: "agent-name" }, a.name),
        h("div", { class: "muted small" }, a.description ?? "")),
      h("td", {}, status(a)),
      h("td", {}, a.model || "default"),
      h("td", {}, a.visibility),
      h("td", {}, all ? a.owner.username : when(a.updated_at)),
      h("td", { class: "actions" }, a.deleted ? null : h("a", { class: "button small chat-link", href: `#/chat/${a.id}` }, "Chat"))))));
}

function status(a: Agent): HTMLElement {
  if (a.deleted) return pill("deleted", "bad");
  const s = a.status ?? "active";
  return pill(s, s === "active" || s === "available" ? "good" : "");
}

export async function agentForm(view: HTMLElement, id: string | null): Promise<void> {
  const [agent, models, tools] = await Promise.all([
    id ? get<Agent>(`/api/agents/${encodeURIComponent(id)}`) : Promise.resolve(null),
    get<{ models: Model[] }>("/api/models").then((m) => m.models).catch(() => [] as Model[]),
    get<{ tools: Tool[] }>("/api/tools").then((t) => t.tools).catch(() => [] as Tool[]),
  ]);
  const name = h("input", { id: "agent-name", required: true, maxlength: 100, value: agent?.name ?? "" });
  const description = h("input", { id: "agent-description", value: agent?.description ?? "" });
  const prompt = h("textarea", { id: "agent-system-prompt", rows: 5 });
  prompt.value = agent?.system_prompt ?? "";
  const model = h("select", { id: "agent-model" }, h("option", { value: "" }, "the hub's default"),
    ...models.map((m) => h("option", { value: m.name }, `${m.name} (${m.local ? "local" : m.provider})${m.default ? " — default" : ""}`)));
  if (agent?.model && !models.some((m) => m.name === agent.model)) model.append(h("option", { value: agent.model }, agent.model));
  model.value = agent?.model || "";
  const fallbacks = h("input", { id: "agent-fallbacks", value: (agent?.fallbacks ?? []).join(", ") });
  const visibility = h("select", { id: "agent-visibility" },
    ...["private", "shared", "public"].map((v) => h("option", { value: v }, v)));
  visibility.value = agent?.visibility ?? "private";
  const shared = h("input", { id: "agent-shared-with", value: (agent?.shared_with ?? []).join(", ") });
  const memory = h("textarea", { id: "agent-memory", rows: 3, class: "mono" });
  memory.value = agent ? JSON.stringify(agent.memory ?? {}, null, 2) : "";
  const governance = h("textarea", { id: "agent-governance", rows: 4, class: "mono" });
  governance.value = agent ? JSON.stringify(agent.governance ?? {}, null, 2) : "";
  const error = h("p", { id: "agent-error", class: "form-error", role: "alert" });
  const save = h("button", { id: "agent-save", type: "submit" }, agent ? "Save" : "Create agent");
  const remove = agent && !agent.deleted
    ? h("button", { id: "agent-delete", type: "button", class: "danger" }, "Delete") : null;

  const form = h("form", { class: "card" },
    field("Name", name), field("Description", description),
    field("System prompt", prompt),
    field("Model", model), field("Fallback models", fallbacks, "model names, comma-separated, tried in order"),
    field("Visibility", visibility, "private: you only; shared: the addresses below; public: anyone, under quotas"),
    field("Shared with", shared, "bare JIDs or domains, comma-separated"),
    field("Memory", memory, "JSON object, e.g. {\"short_term_limit\": 10, \"long_term_enabled\": true}"),
    field("Governance", governance, "JSON object, e.g. {\"max_tokens_per_day\": 50000}"),
    error, h("div", { class: "toolbar" }, save, remove));

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    try {
      // Members left out are not changed; text members are sent as typed (empty clears them).
      const body: Record<string, unknown> = {
        name: name.value.trim(),
        description: description.value.trim(),
        system_prompt: prompt.value.trim(),
        fallbacks: list(fallbacks.value),
        visibility: visibility.value,
        shared_with: list(shared.value),
        memory: jsonObject("Memory", memory.value),
        governance: jsonObject("Governance", governance.value),
      };
      if (model.value !== "") body.model = model.value;
      save.disabled = true;
      const saved = agent
        ? await patch<Agent>(`/api/agents/${agent.id}`, body)
        : await post<Agent>("/api/agents", body);
      location.hash = `#/agents/${saved.id}`;
      if (agent) await reload(view, saved.id);
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      save.disabled = false;
    }
  });
  remove?.addEventListener("click", async () => {
    if (!agent || !confirm(`Delete ${agent.name}? It stops answering; its records are kept for the retention period.`)) return;
    if (await guarded(() => del(`/api/agents/${agent.id}`))) location.hash = "#/agents";
  });

  const header = agent
    ? h("div", { class: "toolbar" },
      h("code", { class: "jid", id: "agent-jid" }, agent.jid),
      agent.deleted ? null : h("a", { class: "button", href: `#/chat/${agent.id}` }, "Chat"),
      h("span", { class: "muted small" }, `owner ${agent.owner.username}`))
    : null;
  view.append(page(agent ? agent.name : "New agent", header, form, agent ? toolsCard(agent, tools) : null));
}

async function reload(view: HTMLElement, id: string): Promise<void> {
  view.replaceChildren();
  await agentForm(view, id);
}

function toolsCard(agent: Agent, tools: Tool[]): HTMLElement {
  const rows = tools.map((t) => {
    const current = agent.tools.find((x) => x.name === t.name);
    const enabled = h("input", { type: "checkbox", class: "tool-enabled", checked: current?.enabled ?? false });
    const policy = h("textarea", { rows: 2, class: "mono tool-policy" });
    policy.value = current?.policy && Object.keys(current.policy).length > 0 ? JSON.stringify(current.policy) : "";
    const apply = h("button", { type: "button", class: "small" }, "Apply");
    const note = h("span", { class: "muted small" });
    apply.addEventListener("click", async () => {
      note.textContent = "";
      const ok = await guarded(async () => {
        const p = jsonObject(`the policy of ${t.name}`, policy.value);
        await put(`/api/agents/${agent.id}/tools/${encodeURIComponent(t.name)}`,
          Object.keys(p).length > 0 ? { enabled: enabled.checked, policy: p } : { enabled: enabled.checked });
      });
      if (ok) note.textContent = "saved";
    });
    return h("tr", { class: "tool-row", "data-tool": t.name },
      h("td", {}, h("label", { class: "inline" }, enabled, " ", h("code", {}, t.name))),
      h("td", { class: "small" }, t.description),
      h("td", {}, policy, h("small", { class: "hint" }, "overrides of the default policy (JSON), empty for none")),
      h("td", {}, apply, note));
  });
  return h("div", { class: "card" }, h("h2", {}, "Tools"),
    rows.length ? table(["Tool", "What it does", "Policy", ""], rows) : h("p", { class: "empty" }, "No tools on this hub."));
}
