// The search page's engine without a browser: its terms must be the index's
// (src/search/tokens.rs pins the same examples), its postings read as
// src/search/index.rs writes them, its excerpts mark what matched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decode, excerpt, fnv1a, fold, matches, queryTerms, shardOf } from "../../themes/default/static/search-engine.js";

const terms = (q) => queryTerms(q).map((t) => t.term);

test("query terms are folded as the index folds its words", () => {
  assert.deepEqual(terms("Chứng cứ ĐIỆN tử, Đà Nẵng!"), ["chung", "cu", "dien", "tu", "da", "nang"]);
  assert.deepEqual(terms("Кибер-преступность"), ["кибер", "преступность"]);
  assert.equal(fold("Résumé"), "resume");
});

test("a run of Chinese is looked up as its pairs, one character as itself", () => {
  assert.deepEqual(terms("数字证据"), ["数字", "字证", "证据"]);
  assert.deepEqual(terms("IP地址"), ["ip", "地址"]);
  assert.deepEqual(terms("法"), ["法"]);
});

test("only the last word typed stands for the words it begins", () => {
  const q = queryTerms("digital evidenc");
  assert.deepEqual(q, [
    { term: "digital", prefix: false },
    { term: "evidenc", prefix: true },
  ]);
  // Too short to be a useful prefix.
  assert.equal(queryTerms("chung cu dien tu").at(-1).prefix, false);
});

test("shards are the index's: FNV-1a test vectors, first two characters", () => {
  assert.equal(fnv1a(""), 0x811c9dc5);
  assert.equal(fnv1a("a"), 0xe40c292c);
  assert.equal(fnv1a("foobar"), 0xbf9cf968);
  assert.equal(shardOf("evidence", 64), shardOf("ev", 64));
});

test("postings decode to pages, paragraphs and title hits", () => {
  // index.rs `postings_are_page_and_paragraph_differences`.
  const m = decode([3, 6, 0, 4, 5, 4, 1, 1, 3, 2]);
  assert.deepEqual([...m], [
    [3, { paras: [0, 4, 9], title: false }],
    [7, { paras: [], title: true }],
    [8, { paras: [2], title: true }],
  ]);
});

test("excerpts mark the words matched in their original spelling", () => {
  const text = "Argentina trình bày chứng cứ điện tử trong hợp tác quốc tế.";
  const pieces = excerpt(text, queryTerms("chung cu dien tu"));
  const marked = pieces.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marked, ["chứng", "cứ", "điện", "tử"]);
  assert.equal(pieces.map((p) => p.text).join(""), text);
  // Chinese: the pairs of a query touch, and read as one mark.
  const zh = "会员国还指出，数字证据的收集需要合作。";
  assert.deepEqual(
    excerpt(zh, queryTerms("数字证据")).filter((p) => p.mark).map((p) => p.text),
    ["数字证据"],
  );
  // A word matches whole words only; a prefix the word it begins.
  assert.deepEqual(matches("evidence evident", queryTerms("evidence ")), [[0, 8]]);
  assert.deepEqual(matches("the evidence", queryTerms("evid")), [[4, 12]]);
});

test("a long text is cut around its first match, with ellipses", () => {
  const text = `${"Lorem ipsum dolor sit amet. ".repeat(20)}The target word is here. ${"More text follows. ".repeat(20)}`;
  const pieces = excerpt(text, queryTerms("target"), 120);
  const shown = pieces.map((p) => p.text).join("");
  assert.ok(shown.startsWith("…") && shown.endsWith("…"), shown);
  assert.ok(shown.length < 200, shown);
  assert.ok(pieces.some((p) => p.mark && p.text === "target"));
});
