// Shared pieces of the screens: the error banner, page headings, forms.
import { ApiError } from "./api";
import { byId, fill, h, type Kid } from "./dom";

/** Shows a failure in #error-banner: a problem's `detail`, or the error's message. */
export function showError(e: unknown): void {
  const banner = byId("error-banner");
  const text = e instanceof ApiError || e instanceof Error ? e.message : String(e);
  fill(banner, h("span", { class: "error-text" }, text),
    h("button", { type: "button", class: "link", "aria-label": "dismiss", onclick: () => clearError() }, "×"));
  banner.hidden = false;
}

export function clearError(): void {
  const banner = byId("error-banner");
  banner.hidden = true;
  banner.replaceChildren();
}

/** Runs `f`, showing its failure in the banner; returns whether it succeeded. */
export async function guarded(f: () => Promise<unknown>): Promise<boolean> {
  try {
    await f();
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

export function page(title: string, ...kids: Kid[]): HTMLElement {
  return h("section", { class: "page" }, h("h1", {}, title), ...kids);
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), control,
    hint ? h("small", { class: "hint" }, hint) : null);
}

export function table(head: string[], rows: HTMLElement[], attrs: Record<string, string> = {}): HTMLElement {
  return h("table", attrs, h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))), h("tbody", {}, ...rows));
}

export function pill(text: string, kind = ""): HTMLElement {
  return h("span", { class: `pill ${kind}` }, text);
}

/** Parses a JSON object typed in a text area, naming the field when it is not one. */
export function jsonObject(name: string, text: string): Record<string, unknown> {
  const t = text.trim();
  if (t === "") return {};
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch (e) {
    throw new Error(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`${name} must be a JSON object`);
  return v as Record<string, unknown>;
}

export function list(text: string): string[] {
  return text.split(",").map((x) => x.trim()).filter((x) => x !== "");
}
