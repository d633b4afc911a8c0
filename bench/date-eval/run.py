#!/usr/bin/env python3
"""Score the dates `pilcrow ingest` gives saved web pages, on htmldate's
evaluation corpus: 1,000 pages (news, blogs, institutional and personal
sites; German first, then English and a dozen other languages), each
annotated with its publication date (one day).

    python3 bench/date-eval/run.py HTMLDATE_CHECKOUT --pilcrow BIN
                                   [--keep DIR] [--worst N] [--json OUT]

HTMLDATE_CHECKOUT is a clone of https://github.com/adbar/htmldate (its
`tests/eval_default.json`, `tests/eval_mediacloud_2020.json` and the pages
under `tests/cache/`, `tests/eval/`, `tests/test_set/`; the pages are not
copied into this repository). Scoring is htmldate's own
(`tests/evaluation.py`): a date given equal to the reference is a true
positive, a different one a false positive, none a false negative (every
page has a reference date, so there are no true negatives); precision,
recall, accuracy and F1 over all pages. For reference, that project's
published table (same corpus, 2026): htmldate fast accuracy 0.861 (F1
0.925), htmldate extensive 0.903 (0.949), newspaper4k 0.680, goose3 0.545.

pilcrow runs end to end through its CLI, as a user would: `init`, the
pages in `seeds/`, `ingest`; the date is the document page's `date:`.
Like htmldate in that comparison, pilcrow is not told the page's URL.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ingest-eval"))
from eval import front_matter, norm_date  # noqa: E402

SETS = ["eval_default.json", "eval_mediacloud_2020.json"]
DIRS = ["test_set", "cache", "eval"]


def load_pages(checkout):
    tests = Path(checkout) / "tests"
    pages = []
    for name in SETS:
        for url, item in json.loads((tests / name).read_text(encoding="utf-8")).items():
            path = next((tests / d / item["file"] for d in DIRS if (tests / d / item["file"]).is_file()), None)
            if path is None:
                sys.exit(f"run.py: {item['file']} (listed in {name}) is in none of {DIRS}")
            pages.append({"url": url, "file": item["file"], "path": path, "want": item["date"]})
    return pages


def seed_name(file):
    """The seed's file name: pilcrow reads a page by its extension."""
    return file if file.endswith((".html", ".htm")) else file + ".html"


def ingest(pilcrow, pages, site):
    p = subprocess.run([pilcrow, "init", str(site)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"run.py: `pilcrow init` failed: {p.stderr.strip()}")
    seeds = site / "seeds"
    seeds.mkdir(exist_ok=True)
    for page in pages:
        shutil.copyfile(page["path"], seeds / seed_name(page["file"]))
    p = subprocess.run([pilcrow, "ingest"], cwd=site, capture_output=True, text=True)
    if p.returncode != 0:
        print(f"run.py: `pilcrow ingest` exited {p.returncode}:\n{p.stderr[-2000:]}", file=sys.stderr)
    got = {}
    for md in sorted((site / "content" / "documents").glob("*.md")):
        fm = front_matter(md.read_text(encoding="utf-8", errors="replace"))
        src = fm.get("source")
        if isinstance(src, str):
            got[Path(src).name] = (norm_date(fm.get("date")), md.name)
    return got


def score(pages, got):
    tp = fp = fn = 0
    rows = []
    for page in pages:
        date, md = got.get(seed_name(page["file"]), (None, None))
        if date is None:
            fn += 1
            verdict = "none"
        elif date == page["want"]:
            tp += 1
            verdict = "ok"
        else:
            fp += 1
            verdict = "wrong"
        rows.append({**page, "path": str(page["path"]), "got": date, "page": md, "verdict": verdict})
    n = len(pages)
    summary = {
        "pages": n,
        "right": tp,
        "wrong": fp,
        "none": fn,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": tp / n if n else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if n else 0.0,
    }
    return summary, rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkout", help="a clone of adbar/htmldate")
    ap.add_argument("--pilcrow", required=True, help="the pilcrow binary")
    ap.add_argument("--keep", help="keep the ingested site here (must not exist)")
    ap.add_argument("--worst", type=int, default=0, help="list N wrong and N missing dates")
    ap.add_argument("--json", help="write per-page results here")
    args = ap.parse_args(argv)

    pages = load_pages(args.checkout)
    with tempfile.TemporaryDirectory(prefix="date-eval.") as tmp:
        site = Path(args.keep) if args.keep else Path(tmp) / "site"
        if args.keep and site.exists():
            sys.exit(f"run.py: --keep {site} exists")
        got = ingest(args.pilcrow, pages, site)
    summary, rows = score(pages, got)
    print(
        f"{summary['pages']} pages: right {summary['right']}, wrong {summary['wrong']}, none {summary['none']}"
        f" | precision {summary['precision']:.3f} recall {summary['recall']:.3f}"
        f" accuracy {summary['accuracy']:.3f} F1 {summary['f1']:.3f}"
    )
    for verdict in ("wrong", "none"):
        for row in [r for r in rows if r["verdict"] == verdict][: args.worst]:
            print(f"  {verdict:5} want {row['want']} got {row['got']}  {row['file']}  {row['url'][:90]}")
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "pages": rows}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
