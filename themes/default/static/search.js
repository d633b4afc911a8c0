// pilcrow search page. Loaded only by search/index.html: the index
// (search/index/, read by search-engine.js) is fetched on first use, so no
// other page downloads any of it.
//
// Order of a search: an exact symbol or id (search/symbols.json: `S/RES/2341
// (2017)`, `a/74/130`, `ARG`) comes first, then the full-text results, one
// per page: a document once, with the paragraphs that matched below it, each
// linking to the paragraph's anchor.
//
// Country, topic, organization and resolution are per paragraph: a document
// is listed when one of its paragraphs is filed under the chosen value (the
// paragraph mentions it, or its section heading does), and only those
// paragraphs are listed under it. Counts are exact: the index holds every
// posting a query needs.

import { openIndex, excerpt } from "./search-engine.js";

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const statusEl = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const filterBox = document.getElementById("search-filters");
const throughBox = document.getElementById("search-through");
const selects = Array.from(document.querySelectorAll("select[data-filter]"));

const PAGE_SIZE = 20;
/** Paragraphs listed under one document at most. */
const MAX_PARAGRAPHS = 5;
// Language names in the site's language, from the theme's strings (the
// same names every other page shows): `zh=Chinese|en=English|…`.
const LANGUAGES = Object.fromEntries(
  (form?.dataset.languages || "")
    .split("|")
    .map((pair) => pair.split("="))
    .filter((kv) => kv.length === 2 && kv[0] && kv[1]),
);
const KIND_NAMES = {
  en: {
    document: "Document", resolution: "Resolution", "document-ref": "UN document",
    country: "Country", organization: "Organization", instrument: "Instrument",
    topic: "Topic", page: "Page",
  },
  zh: {
    document: "文件", resolution: "决议", "document-ref": "联合国文件",
    country: "国家", organization: "组织", instrument: "法律文书",
    topic: "主题", page: "页面",
  },
  vi: {
    document: "Tài liệu", resolution: "Nghị quyết", "document-ref": "Văn kiện Liên Hợp Quốc",
    country: "Quốc gia", organization: "Tổ chức", instrument: "Văn kiện pháp lý",
    topic: "Chủ đề", page: "Trang",
  },
};

// Messages in the page's language (the template's own text comes from the
// theme's strings).
const MESSAGES = {
  en: {
    searching: "Searching…",
    none: (q) => (q ? `No results for “${q}”.` : "No results."),
    count: (n, q) => `${n} result${n === 1 ? "" : "s"}${q ? ` for “${q}”` : ""}.`,
    failed: "Search failed to load. Browse the indexes below instead.",
    moreParagraphs: (n) => `${n} more paragraph${n === 1 ? "" : "s"} in this document`,
    through: (name) => `Through ${name}: paragraphs about it in any language`,
  },
  zh: {
    searching: "正在搜索…",
    none: (q) => (q ? `没有找到“${q}”的结果。` : "没有结果。"),
    count: (n, q) => (q ? `“${q}”共有 ${n} 个结果。` : `共有 ${n} 个结果。`),
    failed: "搜索无法加载。请改用下方的索引浏览。",
    moreParagraphs: (n) => `本文件中另有 ${n} 段`,
    through: (name) => `通过“${name}”：任何语言中有关它的段落`,
  },
  vi: {
    searching: "Đang tìm…",
    none: (q) => (q ? `Không có kết quả cho “${q}”.` : "Không có kết quả."),
    count: (n, q) => `${n} kết quả${q ? ` cho “${q}”` : ""}.`,
    failed: "Không tải được chức năng tìm kiếm. Hãy duyệt các mục lục bên dưới.",
    moreParagraphs: (n) => `Còn ${n} đoạn khác trong tài liệu này`,
    through: (name) => `Qua “${name}”: các đoạn nói về nó bằng mọi ngôn ngữ`,
  },
};
const lang = (document.documentElement.lang || "en").split("-")[0].toLowerCase();
const msg = MESSAGES[lang] || MESSAGES.en;
const KINDS = KIND_NAMES[lang] || KIND_NAMES.en;

