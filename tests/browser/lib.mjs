// Helpers of the browser tests: a static server for the built site, a
// Chromium launched the way this machine allows, and page checks shared by
// the tests (console errors, axe-core, screenshots).
import { createServer } from "node:http";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const screenshotDir = path.join(here, "screenshots");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` at `base` (`/`, or a sub-path such as `/kb/`) on a free
 * loopback port, like a static host would.
 */
export async function serve(dir, base = "/") {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (!rel.startsWith(base)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("outside the site");
      return;
    }
    rel = "/" + rel.slice(base.length);
    let file = path.join(root, rel);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, "index.html");
      const body = readFileSync(file);
      const type = MIME[path.extname(file)] || "application/octet-stream";
      res.writeHead(200, { "content-type": type }).end(body);
    } catch {
      let body = "not found";
      try {
        body = readFileSync(path.join(root, "404.html"));
      } catch {}
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(body);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Debian's Chromium, headless. Playwright gives every launch a fresh
 * temporary profile (its own --user-data-dir, removed on close); passing the
 * flag ourselves is refused by `launch`.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { browser, close: () => browser.close() };
}

/**
 * A new page that records console errors, uncaught exceptions and the
 * URLs it requested.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()} (${m.location()?.url || ""})`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, errors, requests, close: () => context.close() };
}

const axeSource = readFileSync(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");

/** Runs axe-core; returns the serious and critical violations, printed. */
export async function axeViolations(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { resultTypes: ["violations"] });
  });
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of result.violations) {
    const nodes = v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ");
    console.log(`axe ${name}: [${v.impact}] ${v.id}: ${v.help} — ${nodes}`);
  }
  return bad.map((v) => `${v.id} (${v.impact}): ${v.help}`);
}

/**
 * Saves a screenshot to tests/browser/screenshots/NAME.png: the whole page,
 * or with `{ fullPage: false }` what is in view (where a link landed).
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** Whether the element's box is (at least partly) inside the viewport. */
export async function inViewport(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}
