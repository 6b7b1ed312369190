// Personal API keys for the OpenAI-compatible endpoint; a new key is shown once.
import { del, get, post } from "./api";
import { fill, h, when } from "./dom";
import type { ApiKey } from "./types";
import { field, guarded, page, table } from "./ui";

export async function keys(view: HTMLElement): Promise<void> {
  const list = h("div", { id: "key-list" });
  const shown = h("div", { id: "key-created", "aria-live": "polite" });
  const name = h("input", { id: "key-name", required: true, placeholder: "e.g. laptop" });
  const form = h("form", { class: "card" }, field("Name", name),
    h("button", { id: "key-create", type: "submit" }, "Create key"), shown);
  const load = async () => {
    const { keys } = await get<{ keys: ApiKey[] }>("/api/keys");
    fill(list, keys.length === 0 ? h("p", { class: "empty" }, "No keys.") : table(["Name", "Key", "Created", "Last used", ""],
      keys.map((k) => h("tr", { class: "key-row", "data-key-id": k.id }, h("td", {}, k.name), h("td", {}, h("code", {}, `${k.prefix}…`)),
        h("td", {}, when(k.created_at)), h("td", {}, when(k.last_used_at)),
        h("td", {}, h("button", { type: "button", class: "small danger", onclick: () => void guarded(async () => {
          if (!confirm(`Revoke the key ${k.name}?`)) return;
          await del(`/api/keys/${encodeURIComponent(k.id)}`);
          await load();
        }) }, "Revoke"))))));
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void guarded(async () => {
      const k = await post<{ id: string; name: string; key: string }>("/api/keys", { name: name.value.trim() });
      name.value = "";
      fill(shown, h("p", {}, "Copy it now; it is not shown again:"), h("code", { class: "secret" }, k.key));
      await load();
    });
  });
  view.append(page("API keys", h("p", { class: "muted" },
    "Use a key as the bearer token of the OpenAI-compatible endpoint (/v1); the model is one of your agents' ids."), form, list));
  await load();
}
