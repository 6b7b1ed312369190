// The browser's XMPP client: it logs in to ejabberd over WebSocket with the short-lived token the hub mints
// (POST /api/auth/xmpp) and sees exactly what any XMPP client sees. It advertises (disco#info, XEP-0030, and
// entity capabilities, XEP-0115) that it takes message corrections (XEP-0308), receipts (XEP-0184) and chat states
// (XEP-0085), so the hub sends a long answer as it is written: a first message, then corrections of it.
import { client, xml, type Client, type Element } from "@xmpp/client";
import { post } from "./api";

export const NS = {
  discoInfo: "http://jabber.org/protocol/disco#info",
  caps: "http://jabber.org/protocol/caps",
  correct: "urn:xmpp:message-correct:0",
  receipts: "urn:xmpp:receipts",
  chatStates: "http://jabber.org/protocol/chatstates",
  sid: "urn:xmpp:sid:0",
  hints: "urn:xmpp:hints",
  tools: "urn:aiox:tools:0",
  data: "jabber:x:data",
} as const;

const IDENTITY = { category: "client", type: "web", name: "AIOX console" };
const FEATURES = [NS.caps, NS.chatStates, NS.discoInfo, NS.receipts, NS.correct, NS.sid].sort();
const CAPS_NODE = "https://aiox.io/console";

interface XmppToken {
  jid: string;
  token: string;
  websocket_url: string;
  expires_in: number;
}

/** What the agent sent, decoded. */
export type Incoming =
  | { kind: "receipt"; id: string }
  | { kind: "state"; state: string }
  | { kind: "tool"; name: string; state: string; text: string }
  | { kind: "answer"; id: string; replaces?: string; text: string; final: boolean }
  | { kind: "notice"; text: string }
  | { kind: "error"; text: string; replyTo?: string };

export class ChatConnection {
  private readonly peer: string;
  private xmpp: Client | null = null;
  private online = false;
  private closed = false;

  constructor(
    peer: string,
    private readonly onIncoming: (m: Incoming) => void,
    private readonly onStatus: (text: string) => void,
  ) {
    this.peer = bare(peer);
  }

  async open(): Promise<void> {
    const t = await post<XmppToken>("/api/auth/xmpp");
    if (this.closed) return;
    const [local, domain] = splitJid(t.jid);
    const xmpp = client({
      service: t.websocket_url,
      domain,
      username: local,
      password: t.token,
      resource: `console-${crypto.randomUUID().slice(0, 8)}`,
    });
    this.xmpp = xmpp;
    // A token is good for one log-in; a new one comes from open(), not from the library's own reconnection.
    xmpp.reconnect.stop();
    xmpp.iqCallee.get(NS.discoInfo, "query", (ctx) => discoInfo(ctx.element.attrs.node));
    xmpp.on("error", (e) => this.onStatus(`chat connection: ${e.message}`));
    xmpp.on("offline", () => {
      this.online = false;
      if (!this.closed) this.onStatus("disconnected");
    });
    xmpp.on("stanza", (st) => this.stanza(st));
    xmpp.on("online", () => {
      this.online = true;
    });
    await xmpp.start();
    await xmpp.send(xml("presence", {}, xml("c", { xmlns: NS.caps, hash: "sha-1", node: CAPS_NODE, ver: await capsVer() })));
    this.onStatus("connected");
  }

  isOnline(): boolean {
    return this.online;
  }

  /** Sends a chat message with a receipt request, an origin-id and the active state; returns its id. */
  async say(body: string): Promise<string> {
    if (!this.xmpp || !this.online) throw new Error("the chat is not connected");
    const id = crypto.randomUUID();
    await this.xmpp.send(xml("message", { type: "chat", to: this.peer, id },
      xml("body", {}, body),
      xml("origin-id", { xmlns: NS.sid, id }),
      xml("request", { xmlns: NS.receipts }),
      xml("active", { xmlns: NS.chatStates })));
    return id;
  }

  /** A chat state (composing while typing, paused, active); marked not to be stored. */
  async state(state: "composing" | "paused" | "active"): Promise<void> {
    if (!this.xmpp || !this.online) return;
    await this.xmpp.send(xml("message", { type: "chat", to: this.peer },
      xml(state, { xmlns: NS.chatStates }), xml("no-store", { xmlns: NS.hints })));
  }

  async close(): Promise<void> {
    this.closed = true;
    const x = this.xmpp;
    this.xmpp = null;
    if (x) {
      try {
        if (this.online) await x.send(xml("presence", { type: "unavailable" }));
        await x.stop();
      } catch {
        // closing anyway
      }
    }
  }

  private stanza(st: Element): void {
    if (!st.is("message")) return;
    const from = st.attrs.from ?? "";
    if (bare(from) !== this.peer) return;
    const id = st.attrs.id ?? "";
    if (st.attrs.type === "error") {
      const err = st.getChild("error");
      const text = err?.getChildText("text", "urn:ietf:params:xml:ns:xmpp-stanzas")
        ?? err?.getChildren("").map((c) => c.name)[0] ?? "the agent refused the message";
      this.onIncoming({ kind: "error", text, replyTo: id });
      return;
    }
    const received = st.getChild("received", NS.receipts);
    if (received?.attrs.id) this.onIncoming({ kind: "receipt", id: received.attrs.id });
    const body = st.getChildText("body");
    // A good client acknowledges what asked for a receipt.
    if (st.getChild("request", NS.receipts) && id && body !== null) {
      void this.xmpp?.send(xml("message", { to: from, id: crypto.randomUUID() }, xml("received", { xmlns: NS.receipts, id })));
    }
    const state = chatState(st);
    const tool = st.getChild("tool", NS.tools);
    if (tool) {
      this.onIncoming({ kind: "tool", name: tool.attrs.name ?? "", state: tool.attrs.state ?? "", text: body ?? "" });
      return;
    }
    if (st.getChild("x", NS.data)) {
      this.onIncoming({ kind: "notice", text: body ?? st.getChildText("subject") ?? "the agent sent a form" });
      return;
    }
    if (body === null) {
      if (state) this.onIncoming({ kind: "state", state });
      return;
    }
    const replace = st.getChild("replace", NS.correct);
    // An answer still being written carries "composing"; the complete one "active" (or no state at all).
    this.onIncoming({ kind: "answer", id, replaces: replace?.attrs.id, text: body, final: state !== "composing" });
    if (state) this.onIncoming({ kind: "state", state });
  }
}

function chatState(st: Element): string | undefined {
  for (const s of ["active", "composing", "paused", "inactive", "gone"]) {
    if (st.getChild(s, NS.chatStates)) return s;
  }
  return undefined;
}

function discoInfo(node: string | undefined): Element {
  const attrs: Record<string, string> = { xmlns: NS.discoInfo };
  if (node) attrs.node = node;
  return xml("query", attrs, xml("identity", IDENTITY), ...FEATURES.map((f) => xml("feature", { var: f })));
}

/** The XEP-0115 verification string of this client's identity and features. */
async function capsVer(): Promise<string> {
  const s = `${IDENTITY.category}/${IDENTITY.type}//${IDENTITY.name}<${FEATURES.map((f) => `${f}<`).join("")}`;
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(s));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

export function bare(jid: string): string {
  const slash = jid.indexOf("/");
  return (slash < 0 ? jid : jid.slice(0, slash)).toLowerCase();
}

function splitJid(jid: string): [string, string] {
  const b = bare(jid);
  const at = b.indexOf("@");
  if (at < 0) throw new Error(`not a user's address: ${jid}`);
  return [b.slice(0, at), b.slice(at + 1)];
}
