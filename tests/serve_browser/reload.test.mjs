// `pilcrow serve` in a real browser: the open page reloads by itself after
// an edit (keeping its scroll position), a broken save shows the error
// overlay and the next good save clears it, a CSS change swaps the
// stylesheet without a reload. Run by scripts/serve-browser-test.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../browser/lib.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = process.env.PILCROW_BIN || path.join(repo, "target/debug/pilcrow");
const shots = process.env.PILCROW_SCREENSHOTS;

let root, server, url, browser;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), "pilcrow-serve-browser-"));
  cpSync(path.join(repo, "tests/fixtures/basic"), root, { recursive: true });
  cpSync(path.join(repo, "themes/default"), path.join(root, "themes/default"), { recursive: true });
  // A long page, so there is a scroll position to keep.
  const long = Array.from({ length: 120 }, (_, i) => `Filler paragraph ${i}.`).join("\n\n");
  appendFileSync(path.join(root, "content/about.md"), `\n\n${long}\n`);
  server = spawn(bin, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+/);
      if (m) resolve(m[0]);
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  ({ browser } = await launch());
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

const about = () => path.join(root, "content/about.md");

test("the open page reloads itself after an edit and keeps its scroll position", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url + "about/");
  await page.evaluate(() => window.scrollTo(0, 1200));
  await page.waitForFunction(() => Math.abs(window.scrollY - 1200) < 2);
  await page.evaluate(() => (window.__notReloaded = true));
  // Give the event stream a moment to connect (a missed event is also
  // caught by the generation check on connect).
  await page.waitForTimeout(200);
  writeFileSync(about(), readFileSync(about(), "utf8").replace("This page lives at the top level", "Edited by the browser test"));
  await page.waitForFunction(() => document.body.textContent.includes("Edited by the browser test"), null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), undefined, "the page reloaded");
  await page.waitForFunction(() => Math.abs(window.scrollY - 1200) < 2, null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a broken save shows the error overlay; the next good save clears it", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(url + "about/");
  await page.waitForTimeout(200);
  const good = readFileSync(about(), "utf8");
  writeFileSync(about(), good.replace("title: About this site", "title: [unclosed"));
  const overlay = page.locator("#pilcrow-error-overlay");
  await overlay.waitFor({ state: "visible", timeout: 10000 });
  assert.equal(await overlay.getAttribute("role"), "alert");
  const text = await overlay.textContent();
  assert.match(text, /content\/about\.md:2/);
  if (shots) await page.screenshot({ path: path.join(shots, "serve-error-overlay.png") });
  // The last good page is still there under the overlay.
  assert.match(await page.textContent("main"), /Edited by the browser test/);
  // A page opened now shows the error too.
  const second = await browser.newPage();
  await second.goto(url + "about/");
  await second.locator("#pilcrow-error-overlay").waitFor({ state: "visible", timeout: 10000 });
  await second.close();
  writeFileSync(about(), good.replace("Edited by the browser test", "Fixed again"));
  await page.waitForFunction(() => document.body.textContent.includes("Fixed again"), null, { timeout: 10000 });
  assert.equal(await overlay.count(), 0);
  await page.close();
});

test("a CSS change swaps the stylesheet without a reload", async () => {
  const page = await browser.newPage();
  await page.goto(url + "about/");
  await page.waitForTimeout(200);
  await page.evaluate(() => (window.__notReloaded = true));
  appendFileSync(path.join(root, "themes/default/static/style.css"), "\nbody { outline: 3px solid rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)", null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), true, "no reload");
  await page.close();
});

test("a page the edit does not change stays as it is", async () => {
  const page = await browser.newPage();
  await page.goto(url + "countries/vnm/");
  await page.waitForTimeout(200);
  await page.evaluate(() => (window.__notReloaded = true));
  const watcher = await browser.newPage();
  await watcher.goto(url + "about/");
  await watcher.waitForTimeout(200);
  writeFileSync(about(), readFileSync(about(), "utf8").replace("Filler paragraph 7.", "Filler paragraph seven."));
  await watcher.waitForFunction(() => document.body.textContent.includes("Filler paragraph seven."), null, { timeout: 10000 });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__notReloaded), true, "vnm did not reload");
  await page.close();
  await watcher.close();
});

test("undoing a broken save clears the overlay without a reload", async () => {
  const page = await browser.newPage();
  await page.goto(url + "about/");
  await page.waitForTimeout(200);
  await page.evaluate(() => (window.__notReloaded = true));
  const good = readFileSync(about(), "utf8");
  writeFileSync(about(), "---\ntitle: [\n---\n");
  const overlay = page.locator("#pilcrow-error-overlay");
  await overlay.waitFor({ state: "visible", timeout: 10000 });
  writeFileSync(about(), good);
  await overlay.waitFor({ state: "detached", timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), true, "no reload");
  await page.close();
});
