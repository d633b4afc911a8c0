#!/usr/bin/env python3
"""Checks set 11 against the exclusions its README states.

1. No (repository, path) of this manifest appears in an earlier set's manifest.
2. No repository is one of the excluded extraction-benchmark sources.
3. No file here shares a 12-word run of text with a file of an earlier devset
   (a copy of an article used before, in whatever wrapper).
Run from the repository root: python3 bench/ingest-eval11/check_exclusions.py
(with a set's directory as its argument, the same checks for that set).
"""
import glob, json, os, re, sys

here = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
bench = os.path.dirname(here)
mine = json.load(open(os.path.join(here, "manifest.json")))
earlier = {}
for m in sorted(glob.glob(os.path.join(bench, "ingest-eval*", "manifest.json"))):
    if os.path.dirname(m) == here:
        continue
    for e in json.load(open(m)):
        earlier[(e.get("repository"), e.get("path"))] = m
banned = re.compile(r"htmldate|trafilatura|readability|newspaper|goose|generalnewsextractor|news-please|article-extraction-benchmark", re.I)
bad = 0
for e in mine:
    key = (e["repository"], e["path"])
    if key in earlier:
        print("USED BEFORE:", e["file"], key, earlier[key]); bad += 1
    if banned.search(e["repository"]):
        print("EXCLUDED SOURCE:", e["file"], e["repository"]); bad += 1

def words(path):
    t = open(path, encoding="utf-8", errors="replace").read()
    t = re.sub(r"<[^>]+>", " ", t)
    return re.findall(r"\w+", t.lower())

N = 12
old = set()
for d in glob.glob(os.path.join(bench, "ingest-eval*", "devset")):
    if os.path.dirname(d) == here:
        continue
    for f in glob.glob(os.path.join(d, "*")):
        w = words(f)
        old.update(" ".join(w[i:i + N]) for i in range(0, max(0, len(w) - N + 1)))
for e in mine:
    w = words(os.path.join(here, "devset", e["file"]))
    grams = [" ".join(w[i:i + N]) for i in range(0, max(0, len(w) - N + 1))]
    hits = [g for g in grams if g in old]
    if grams and len(hits) / len(grams) > 0.05:
        print(f"SHARED TEXT: {e['file']} {len(hits)}/{len(grams)} 12-word runs, e.g. {hits[0]!r}"); bad += 1
print("ok" if not bad else f"{bad} problem(s)", f"({len(mine)} files checked)")
sys.exit(1 if bad else 0)
