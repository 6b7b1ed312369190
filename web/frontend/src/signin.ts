import { login } from "./api";
import { h } from "./dom";
import { page, field } from "./ui";

export function signin(view: HTMLElement, next: () => void): void {
  const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const error = h("p", { id: "signin-error", class: "form-error", role: "alert" });
  const submit = h("button", { id: "signin-submit", type: "submit" }, "Sign in");
  const form = h("form", { class: "card narrow" },
    h("p", { class: "muted" }, "Use the same account as your XMPP client."),
    field("User name", username), field("Password", password), error, submit);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    submit.disabled = true;
    try {
      await login(username.value.trim(), password.value);
      next();
    } catch (err) {
      error.textContent = (err as Error).message;
    } finally {
      submit.disabled = false;
    }
  });
  view.append(page("Sign in", form));
  username.focus();
}
