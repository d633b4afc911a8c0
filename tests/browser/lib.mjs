// Helpers of the browser tests: a static server for the built site, a
// Chromium launched the way this machine allows, and page checks shared by
// the tests (console errors, axe-core, screenshots).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const screenshotDir = path.join(here, "screenshots");
export const baselineDir = path.join(here, "baseline");

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

/**
 * A blank page that decodes PNGs (base64) with the browser itself, into a
 * canvas: `window.loadPng(b64)` gives `{ c, ctx, data }` (canvas, context,
 * ImageData). The tests need no image library.
 */
async function pngViewer(context) {
  const viewer = await context.newPage();
  await viewer.evaluate(() => {
    window.loadPng = async (b64) => {
      const img = new Image();
      img.src = "data:image/png;base64," + b64;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext("2d");
      ctx.drawImage(img, 0, 0);
      return { c, ctx, data: ctx.getImageData(0, 0, c.width, c.height) };
    };
  });
  return viewer;
}

/**
 * Compares what `page` shows (the viewport) with the reviewed picture
 * tests/browser/baseline/NAME.png. Returns a list of problems, empty when
 * they agree: same size, and at most `tolerance` of the pixels differ by
 * more than a faint anti-aliasing shade. On a difference the new picture
 * and a diff image (changed pixels red) go to tests/browser/screenshots/
 * for a reviewer; `UPDATE_BASELINES=1` makes the new pictures the
 * reviewed ones, to be looked at before they are committed.
 */
export async function compareWithBaseline(page, name, { tolerance = 0.005 } = {}) {
  const actual = await page.screenshot({ fullPage: false });
  const file = path.join(baselineDir, `${name}.png`);
  if (process.env.UPDATE_BASELINES === "1") {
    mkdirSync(baselineDir, { recursive: true });
    writeFileSync(file, actual);
    writeFileSync(path.join(baselineDir, "ENVIRONMENT"), renderingEnvironment(page) + "\n");
    return [];
  }
  if (!existsSync(file)) {
    return [`no reviewed picture ${path.relative(repoRoot, file)} (UPDATE_BASELINES=1 scripts/browser-test writes it)`];
  }
  const expected = readFileSync(file);
  const viewer = await pngViewer(page.context());
  try {
    const r = await viewer.evaluate(
      async ([a, b]) => {
        const [x, y] = [await window.loadPng(a), await window.loadPng(b)];
        if (x.c.width !== y.c.width || x.c.height !== y.c.height) {
          return { size: [x.c.width, x.c.height, y.c.width, y.c.height] };
        }
        let differing = 0;
        const out = y.ctx.createImageData(y.c.width, y.c.height);
        for (let i = 0; i < x.data.data.length; i += 4) {
          let d = 0;
          for (let k = 0; k < 3; k++) d = Math.max(d, Math.abs(x.data.data[i + k] - y.data.data[i + k]));
          const grey = (y.data.data[i] + y.data.data[i + 1] + y.data.data[i + 2]) / 3;
          if (d > 48) {
            differing++;
            out.data.set([255, 0, 0, 255], i);
          } else {
            out.data.set([grey, grey, grey, 80], i);
          }
        }
        y.ctx.putImageData(out, 0, 0);
        return { differing, pixels: x.c.width * x.c.height, diff: y.c.toDataURL("image/png").split(",")[1] };
      },
      [expected.toString("base64"), actual.toString("base64")],
    );
    const keep = (diff) => {
      mkdirSync(screenshotDir, { recursive: true });
      writeFileSync(path.join(screenshotDir, `${name}-actual.png`), actual);
      if (diff) writeFileSync(path.join(screenshotDir, `${name}-diff.png`), Buffer.from(diff, "base64"));
    };
    if (r.size) {
      keep();
      return [`${name}: ${r.size[2]}×${r.size[3]} px, the reviewed picture is ${r.size[0]}×${r.size[1]}`];
    }
    if (r.differing > r.pixels * tolerance) {
      keep(r.diff);
      const share = ((100 * r.differing) / r.pixels).toFixed(2);
      return [`${name}: ${share} % of the pixels changed (see tests/browser/screenshots/${name}-diff.png; if the change is meant, UPDATE_BASELINES=1 and review the new picture)`];
    }
    return [];
  } finally {
    await viewer.close();
  }
}

/**
 * What decides how a page renders here: Chromium's version and the fonts
 * installed. The reviewed pictures hold only where it is the one they were
 * made with (tests/browser/baseline/ENVIRONMENT); elsewhere a comparison
 * is for review, not a verdict.
 */
export function renderingEnvironment(page) {
  let fonts = "";
  try {
    fonts = execFileSync("fc-list", [":", "family"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .sort()
      .join("\n");
  } catch {}
  const hash = createHash("sha256").update(fonts).digest("hex").slice(0, 16);
  return `chromium ${page.context().browser().version()} fonts ${hash}`;
}

/** Whether the reviewed pictures were made where this run renders. */
export function sameRenderingEnvironment(page) {
  try {
    const made = readFileSync(path.join(baselineDir, "ENVIRONMENT"), "utf8").trim();
    return made === renderingEnvironment(page);
  } catch {
    return false;
  }
}

/** Whether the element's box is (at least partly) inside the viewport. */
export async function inViewport(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}

/**
 * How much ink the element's text puts on the screen: the number of
 * pixels of its box darker than the page by more than a faint shade
 * (light scheme). Bold text puts more ink than the same text regular.
 */
export async function inkOf(locator) {
  const png = await locator.screenshot();
  const viewer = await pngViewer(locator.page().context());
  try {
    return await viewer.evaluate(async (b64) => {
      const d = (await window.loadPng(b64)).data.data;
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) {
        if ((d[i] + d[i + 1] + d[i + 2]) / 3 < 160) ink++;
      }
      return ink;
    }, png.toString("base64"));
  } finally {
    await viewer.close();
  }
}
