// The chat screen: an XMPP conversation with one agent, answers shown as they are written.
import { get } from "./api";
import { h } from "./dom";
import type { Agent } from "./types";
import { page, showError } from "./ui";
import { ChatConnection, type Incoming } from "./xmpp";

export async function chat(view: HTMLElement, id: string): Promise<() => void> {
  const agent = await get<Agent>(`/api/agents/${encodeURIComponent(id)}`);
  const log = h("div", { id: "chat-log", class: "chat-log", "aria-live": "polite" });
  const status = h("div", { id: "chat-status", class: "muted small" }, "connecting…");
  const input = h("textarea", { id: "chat-input", rows: 2, placeholder: `Message ${agent.name}`, disabled: true });
  const send = h("button", { id: "chat-send", type: "submit", disabled: true }, "Send");
  const form = h("form", { class: "chat-form" }, input, send);
  view.append(page(agent.name, h("div", { class: "toolbar" }, h("code", { class: "jid" }, agent.jid),
    h("a", { href: `#/agents/${agent.id}`, class: "small" }, "settings")), log, status, form));

  const mine = new Map<string, HTMLElement>();
  const answers = new Map<string, HTMLElement>();
  const show = (el: HTMLElement) => {
    const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(el);
    if (atEnd) log.scrollTop = log.scrollHeight;
  };

  const onIncoming = (m: Incoming) => {
    switch (m.kind) {
      case "receipt":
        mine.get(m.id)?.classList.add("delivered");
        break;
      case "state":
        status.textContent = m.state === "composing" ? `${agent.name} is writing…` : "";
        break;
      case "tool":
        status.textContent = m.text || `using the tool ${m.name}…`;
        break;
      case "notice":
        show(h("div", { class: "msg notice" }, m.text, " ", h("a", { href: "#/approvals" }, "open approvals")));
        break;
      case "error":
        show(h("div", { class: "msg error" }, m.text));
        status.textContent = "";
        break;
      case "answer": {
        let el = m.replaces ? answers.get(m.replaces) : undefined;
        if (!el) {
          el = h("div", { class: "msg from-agent", "data-xmpp-id": m.id });
          answers.set(m.replaces ?? m.id, el);
          show(el);
        }
        el.textContent = m.text;
        if (m.final) {
          el.setAttribute("data-final", "true");
          status.textContent = "";
        } else {
          el.classList.add("writing");
        }
        if (m.final) el.classList.remove("writing");
        break;
      }
    }
  };
  const conn = new ChatConnection(agent.jid, onIncoming, (t) => { status.textContent = t; });

  let typing = false;
  input.addEventListener("input", () => {
    if (!typing && input.value !== "") {
      typing = true;
      void conn.state("composing");
    }
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (text === "") return;
    try {
      const msgId = await conn.say(text);
      typing = false;
      const el = h("div", { class: "msg from-me", "data-xmpp-id": msgId }, text);
      mine.set(msgId, el);
      show(el);
      input.value = "";
    } catch (err) {
      showError(err);
    }
  });

  conn.open().then(() => {
    input.disabled = false;
    send.disabled = false;
    input.focus();
  }, (e: unknown) => {
    status.textContent = "not connected";
    showError(e);
  });
  return () => void conn.close();
}
