// Bundles the console (src/main.ts) for the browser and copies index.html and app.css next to it, into the
// folder the hub serves as its classpath `console/` (argument 1; default ../target/classes/console).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2] || "../target/classes/console";

// @xmpp/resolve imports node:dns for SRV look-ups; the browser connects to the WebSocket URL it is given and never
// resolves anything, so Node's built-ins become empty modules.
const noNodeBuiltins = {
  name: "no-node-builtins",
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "node-builtin" }));
    b.onLoad({ filter: /.*/, namespace: "node-builtin" }, () => ({ contents: "export default {};", loader: "js" }));
  },
};

mkdirSync(out, { recursive: true });
await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  minify: true,
  sourcemap: true,
  target: "es2022",
  format: "iife",
  platform: "browser",
  outfile: join(out, "app.js"),
  plugins: [noNodeBuiltins],
  logLevel: "warning",
  legalComments: "linked",
});
for (const f of ["index.html", "app.css"]) copyFileSync(join("static", f), join(out, f));
