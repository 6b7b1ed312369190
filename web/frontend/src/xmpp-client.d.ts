// The part of @xmpp/client 0.14 (shipped without types) the console uses.
declare module "@xmpp/client" {
  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildText(name: string, xmlns?: string): string | null;
    getChildren(name: string, xmlns?: string): Element[];
    text(): string;
    is(name: string, xmlns?: string): boolean;
  }
  export type Child = Element | string;
  export function xml(name: string, attrs?: Record<string, string> | null, ...children: Child[]): Element;
  export interface IqContext {
    stanza: Element;
    element: Element;
    from: unknown;
  }
  export interface Client {
    start(): Promise<unknown>;
    stop(): Promise<void>;
    send(...stanzas: Element[]): Promise<void>;
    on(event: "stanza", listener: (stanza: Element) => void): void;
    on(event: "online", listener: (address: { toString(): string }) => void): void;
    on(event: "offline" | "disconnect" | "connect", listener: () => void): void;
    on(event: "error", listener: (error: Error) => void): void;
    on(event: "status", listener: (status: string) => void): void;
    iqCallee: {
      get(xmlns: string, name: string, handler: (ctx: IqContext) => Element | object): void;
    };
    reconnect: { stop(): void };
  }
  export function client(options: {
    service: string;
    domain: string;
    resource?: string;
    username: string;
    password: string;
  }): Client;
}
