// pilcrow's search engine in the browser: reads the static index the build
// wrote under search/index/ (src/search/index.rs) and answers queries with
// no server. Imported by search.js on the search page only.
//
// A query's terms are made as the index made its terms (src/search/tokens.rs:
// folded — no marks, đ as d, lower case; scripts without spaces as single
// characters and pairs; other scripts as words). Each term costs one shard
// file (cached); a filter value one more. A page is a result when it holds
// every term (in a paragraph, or in its title and names) and every chosen
// filter; its paragraphs listed are those filed under the chosen paragraph
// filters that hold the most terms.

export const FORMAT = 1;

/** Scripts written without spaces (tokens.rs `is_unspaced`): code point ranges. */
const UNSPACED = [
  [0x0e00, 0x0eff], [0x1000, 0x109f], [0x1780, 0x17ff], [0x2e80, 0x2fdf],
  [0x3005, 0x3007], [0x3021, 0x3029], [0x3038, 0x303b], [0x3041, 0x30ff],
  [0x31f0, 0x31ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff],
  [0xff66, 0xff9d], [0x20000, 0x3134f],
];
const MAX_WORD = 40;
const FILTER_SEPARATOR = "\u001f";
/** A last word this long or longer also finds the words it begins. */
const PREFIX_MIN = 3;

export function isUnspaced(ch) {
  const c = ch.codePointAt(0);
  for (const [lo, hi] of UNSPACED) if (c >= lo && c <= hi) return true;
  return false;
}

const WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
const MARK = /\p{M}/u;

/** One character folded (tokens.rs `fold_char`): possibly none, possibly several. */
function foldChar(ch) {
  let out = "";
  for (const c of ch.normalize("NFD")) {
    if (MARK.test(c)) continue;
    out += c === "đ" || c === "Đ" ? "d" : c.toLowerCase();
  }
  return out;
}

export function fold(text) {
  let out = "";
  for (const ch of text) out += foldChar(ch);
  return out;
}

/**
 * The terms of a query, each once, in order: `{ term, prefix }` — `prefix`
 * when it is the last word typed (no space after it) and long enough to
 * stand for the words it begins. Runs of a script without spaces give their
 * pairs (one character alone gives itself).
 */
export function queryTerms(query) {
  const out = [];
  const seen = new Set();
  const add = (term, prefix) => {
    if (!term || seen.has(term)) return;
    seen.add(term);
    out.push({ term, prefix });
  };
  let word = "";
  let run = [];
  const flushWord = (last) => {
    const n = [...word].length;
    if (n > 0 && n <= MAX_WORD) add(word, last && n >= PREFIX_MIN);
    word = "";
  };
  const flushRun = () => {
    if (run.length === 1) add(run[0], false);
    for (let i = 1; i < run.length; i++) add(run[i - 1] + run[i], false);
    run = [];
  };
  const chars = [...fold(query)];
  chars.forEach((c) => {
    if (isUnspaced(c)) {
      flushWord(false);
      run.push(c);
    } else {
      flushRun();
      if (WORD_CHAR.test(c)) word += c;
      else flushWord(false);
    }
  });
  flushRun();
  flushWord(true);
  return out;
}

/** FNV-1a, 32 bits, over UTF-8 (tokens.rs `fnv1a`). */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The shard of a term: its first two characters hashed (tokens.rs `shard_of`). */
export function shardOf(term, shards) {
  return fnv1a([...term].slice(0, 2).join("")) % Math.max(1, shards);
}

/** Postings → Map(page → { paras: number[], title }) (index.rs module doc). */
export function decode(data) {
  const out = new Map();
  let page = 0;
  for (let i = 0; i < data.length; ) {
    page += data[i];
    const k = data[i + 1] >> 1;
    const title = (data[i + 1] & 1) === 1;
    i += 2;
    const paras = new Array(k);
    let p = 0;
    for (let j = 0; j < k; j++) {
      p += data[i + j];
      paras[j] = p;
    }
    i += k;
    out.set(page, { paras, title });
  }
  return out;
}

/** Several postings as one (the words a prefix begins). */
function union(maps) {
  if (maps.length === 1) return maps[0];
  const out = new Map();
  for (const m of maps) {
    for (const [page, { paras, title }] of m) {
      const cur = out.get(page);
      if (!cur) out.set(page, { paras: paras.slice(), title });
      else {
        cur.title ||= title;
        cur.paras = [...new Set([...cur.paras, ...paras])].sort((a, b) => a - b);
      }
    }
  }
  return out;
}

export class SearchIndex {
  constructor(base) {
    this.base = base;
    this.files = new Map();
    this.meta = null;
  }

  async load(path) {
    if (!this.files.has(path)) {
      this.files.set(
        path,
        fetch(this.base + path).then((r) => {
          if (!r.ok) throw new Error(`search index: ${path}: ${r.status}`);
          return r.json();
        }),
      );
    }
    return this.files.get(path);
  }

  async open() {
    this.meta = await this.load("meta.json");
    if (this.meta.format !== FORMAT) throw new Error(`search index: format ${this.meta.format}, expected ${FORMAT}`);
    return this;
  }

  /** Filter name → value → pages a click on it lists. */
  filters() {
    return this.meta.filters || {};
  }

  /** A page's title, kind, languages and paragraphs `[anchor, label, text]`. */
  page(id) {
    return this.load(`p/${id}.json`);
  }

  async postings({ term, prefix }) {
    const shard = await this.load(`w/${shardOf(term, this.meta.shards)}.json`);
    const keys = prefix ? Object.keys(shard).filter((k) => k.startsWith(term)) : term in shard ? [term] : [];
    return union(keys.map((k) => decode(shard[k])));
  }

