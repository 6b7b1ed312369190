// Administration: users (create, role), models and their health, the federation policy.
import { get, patch, post } from "./api";
import { fill, h, when } from "./dom";
import type { AdminUser, Model } from "./types";
import { field, guarded, page, pill, table } from "./ui";

export async function admin(view: HTMLElement): Promise<void> {
  const users = h("div", { id: "user-list" });
  const models = h("div", { id: "admin-models" });
  const federation = h("pre", { id: "federation-policy", class: "mono" });
  const created = h("div", { id: "user-created", "aria-live": "polite" });
  const username = h("input", { id: "new-user-name", required: true });
  const role = h("select", { id: "new-user-role" }, h("option", { value: "user" }, "user"), h("option", { value: "admin" }, "admin"));
  const form = h("form", { class: "inline-form" }, field("User name", username), field("Role", role),
    h("button", { id: "new-user-create", type: "submit" }, "Create user"), created);

  const loadUsers = async () => {
    const r = await get<{ users: AdminUser[] }>("/api/admin/users");
    fill(users, table(["User", "JID", "Role", "Agents", "Created"], r.users.map((u) => {
      const sel = h("select", { class: "user-role" }, h("option", { value: "user" }, "user"), h("option", { value: "admin" }, "admin"));
      sel.value = u.role;
      sel.addEventListener("change", () => void guarded(async () => {
        await patch(`/api/admin/users/${encodeURIComponent(u.id)}`, { role: sel.value });
      }).then((ok) => { if (!ok) sel.value = u.role; }));
      return h("tr", { class: "user-row", "data-user-id": u.id }, h("td", {}, u.username), h("td", {}, h("code", {}, u.jid)),
        h("td", {}, sel), h("td", { class: "num" }, String(u.agents)), h("td", {}, when(u.created_at)));
    })));
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void guarded(async () => {
      const u = await post<{ username: string; password: string }>("/api/admin/users", { username: username.value.trim(), role: role.value });
      username.value = "";
      fill(created, h("p", {}, `Created ${u.username}. Their first password (shown once): `, h("code", { class: "secret" }, u.password)));
      await loadUsers();
    });
  });

  view.append(page("Administration",
    h("div", { class: "card" }, h("h2", {}, "Users"), form, users),
    h("div", { class: "card" }, h("h2", {}, "Models"), models),
    h("div", { class: "card" }, h("h2", {}, "Federation policy"), federation)));

  await Promise.all([
    guarded(loadUsers),
    guarded(async () => {
      const r = await get<{ models: Model[] }>("/api/admin/models");
      fill(models, table(["Model", "Provider", "Health", "Slots"], r.models.map((m) => h("tr", {},
        h("td", {}, m.name, m.default ? " (default)" : ""), h("td", {}, m.local ? "local" : m.provider),
        h("td", {}, m.healthy === undefined ? "—" : m.healthy ? pill("healthy", "good") : pill("down", "bad")),
        h("td", { class: "num" }, m.slots === undefined ? "—" : String(m.slots))))));
    }),
    guarded(async () => {
      federation.textContent = JSON.stringify(await get<unknown>("/api/admin/federation"), null, 2);
    }),
  ]);
}
