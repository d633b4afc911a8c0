// pilcrow serve: live reload. Injected into HTML as served, never written
// to public/. Reloads after a rebuild (keeping the scroll position), swaps
// stylesheets on a CSS-only change, and shows build errors in an overlay.
(() => {
  "use strict";
  let GEN = __PILCROW_GENERATION__;
  const BASE = __PILCROW_BASE__;
  // This page's output path, as the server names it (`documents/x/index.html`).
  let mine = decodeURIComponent(location.pathname);
  mine = mine.startsWith(BASE) ? mine.slice(BASE.length) : mine;
  if (mine === "" || mine.endsWith("/")) mine += "index.html";
  const KEY = "pilcrow:scroll:" + location.pathname;
  const saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    const y = Number(saved) || 0;
    const restore = () => window.scrollTo(0, y);
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  let overlay = null;
  function clearErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }
  function showErrors(problems) {
    clearErrors();
    overlay = document.createElement("div");
    overlay.id = "pilcrow-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-live", "assertive");
    overlay.style.cssText =
      "position:fixed;z-index:2147483647;left:1rem;right:1rem;bottom:1rem;" +
      "max-height:60vh;overflow:auto;padding:1rem 1.25rem;border-radius:6px;" +
      "background:#fff5f5;color:#1a1a1a;border:2px solid #c00;" +
      "box-shadow:0 4px 24px rgba(0,0,0,.3);font:14px/1.5 system-ui,sans-serif;";
    const head = document.createElement("div");
    head.style.cssText = "display:flex;justify-content:space-between;gap:1rem;align-items:start";
    const title = document.createElement("strong");
    title.style.color = "#a00";
    title.textContent =
      "pilcrow: the last save did not build (" + problems.length +
      (problems.length === 1 ? " problem" : " problems") +
      "). The last good version is shown.";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Dismiss");
    close.style.cssText = "font-size:1.25rem;line-height:1;border:0;background:none;cursor:pointer;color:#a00";
    close.addEventListener("click", clearErrors);
    head.append(title, close);
    const list = document.createElement("ul");
    list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem";
    for (const p of problems) {
      const li = document.createElement("li");
      const where = document.createElement("code");
      where.style.cssText = "font:13px/1.4 ui-monospace,monospace;color:#333";
      where.textContent = p.location;
      li.append(where, document.createTextNode(p.location ? ": " : ""), document.createTextNode(p.message));
      list.append(li);
    }
    overlay.append(head, list);
    (document.body || document.documentElement).append(overlay);
  }

  const initial = document.getElementById("pilcrow-problems");
  if (initial) {
    try {
      showErrors(JSON.parse(initial.textContent));
    } catch (_) {
      /* ignore */
    }
  }

  function reload() {
    sessionStorage.setItem(KEY, String(window.scrollY));
    location.reload();
  }

  const source = new EventSource("/__pilcrow/events");
  source.addEventListener("hello", (e) => {
    // A rebuild happened while this page was loading or disconnected (or
    // the server was restarted).
    if (Number(e.data) !== GEN) reload();
  });
  source.addEventListener("reload", (e) => {
    let info = null;
    try {
      info = JSON.parse(e.data);
    } catch (_) {
      /* reload */
    }
    // Only the pages that changed reload; the others stay as they are.
    if (info && Array.isArray(info.paths) && !info.paths.includes(mine)) {
      GEN = Math.max(GEN, Number(info.generation) || GEN);
      clearErrors();
      return;
    }
    reload();
  });
  source.addEventListener("ok", clearErrors);
  source.addEventListener("css", (e) => {
    GEN = Number(e.data) || GEN;
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("pilcrow", String(Date.now()));
      link.href = url.href;
    }
  });
  source.addEventListener("error", (e) => {
    // Also fired, without data, when the connection drops (it reconnects).
    if (typeof e.data !== "string") return;
    try {
      showErrors(JSON.parse(e.data));
    } catch (_) {
      /* not ours */
    }
  });
})();
