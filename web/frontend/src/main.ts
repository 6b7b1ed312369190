// The console: hash routes to screens; signs in, or resumes a session from the refresh cookie on load.
import { currentUser, logout, onSession, refresh } from "./api";
import { admin } from "./admin";
import { agentForm, agentList } from "./agents";
import { approvals } from "./approvals";
import { audit } from "./audit";
import { chat } from "./chat";
import { dashboard } from "./dashboard";
import { byId, fill } from "./dom";
import { keys } from "./keys";
import { signin } from "./signin";
import { clearError, showError } from "./ui";

type Cleanup = (() => void) | void;

let cleanup: Cleanup;
let rendering = 0;

async function render(): Promise<void> {
  const mine = ++rendering;
  if (cleanup) cleanup();
  cleanup = undefined;
  clearError();
  const view = byId("view");
  view.replaceChildren();
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const [screen, arg] = parts;
  const user = currentUser();
  if (!user && screen !== "signin") {
    location.replace(`#/signin`);
    return;
  }
  nav(screen);
  try {
    let c: Cleanup = undefined;
    switch (screen) {
      case "signin":
        if (user) {
          location.replace("#/agents");
          return;
        }
        signin(view, () => { location.hash = "#/agents"; });
        break;
      case "agents":
        if (arg === "new") await agentForm(view, null);
        else if (arg && arg !== "all") await agentForm(view, arg);
        else await agentList(view, arg === "all");
        break;
      case "chat":
        c = await chat(view, arg ?? "");
        break;
      case "dashboard":
        await dashboard(view, arg === "all");
        break;
      case "audit":
        await audit(view, arg ?? null);
        break;
      case "approvals":
        c = await approvals(view);
        break;
      case "keys":
        await keys(view);
        break;
      case "admin":
        await admin(view);
        break;
      default:
        location.replace("#/agents");
        return;
    }
    if (mine !== rendering) {
      c?.();
    } else {
      cleanup = c;
    }
  } catch (e) {
    if (mine === rendering) showError(e);
  }
}

function nav(screen: string | undefined): void {
  const user = currentUser();
  byId("nav").hidden = !user;
  byId("nav-admin").hidden = user?.role !== "admin";
  fill(byId("whoami"), user ? `${user.username} (${user.role})` : "");
  document.querySelectorAll<HTMLAnchorElement>("#nav a[data-screen]").forEach((a) => {
    a.classList.toggle("current", a.dataset.screen === screen || (screen === "chat" && a.dataset.screen === "agents"));
  });
}

async function start(): Promise<void> {
  byId("signout").addEventListener("click", () => {
    void logout().catch(showError).finally(() => { location.hash = "#/signin"; });
  });
  window.addEventListener("hashchange", () => void render());
  let signedIn = currentUser() !== null;
  onSession((u) => {
    const now = u !== null;
    if (now !== signedIn) {
      signedIn = now;
      if (!now) location.hash = "#/signin";
    }
  });
  await refresh();
  signedIn = currentUser() !== null;
  await render();
}

void start();