let indexPromise = null;
let symbolsPromise = null;
let namesPromise = null;
let current = null; // { results, next, entries, shown, gen, terms, skip: URLs already listed }
let generation = 0;

/** Mirrors `search::symbols::normalize`: no spaces, lower case, ASCII forms. */
export function normalizeSymbol(text) {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff01 + 0x21))
    .replace(/\s+/g, "")
    .toLowerCase();
}

/**
 * What one result shows: its page, and the paragraphs to list under it
 * (those that matched, or with only filters chosen, those filed under
 * them), each with an excerpt around what matched.
 */
function entryOf(hit, frag, terms) {
  const base = frag.url;
  const paragraphs = hit.paras
    .map((j) => frag.paras[j])
    .filter((p) => p && p[1] !== null)
    .map(([anchor, label, text]) => ({
      url: anchor ? `${base}#${anchor}` : base,
      label: label || frag.title,
      excerpt: excerpt(text, terms),
    }));
  const first = (hit.paras.length ? frag.paras[hit.paras[0]] : frag.paras[0]) || ["", null, ""];
  return {
    page: {
      url: base,
      title: frag.title,
      filters: { kind: frag.kind ? [frag.kind] : [], language: frag.language || [] },
      excerpt: excerpt(first[2], terms),
    },
    paragraphs,
  };
}

function loadIndex() {
  if (!indexPromise) indexPromise = openIndex(form.dataset.index);
  return indexPromise;
}

function loadSymbols() {
  if (!symbolsPromise) {
    symbolsPromise = fetch(form.dataset.symbols)
      .then((r) => (r.ok ? r.json() : {}))
      .catch(() => ({}));
  }
  return symbolsPromise;
}

function loadNames() {
  if (!namesPromise) {
    namesPromise = fetch(form.dataset.names)
      .then((r) => (r.ok ? r.json() : { names: [], entities: [] }))
      .catch(() => ({ names: [], entities: [] }));
  }
  return namesPromise;
}

/** Lower case, runs of spaces as one (search::names::fold). */
function foldName(text) {
  return text.trim().split(/\s+/).join(" ").toLowerCase();
}

/**
 * Entities named in the query, in any language the site knows them in
 * (search/names.json): the longest names first, at most two entities, each
 * with what is left of the query once its name is taken out. A Latin name
 * must stand as whole words; a Chinese one anywhere.
 */
async function namedEntities(query) {
  const { names, entities } = await loadNames();
  const q = foldName(query);
  const found = [];
  const taken = new Set();
  const sorted = names.slice().sort((a, b) => b[0].length - a[0].length);
  for (const [name, i] of sorted) {
    if (found.length >= 2 || taken.has(i)) continue;
    const at = q.indexOf(name);
    if (at < 0) continue;
    const latin = /[a-z0-9]/.test(name);
    const before = q[at - 1];
    const after = q[at + name.length];
    if (latin && ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after)))) continue;
    taken.add(i);
    const rest = (q.slice(0, at) + " " + q.slice(at + name.length)).trim();
    found.push({ entity: entities[i], rest });
  }
  return found;
}

/**
 * Paragraphs filed under an entity the query names (what is left of the
 * query, if anything, must match them too), listed below the direct
 * results and marked as found through the entity; pages listed above are
 * not listed again.
 */
async function showThrough(index, query, filters, gen, listed) {
  throughBox.replaceChildren();
  throughBox.hidden = true;
  let shown = 0;
  if (!query) return shown;
  for (const { entity, rest } of await namedEntities(query)) {
    if (filters[entity.filter]) continue;
    const wanted = { [entity.filter]: entity.title };
    const { results, terms } = await index.search(rest || null, { ...filters, ...wanted });
    const hits = results.slice(0, PAGE_SIZE);
    const frags = await Promise.all(hits.map((h) => index.page(h.id)));
    if (gen !== generation) return shown;
    const entries = hits
      .map((h, k) => entryOf(h, frags[k], terms))
      .filter((e) => e.paragraphs.length && !listed.has(e.page.url));
    if (!entries.length) continue;
    const h = document.createElement("h2");
    h.className = "search-through-title";
    const a = document.createElement("a");
    a.href = entity.url;
    a.textContent = entity.title;
    h.append(...msg.through("\u0000").split("\u0000").flatMap((part, k) => (k ? [a, part] : [part])));
    const ol = document.createElement("ol");
    ol.className = "search-results";
    for (const e of entries) ol.append(entryItem(e));
    throughBox.append(h, ol);
    throughBox.hidden = false;
    shown += entries.length;
  }
  return shown;
}

