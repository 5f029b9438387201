// The GraphiQL page in a real browser (Debian's chromium, headless, driven by playwright-core):
// every request that leaves the server's origin is blocked, the first tab's query runs as is,
// its answer shows on screen, and nothing breaks the page's Content-Security-Policy.
// Usage: node browser.mjs http://127.0.0.1:PORT [screenshot.png]
import { chromium } from "playwright-core";

const base = new URL(process.argv[2] ?? "http://127.0.0.1:8000");
const screenshot = process.argv[3];
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const fail = (message) => {
  console.error(`browser: ${message}`);
  process.exitCode = 1;
};

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  const blocked = [];
  const problems = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === base.origin) return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(String(err)));

  const response = await page.goto(new URL("/graphql", base).href, { waitUntil: "load" });
  if (response.headers()["content-security-policy"] !== "default-src 'self'") {
    fail(`the page's policy is ${response.headers()["content-security-policy"]}`);
  }
  if (!(await page.title()).startsWith("LaunchGraph")) fail(`title: ${await page.title()}`);
  const run = page.locator(".graphiql-execute-button");
  await run.waitFor({ timeout: 20000 });
  // The schema is loaded (introspection) before the query can be checked and run.
  await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
  const editor = await page.locator(".graphiql-query-editor .CodeMirror").innerText();
  if (!editor.includes("upcomingEvents")) fail("the first tab is not the upcoming events query");
  await run.click();
  const result = page.locator(".result-window .CodeMirror");
  await result.getByText('"totalCount"').waitFor({ timeout: 20000 });
  const text = await result.innerText();
  if (!/"upcomingEvents"/.test(text) || /"errors"/.test(text)) fail(`the result:\n${text}`);
  const names = [...text.matchAll(/"name": "([^"]+)"/g)].map((m) => m[1]);
  if (names.length === 0) fail("no event name in the result");
  if (screenshot) await page.screenshot({ path: screenshot });
  // The sidebar's plugins and the dialogs must work under the policy too (the dialogs' scroll
  // lock used to add a <style> element, which the policy blocks: a console error).
  const controls = [
    "Show Documentation Explorer",
    "Show History",
    "Show GraphiQL Explorer",
    "Open settings dialog",
    "Open short keys dialog",
  ];
  for (const label of controls) {
    const control = page.getByLabel(label).first();
    if ((await control.count()) === 0) {
      fail(`no "${label}" control`);
      continue;
    }
    await control.click();
    await page.waitForTimeout(300);
    await page.keyboard.press("Escape");
  }
  if (blocked.length) fail(`requests outside the server: ${blocked.join(", ")}`);
  if (problems.length) fail(`console errors:\n  ${problems.join("\n  ")}`);
  if (!process.exitCode) {
    console.log(`browser: GraphiQL ran the upcoming events query (${names.slice(0, 2).join(", ")} ...)`);
  }
} finally {
  await browser.close();
}
