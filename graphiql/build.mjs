// Builds GraphiQL (with the explorer plugin) into ../launchgraph/static/graphiql/: one script,
// one stylesheet and the licences of every bundled npm package. The output is committed, so
// installing LaunchGraph never needs node. Run: npm ci && npm run build
import { build } from "esbuild";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "launchgraph", "static", "graphiql");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// react-style-singleton adds <style> elements, which the page's policy blocks: its
// singleton.js is swapped for src/style-singleton.js (same API, constructed stylesheets).
const cspStyles = {
  name: "csp-styles",
  setup(b) {
    b.onLoad({ filter: /react-style-singleton[\\/]dist[\\/][^\\/]+[\\/]singleton\.js$/ }, () => ({
      contents: readFileSync(join(here, "src", "style-singleton.js"), "utf8"),
      loader: "js",
    }));
  },
};

const result = await build({
  plugins: [cspStyles],
  entryPoints: { graphiql: join(here, "src", "index.jsx") },
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  jsx: "automatic",
  outdir: out,
  // Fonts and images are inlined here, then written out as files below.
  loader: { ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".svg": "dataurl" },
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

// `default-src 'self'` forbids data: fonts and images: every data: URL in the stylesheet
// becomes a file beside it, named by its content (so it can be cached for ever).
const extensions = { "font/woff2": "woff2", "font/woff": "woff", "image/png": "png", "image/svg+xml": "svg" };
const cssPath = join(out, "graphiql.css");
const css = readFileSync(cssPath, "utf8").replace(
  /url\(\s*["']?data:([a-z0-9+./-]+);base64,([A-Za-z0-9+/=]+)["']?\s*\)/g,
  (_, mime, data) => {
    const ext = extensions[mime];
    if (!ext) throw new Error(`no file extension for ${mime} in the stylesheet`);
    const bytes = Buffer.from(data, "base64");
    const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.${ext}`;
    writeFileSync(join(out, name), bytes);
    return `url(${name})`;
  },
);
if (css.includes("data:")) throw new Error("a data: URL is left in the stylesheet");
writeFileSync(cssPath, css);

copyFileSync(join(here, "src", "favicon.svg"), join(out, "favicon.svg"));

// Every npm package whose code is in the bundle, with its licence text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if (!match) continue;
  const dir = input.slice(0, input.lastIndexOf(match.at(-1)) + match.at(-1).length);
  packages.set(dir, match.at(-1).slice("node_modules/".length, -1));
}
const sections = [];
for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
  const manifest = JSON.parse(readFileSync(join(here, dir, "package.json"), "utf8"));
  const files = readdirSync(join(here, dir)).filter((f) => /^(licen[cs]e|copying)/i.test(f));
  const texts = files.map((f) => readFileSync(join(here, dir, f), "utf8").trim());
  if (texts.length === 0) texts.push(`(no licence file in the package; package.json says: ${manifest.license})`);
  sections.push(`${name}@${manifest.version} (${manifest.license})\n\n${texts.join("\n\n")}`);
}
const rule = `\n\n${"-".repeat(78)}\n\n`;
writeFileSync(
  join(out, "LICENSES.txt"),
  `The GraphiQL page's assets bundle these npm packages (built by graphiql/build.mjs).${rule}` +
    sections.join(rule) + "\n",
);
for (const f of readdirSync(out)) console.log(f);
if (!existsSync(join(out, "graphiql.css"))) throw new Error("no stylesheet was built");