/** Exact symbol hits: the key itself, or `s/res/2341` for `s/res/2341(2017)`. */
async function symbolHits(query) {
  const key = normalizeSymbol(query);
  if (key.length < 2) return [];
  const symbols = await loadSymbols();
  if (symbols[key]) return [symbols[key]];
  if (!/\d$/.test(key)) return [];
  return Object.keys(symbols)
    .filter((k) => k.startsWith(key + "("))
    .sort()
    .slice(0, 3)
    .map((k) => symbols[k]);
}

/** Excerpt pieces (search-engine.js `excerpt`) as text and <mark>s. */
function excerptNodes(pieces) {
  const out = document.createDocumentFragment();
  for (const { text, mark } of pieces) {
    if (!mark) {
      out.append(document.createTextNode(text));
      continue;
    }
    const m = document.createElement("mark");
    m.textContent = text;
    out.append(m);
  }
  return out;
}

function resultItem({ url, title, meta, excerpt, symbol, paragraph }) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.className = symbol ? "search-result search-symbol" : paragraph ? "search-result search-paragraph" : "search-result";
  a.href = url;
  const t = document.createElement("span");
  t.className = "search-result-title";
  t.textContent = title;
  a.append(t);
  if (meta) {
    const m = document.createElement("span");
    m.className = "search-result-meta";
    m.textContent = meta;
    a.append(m);
  }
  if (excerpt) {
    const e = document.createElement("span");
    e.className = "search-result-excerpt";
    e.append(excerpt);
    a.append(e);
  }
  li.append(a);
  return li;
}

function describe(filters) {
  const parts = [];
  const kind = filters?.kind?.[0];
  if (kind) parts.push(KINDS[kind] || kind);
  const langs = (filters?.language || []).map((l) => LANGUAGES[l] || l);
  if (langs.length) parts.push(langs.join(", "));
  return parts.join(" · ");
}

function chosenFilters() {
  const filters = {};
  for (const s of selects) if (s.value) filters[s.dataset.filter] = s.value;
  return filters;
}

async function fillFilters(index) {
  const available = index.filters();
  for (const s of selects) {
    const name = s.dataset.filter;
    const values = Object.keys(available[name] || {});
    // A filter the site has no values for is not offered.
    const box = s.closest(".search-filter");
    if (box) box.hidden = values.length === 0;
    const wanted = s.dataset.wanted ?? s.value;
    values.sort((a, b) =>
      name === "year" ? b.localeCompare(a) : label(name, a).localeCompare(label(name, b)),
    );
    for (const v of values) {
      const o = document.createElement("option");
      o.value = v;
      o.textContent = `${label(name, v)} (${available[name][v]})`;
      s.append(o);
    }
    if (wanted && values.includes(wanted)) s.value = wanted;
    delete s.dataset.wanted;
  }
  filterBox.hidden = false;
}

function label(filter, value) {
  if (filter === "language") return LANGUAGES[value] || value;
  if (filter === "kind") return KINDS[value] || value;
  return value;
}

function setStatus(text) {
  statusEl.textContent = text;
}

/** Loads the pages of the next results until `n` entries are known or none is left. */
async function resolve(n) {
  const c = current;
  const index = await loadIndex();
  while (c.entries.length < n && c.next < c.results.length) {
    const slice = c.results.slice(c.next, c.next + PAGE_SIZE);
    c.next += slice.length;
    const frags = await Promise.all(slice.map((h) => index.page(h.id)));
    slice.forEach((h, k) => {
      const e = entryOf(h, frags[k], c.terms);
      // The page an exact symbol led to is listed once, first (its
      // paragraphs that matched still are).
      if (!(c.skip.has(e.page.url) && e.paragraphs.length === 0)) c.entries.push(e);
    });
  }
}