  async filterPostings(name, value) {
    const key = name + FILTER_SEPARATOR + value;
    const shard = await this.load(`f/${fnv1a(key) % Math.max(1, this.meta.filterShards)}.json`);
    return decode(shard[key] || []);
  }

  /**
   * Results for a query (or none: then the filters alone choose), best
   * first: `{ id, paras }` — the page and the paragraphs to list. `terms`
   * are the query's terms, for excerpts.
   */
  async search(query, filters = {}) {
    const terms = query ? queryTerms(query) : [];
    const pageFilters = new Set(this.meta.pageFilters || []);
    const chosen = Object.entries(filters).filter(([, v]) => v);
    if (terms.length === 0 && chosen.length === 0) return { results: [], terms };
    const [postings, filterPostings] = await Promise.all([
      Promise.all(terms.map((t) => this.postings(t))),
      Promise.all(chosen.map(([name, value]) => this.filterPostings(name, value))),
    ]);
    const total = Math.max(1, this.meta.pages);
    const idf = postings.map((p) => Math.log(1 + total / Math.max(1, p.size)));
    // Pages every term and filter holds, starting from the smallest set.
    const sets = [...postings, ...filterPostings];
    sets.sort((a, b) => a.size - b.size);
    let pages = sets.length ? [...sets[0].keys()] : [];
    for (const s of sets.slice(1)) pages = pages.filter((p) => s.has(p));

    const paragraphFilters = chosen
      .map(([name], k) => (pageFilters.has(name) ? null : filterPostings[k]))
      .filter(Boolean);
    const results = [];
    for (const page of pages) {
      // Paragraphs filed under every chosen paragraph filter.
      let allowed = null;
      for (const f of paragraphFilters) {
        const paras = new Set(f.get(page).paras);
        allowed = allowed ? new Set([...allowed].filter((p) => paras.has(p))) : paras;
      }
      if (allowed && allowed.size === 0) continue;
      if (terms.length === 0) {
        const paras = allowed ? [...allowed].sort((a, b) => a - b) : [];
        results.push({ id: page, paras, score: paras.length });
        continue;
      }
      const count = new Map();
      let score = 0;
      postings.forEach((p, t) => {
        const hit = p.get(page);
        let n = 0;
        for (const para of hit.paras) {
          if (allowed && !allowed.has(para)) continue;
          count.set(para, (count.get(para) || 0) + 1);
          n += 1;
        }
        score += idf[t] * ((hit.title ? 2 : 0) + (n ? 1 + 0.25 * Math.log(n) : 0));
      });
      const best = Math.max(0, ...count.values());
      if (allowed && best === 0) continue;
      const paras = [...count].filter(([, n]) => n === best).map(([p]) => p).sort((a, b) => a - b);
      score += 2 * (best / terms.length) * idf.reduce((a, b) => a + b, 0);
      results.push({ id: page, paras, score });
    }
    results.sort((a, b) => b.score - a.score || a.id - b.id);
    return { results, terms };
  }
}

export async function openIndex(base) {
  return new SearchIndex(base).open();
}

/**
 * Where the terms stand in `text`: `[start, end)` ranges of the original
 * text, merged where they touch. A word matches at the start of a word
 * (a prefix term anywhere it begins one); a term of a script without
 * spaces anywhere.
 */
export function matches(text, terms) {
  // The folded text, and for each folded character where it came from.
  let folded = "";
  const from = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (const c of f) {
      folded += c;
      for (let k = 0; k < c.length; k++) from.push(i);
    }
    i += ch.length;
  }
  from.push(text.length);
  const ranges = [];
  for (const { term, prefix } of terms) {
    const unspaced = isUnspaced([...term][0]);
    let at = folded.indexOf(term);
    while (at >= 0) {
      const end = at + term.length;
      const before = folded[at - 1];
      const after = folded[end];
      const starts = unspaced || !before || !WORD_CHAR.test(before);
      const ends = unspaced || prefix || !after || !WORD_CHAR.test(after);
      if (starts && ends) {
        // Extend a prefix to the end of its word.
        let e = end;
        if (prefix) while (e < folded.length && WORD_CHAR.test(folded[e])) e++;
        ranges.push([from[at], from[e] ?? text.length]);
      }
      at = folded.indexOf(term, at + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r.slice());
  }
  return merged;
}

/** Width of text on screen, roughly: a wide (CJK) character counts two. */
function width(ch) {
  return isUnspaced(ch) || /[\u1100-\u115f\uac00-\ud7a3\uff01-\uff60]/.test(ch) ? 2 : 1;
}

/**
 * An excerpt of `text` around its first match, about `size` columns wide,
 * cut at spaces where there are spaces: `[{ text, mark }]` pieces.
 */
export function excerpt(text, terms, size = 200) {
  const ranges = matches(text, terms);
  const first = ranges.length ? ranges[0][0] : 0;
  // Start a third of the way back from the first match.
  let start = first;
  for (let w = 0; start > 0 && w < size / 3; ) {
    start -= 1;
    w += width(text[start]);
  }
  if (start > 0) {
    const space = text.lastIndexOf(" ", first);
    if (space >= start && first - space < size / 2) start = space + 1;
    else {
      const s = text.indexOf(" ", start);
      if (s >= 0 && s < first) start = s + 1;
    }
  }
  let end = start;
  for (let w = 0; end < text.length && w < size; end++) w += width(text[end]);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > start + size / 4) end = space;
  }
  const pieces = [];
  if (start > 0) pieces.push({ text: "…", mark: false });
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (s > at) pieces.push({ text: text.slice(at, s), mark: false });
    pieces.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), mark: false });
  if (end < text.length) pieces.push({ text: "…", mark: false });
  return pieces;
}
