#!/usr/bin/env python3
"""Score main-content extraction on trafilatura's evaluation corpus: 990
saved web pages (about two thirds German, the rest English, French,
Polish, Chinese, Arabic and other languages), each annotated with up to
six snippets its main text must hold (`with`) and up to six of
boilerplate it must not (`without`).

    python3 snippets.py TRAFILATURA_CHECKOUT [--pilcrow BIN] [--peers BIN]
                        [--systems a,b] [--worst N] [--keep DIR]

TRAFILATURA_CHECKOUT is a clone of https://github.com/adbar/trafilatura
(its `tests/evaldata.json`, `tests/eval/` and `tests/cache/`; the pages
are not copied into this repository). Scoring is trafilatura's own
(`tests/eval_common.py`): whitespace-normalised substring matching; a
`with` snippet found is a true positive, missed a false negative; a
`without` snippet found is a false positive, absent a true negative;
precision, recall, accuracy and F1 over all snippets. For reference, that
project's published table (same corpus): trafilatura 2.2 F1 0.918,
magic-html 0.889, jusText 0.862, readability-lxml 0.826, goose3 0.810.

pilcrow runs end to end through its CLI as in eval.py (`init`, pages in
`seeds/`, `ingest`, then `build`); its body is the document page without
front matter and markdown syntax (the title is front matter, as
trafilatura's text output leaves the title out). Peers, if given, are the
extract-peers binary's systems (see peers/).
"""

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import eval as ev


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def counts(item, text):
    if text is None:
        return 0, 0, len(item["with"]), len(item["without"])
    t = norm(text)
    tp = sum(1 for w in item["with"] if norm(w) in t)
    fp = sum(1 for w in item["without"] if norm(w) in t)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def scores(tp, fp, fn, tn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    acc = (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0
    f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return p, r, acc, f


def load(checkout):
    tests = Path(checkout) / "tests"
    data = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    pages = {}
    for i, url in enumerate(sorted(data)):
        item = data[url]
        for sub in ("cache", "eval"):
            path = tests / sub / item["file"]
            if path.is_file():
                pages[f"p{i:04d}"] = (url, item, path)
                break
        else:
            sys.exit(f"snippets: {item['file']} not found under {tests}")
    return pages


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("checkout")
    ap.add_argument("--pilcrow")
    ap.add_argument("--peers")
    ap.add_argument("--systems")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--keep")
    args = ap.parse_args()
    pages = load(args.checkout)
    work = Path(args.keep or tempfile.mkdtemp(prefix="snippets-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    # eval.py's runners read NAME/source.html.
    dirs = {}
    for name, (_, _, path) in pages.items():
        d = work / "pages" / name
        d.mkdir(parents=True, exist_ok=True)
        (d / "source.html").write_bytes(path.read_bytes())
        dirs[name] = d
    results = {}
    if args.pilcrow:
        out, wall, notes = ev.run_pilcrow(args.pilcrow, dirs, work)
        results["pilcrow"] = (out, wall, notes)
    if args.peers:
        for system in ev.peer_systems(args.peers):
            if args.systems and system not in args.systems.split(","):
                continue
            out, wall, notes = ev.run_peer(args.peers, system, dirs, work)
            results[system] = (out, wall, notes)
    print(f"trafilatura's evaluation corpus: {len(pages)} pages")
    print(f"{'system':<16} {'precision':>9} {'recall':>7} {'accuracy':>8} {'F1':>6} {'empty':>6} {'wall s':>7}")
    for system, (out, wall, notes) in results.items():
        total = [0, 0, 0, 0]
        per_page = []
        empty = 0
        for name, (url, item, _) in pages.items():
            r = out.get(name)
            text = r["text"] if r else None
            if not text or not text.strip():
                empty += 1
            c = counts(item, text)
            total = [a + b for a, b in zip(total, c)]
            per_page.append((c[1] + c[2], name, url, item, text))
        p, r, acc, f = scores(*total)
        print(f"{system:<16} {p:9.3f} {r:7.3f} {acc:8.3f} {f:6.3f} {empty:6d} {wall:7.1f}")
        for n in notes:
            print(f"  {n}")
        if args.worst:
            per_page.sort(key=lambda x: -x[0])
            for errs, name, url, item, text in per_page[: args.worst]:
                t = norm(text or "")
                missed = [w for w in item["with"] if norm(w) not in t]
                kept = [w for w in item["without"] if norm(w) in t]
                print(f"  {name} {url}")
                for w in missed:
                    print(f"      missed: {w[:90]}")
                for w in kept:
                    print(f"      kept:   {w[:90]}")


if __name__ == "__main__":
    main()