function entryItem({ page, paragraphs }) {
  const li = resultItem({
    url: page.url,
    title: page.title || page.url,
    meta: describe(page.filters),
    excerpt: paragraphs.length ? null : excerptNodes(page.excerpt),
  });
  li.classList.add("search-page-result");
  if (paragraphs.length) {
    const ol = document.createElement("ol");
    ol.className = "search-paragraphs";
    for (const p of paragraphs.slice(0, MAX_PARAGRAPHS)) {
      ol.append(
        resultItem({
          url: p.url,
          title: p.label,
          excerpt: excerptNodes(p.excerpt),
          paragraph: true,
        }),
      );
    }
    if (paragraphs.length > MAX_PARAGRAPHS) {
      const rest = document.createElement("li");
      const a = document.createElement("a");
      a.className = "search-more-paragraphs";
      a.href = page.url;
      a.textContent = msg.moreParagraphs(paragraphs.length - MAX_PARAGRAPHS);
      rest.append(a);
      ol.append(rest);
    }
    li.append(ol);
  }
  return li;
}

/**
 * Lists the next entries. `head` (a new search's first items): the list is
 * replaced in one step once they are known, so it is never empty while a
 * search runs.
 */
async function showMore(head) {
  if (!current) return;
  const c = current;
  await resolve(c.shown + PAGE_SIZE);
  if (c.gen !== generation) return;
  const items = c.entries.slice(c.shown, c.shown + PAGE_SIZE).map(entryItem);
  if (head) list.replaceChildren(...head, ...items);
  else list.append(...items);
  c.shown = Math.min(c.entries.length, c.shown + PAGE_SIZE);
  more.hidden = c.shown >= c.entries.length && c.next >= c.results.length;
}

function updateUrl(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  const qs = params.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
}

async function run() {
  const gen = ++generation;
  const query = input.value.trim();
  const filters = chosenFilters();
  updateUrl(query, filters);
  if (!query && Object.keys(filters).length === 0) {
    list.replaceChildren();
    throughBox.replaceChildren();
    throughBox.hidden = true;
    more.hidden = true;
    current = null;
    setStatus("");
    return;
  }
  setStatus(msg.searching);
  try {
    const [symbols, index] = await Promise.all([query ? symbolHits(query) : [], loadIndex()]);
    const { results, terms } = await index.search(query || null, filters);
    if (gen !== generation) return;
    const head = symbols.map((s) =>
      resultItem({
        url: s.url,
        title: s.title === s.symbol ? s.title : `${s.symbol} — ${s.title}`,
        meta: KINDS[s.kind] || s.kind,
        symbol: true,
      }),
    );
    current = { results, next: 0, entries: [], shown: 0, gen, terms, skip: new Set(symbols.map((s) => s.url)) };
    await showMore(head);
    if (gen !== generation) return;
    const listed = new Set([...current.skip, ...current.entries.map((e) => e.page.url)]);
    const through = await showThrough(index, query, filters, gen, listed);
    if (gen !== generation) return;
    const exhausted = current.next >= results.length;
    const pages = exhausted ? current.entries.length : results.length - (current.next - current.entries.length);
    const total = pages + symbols.length + through;
    setStatus(total === 0 ? msg.none(query) : msg.count(total, query));
  } catch (e) {
    if (gen !== generation) return;
    setStatus(msg.failed);
    throw e;
  }
}

let timer = 0;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(run, 200);
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(timer);
  run();
});
input.addEventListener("input", schedule);
for (const s of selects) s.addEventListener("change", () => run());
more.addEventListener("click", () => showMore());

// Start: read ?q= and filters from the address, show the filters, search.
const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const s of selects) {
  const v = params.get(s.dataset.filter);
  if (v) s.dataset.wanted = v;
}
loadIndex()
  .then(fillFilters)
  .then(() => {
    if (input.value || Object.keys(chosenFilters()).length) run();
  })
  .catch(() => setStatus(msg.failed));
