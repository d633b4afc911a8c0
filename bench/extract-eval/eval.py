#!/usr/bin/env python3
"""Score main-content extraction of saved web pages against reference text.

    python3 eval.py [--devset SET.tar.xz ...] [--pilcrow BIN] [--peers BIN]
                    [--systems a,b,...] [--keep DIR] [--worst N]

A dev set is a .tar.xz holding NAME/source.html, NAME/reference.txt (the
expected article as plain text) and NAME/metadata.json (`title`,
`publishedTime`, `lang`, any of them null or absent); see make_devset.py.

Systems:
- `pilcrow`: end to end through the CLI only. `pilcrow init SITE`, the pages
  copied to SITE/seeds/NAME.html, `pilcrow ingest` run in SITE; every
  SITE/content/documents/*.md is mapped back to its page by the front
  matter's `source:` key. The body is scored with front matter, markdown
  syntax, link targets and `^p-N` anchors removed; title/date/language come
  from the front matter. Then `pilcrow build` runs on that site and its
  outcome is printed (ingest must never write what build rejects).
- every system the peers binary (`extract-peers --list`) was built with; it
  writes one JSON file per page: {"text", "title", "date", "lang",
  "markdown"}; markdown text is stripped of its syntax as pilcrow's is.

Body scoring follows the article-extraction-benchmark's evaluate.py
(scrapinghub/article-extraction-benchmark): word tokens (`\\w+`), shingles
of 4 tokens, multiset true/false positives and negatives per page,
normalised per page; precision is the mean over pages whose output is not
empty, recall the mean over pages whose reference is not empty, and F1 the
harmonic mean of the two. Unlike that script, tokens are lowercased
(`--case-sensitive` restores its behaviour). Also printed: mean per-page
F1 (an empty output scores 0 there), pages with an empty output, title
accuracy (case, whitespace and punctuation ignored), date accuracy (same
calendar day) where the metadata has publishedTime, language where it has
lang, and the wall time of the whole run of each system.

Stdlib only.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------- scoring

TOKEN_RE = re.compile(r"\w+", re.UNICODE)
LOWER = True


def tokens(text):
    text = text or ""
    if LOWER:
        text = text.lower()
    return TOKEN_RE.findall(text)


def shingles(text, n=4):
    toks = tokens(text)
    out = Counter()
    for i in range(0, max(1, len(toks) - n + 1)):
        sh = tuple(toks[i : i + n])
        if sh:
            out[sh] += 1
    return out


def tp_fp_fn(true, pred):
    """Shingle matching as in the benchmark: normalised (tp, fp, fn)."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for k in set(t) | set(p):
        tc, pc = t.get(k, 0), p.get(k, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    if s > 0:
        tp, fp, fn = tp / s, fp / s, fn / s
    return tp, fp, fn


def precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def aggregate(rows):
    """Benchmark-style P, R, F1 over pages, plus mean per-page F1."""
    ps = [precision(*r["tpfpfn"]) for r in rows if r["tpfpfn"][0] + r["tpfpfn"][1] > 0]
    rs = [recall(*r["tpfpfn"]) for r in rows if r["tpfpfn"][0] + r["tpfpfn"][2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return p, r, f1(p, r), statistics.mean(x["f1"] for x in rows) if rows else 0.0


def norm_title(s):
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = "".join(c if (c.isalnum() or c.isspace()) else " " for c in s)
    return " ".join(s.split())


SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " _ ", " · ", " » ", ": ")


def title_variants(s):
    """The title, and the title without a leading or trailing segment cut
    off by a site-name separator ("Headline | Site", "Site: Headline")."""
    s = (s or "").strip()
    out = {norm_title(s)}
    for sep in SEPARATORS:
        if sep in s:
            head, _, tail = s.rpartition(sep)
            first, _, rest = s.partition(sep)
            out |= {norm_title(head), norm_title(rest)}
    out.discard("")
    return out


def title_close(want, got):
    return bool(title_variants(want) & title_variants(got))


DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
STAMP_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?"
)


def day(s):
    m = DAY_RE.search(s or "")
    return m.group(0) if m else None


def days_of(s):
    """Calendar days the date or timestamp `s` falls on somewhere on earth:
    the day as written, and for a timestamp with a time zone the days of
    the same instant from UTC-12 to UTC+14 (an extractor may give the day
    in UTC, or in the publisher's zone)."""
    d = day(s)
    if d is None:
        return set()
    out = {d}
    m = STAMP_RE.search(s)
    if m and m.group(7):
        y, mo, dd, hh, mi = (int(m.group(i)) for i in range(1, 6))
        z = m.group(7)
        if z == "Z":
            off = datetime.timedelta(0)
        else:
            sign = -1 if z[0] == "-" else 1
            z = z[1:].replace(":", "")
            off = sign * datetime.timedelta(hours=int(z[:2]), minutes=int(z[2:]))
        try:
            utc = datetime.datetime(y, mo, dd, hh, mi) - off
        except ValueError:
            return out
        for h in (-12, 14):
            out.add((utc + datetime.timedelta(hours=h)).date().isoformat())
        out.add(utc.date().isoformat())
    return out


def lang_of(s):
    s = (s or "").strip().lower().replace("_", "-")
    return s.split("-")[0] if s else None


# ------------------------------------------------------- pilcrow's output

FRONT_RE = re.compile(r"\A---\n(.*?)\n---\n?", re.S)


def yaml_scalar(v):
    """The scalars pilcrow's front matter writes: plain, "…" or '…'."""
    v = v.strip()
    if v in ("", "null", "~"):
        return None
    if v.startswith('"') and v.endswith('"') and len(v) >= 2:
        try:
            return json.loads(v)
        except ValueError:
            return v[1:-1]
    if v.startswith("'") and v.endswith("'") and len(v) >= 2:
        return v[1:-1].replace("''", "'")
    return v


def front_matter(md):
    m = FRONT_RE.match(md)
    if not m:
        return {}, md
    fm = {}
    for line in m.group(1).splitlines():
        if line[:1] in (" ", "\t", "-") or ":" not in line:
            continue
        k, v = line.split(":", 1)
        fm[k.strip()] = yaml_scalar(v)
    return fm, md[m.end() :]


MD_RULES = [
    (re.compile(r"```[^\n]*"), ""),  # fences
    (re.compile(r"[ \t]\^p-\d+[ \t]*$", re.M), ""),  # paragraph anchors
    (re.compile(r"\[\^[^\]]*\]:?"), ""),  # footnote refs and defs
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # links → text
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # raw html tags
    (re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M), ""),  # headings
    (re.compile(r"^[ \t]*>[ \t]?", re.M), ""),  # quotes
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),  # bullets
    (re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.M), ""),  # table rules, hr
    (re.compile(r"(\*\*|__|\*|(?<!\w)_|_(?!\w)|~~|`)"), ""),  # emphasis, code
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'^$&])"), r"\1"),  # escapes
]


def markdown_text(md):
    # Escaped emphasis characters are text: hidden from the emphasis rule.
    md = md.replace("\\_", "\x00u").replace("\\*", "\x00s").replace("\\`", "\x00b")
    for rx, rep in MD_RULES:
        md = rx.sub(rep, md)
    return md.replace("\x00u", "_").replace("\x00s", "*").replace("\x00b", "`")


def run_pilcrow(binary, pages, work, build=True):
    """Runs pilcrow init + ingest (then build, unless told not to: ingest
    must never write content that build rejects); returns
    ({page: result}, wall seconds of init + ingest, notes)."""
    site = work / "pilcrow-site"
    t0 = time.monotonic()
    r = subprocess.run([binary, "init", str(site)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"eval: pilcrow init failed: {r.stderr.strip()}")
    seeds = site / "seeds"
    seeds.mkdir(exist_ok=True)
    for name, d in pages.items():
        shutil.copyfile(d / "source.html", seeds / f"{name}.html")
    r = subprocess.run([binary, "ingest"], cwd=site, capture_output=True, text=True)
    wall = time.monotonic() - t0
    notes = []
    if r.returncode != 0:
        notes.append(f"pilcrow ingest exited {r.returncode}: {r.stderr.strip()[-500:]}")
    elif build:
        t1 = time.monotonic()
        b = subprocess.run([binary, "build"], cwd=site, capture_output=True, text=True)
        if b.returncode == 0:
            notes.append(f"pilcrow build of the ingested site: ok ({time.monotonic() - t1:.1f} s)")
        else:
            notes.append(f"pilcrow build of the ingested site FAILED: {b.stderr.strip()[-500:]}")
    out = {}
    docs = site / "content" / "documents"
    by_source = {f"seeds/{n}.html": n for n in pages}
    for md_path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        md = md_path.read_text(encoding="utf-8", errors="replace")
        fm, body = front_matter(md)
        src = (fm.get("source") or "").replace("\\", "/")
        name = by_source.get(src) or by_source.get("seeds/" + Path(src).name)
        if name is None:
            notes.append(f"{md_path.name}: source {src!r} is no page of the set")
            continue
        out[name] = {
            "text": markdown_text(body),
            "title": fm.get("title"),
            "date": fm.get("date"),
            "lang": fm.get("language"),
            "file": str(md_path.relative_to(docs)),
        }
    return out, wall, notes


# ---------------------------------------------------------------- peers


def peer_systems(binary):
    r = subprocess.run([binary, "--list"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"eval: {binary} --list failed: {r.stderr.strip()}")
    return [s for s in r.stdout.split() if s]


def run_peer(binary, system, pages, work):
    outdir = work / f"out-{system}"
    outdir.mkdir()
    listing = "".join(f"{n}\t{d / 'source.html'}\n" for n, d in pages.items())
    t0 = time.monotonic()
    r = subprocess.run([binary, system, str(outdir)], input=listing, capture_output=True, text=True)
    wall = time.monotonic() - t0
    notes = [f"{system}: {r.stderr.strip()[-300:]}"] if r.returncode != 0 else []
    out = {}
    for n in pages:
        p = outdir / f"{n}.json"
        if not p.is_file():
            continue
        j = json.loads(p.read_text(encoding="utf-8"))
        if "error" in j:
            notes.append(f"{system}: {n}: {j['error']}")
            continue
        if j.get("markdown"):
            j["text"] = markdown_text(j.get("text") or "")
        out[n] = j
    return out, wall, notes


# ---------------------------------------------------------------- main


def load_set(archive, work):
    dest = work / ("set-" + archive.name.split(".")[0])
    dest.mkdir()
    with tarfile.open(archive, "r:xz") as tar:
        for m in tar.getmembers():
            if not m.isfile() or m.name.startswith("/") or ".." in Path(m.name).parts:
                sys.exit(f"eval: {archive}: unexpected member {m.name!r}")
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:
            tar.extractall(dest)
    pages = {}
    for d in sorted(p for p in dest.iterdir() if p.is_dir()):
        if (d / "source.html").is_file() and (d / "reference.txt").is_file():
            pages[d.name] = d
    if not pages:
        sys.exit(f"eval: {archive}: no NAME/source.html + NAME/reference.txt in it")
    return pages


def score(pages, results):
    rows = []
    for name, d in pages.items():
        ref = (d / "reference.txt").read_text(encoding="utf-8")
        meta_path = d / "metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        got = results.get(name) or {}
        text = got.get("text") or ""
        t = tp_fp_fn(ref, text)
        row = {
            "page": name,
            "tpfpfn": t,
            "p": precision(*t),
            "r": recall(*t),
            "empty": not tokens(text),
            "title_want": meta.get("title"),
            "title_got": got.get("title"),
            "date_want": meta.get("publishedTime"),
            "date_got": got.get("date"),
            "lang_want": meta.get("lang"),
            "lang_got": got.get("lang"),
            "file": got.get("file"),
        }
        row["f1"] = 0.0 if row["empty"] else f1(row["p"], row["r"])
        if norm_title(meta.get("title")):
            row["title_ok"] = norm_title(meta.get("title")) == norm_title(got.get("title"))
            row["title_close"] = title_close(meta.get("title"), got.get("title"))
        if day(meta.get("publishedTime")):
            row["date_ok"] = day(got.get("date")) in days_of(meta.get("publishedTime"))
        if lang_of(meta.get("lang")):
            row["lang_ok"] = lang_of(meta.get("lang")) == lang_of(got.get("lang"))
        rows.append(row)
    return rows


def pct(rows, key):
    vals = [r[key] for r in rows if key in r]
    if not vals:
        return "-", 0
    return f"{100 * sum(vals) / len(vals):.0f}%", len(vals)


def table(set_name, n_pages, summary):
    head = ["system", "F1", "P", "R", "mean F1", "empty", "title", "title~", "date", "lang", "wall s", "MB/s"]
    lines = [head]
    for s in summary:
        lines.append(
            [
                s["system"],
                f"{s['f1']:.3f}",
                f"{s['p']:.3f}",
                f"{s['r']:.3f}",
                f"{s['mean_f1']:.3f}",
                str(s["empty"]),
                s["title"],
                s["title_close"],
                s["date"],
                s["lang"],
                f"{s['wall']:.1f}",
                f"{s['mb'] / s['wall']:.0f}" if s["wall"] > 0 else "-",
            ]
        )
    widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
    out = []
    for i, l in enumerate(lines):
        out.append("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(l, widths))))
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devset", action="append", type=Path, help="dev set archive(s); default: devset/*.tar.xz")
    ap.add_argument("--pilcrow", help="pilcrow binary to run end to end")
    ap.add_argument("--peers", help="extract-peers binary (bench/extract-eval/peers)")
    ap.add_argument("--systems", help="comma-separated subset of systems to run")
    ap.add_argument("--keep", type=Path, help="write per-page scores and every output here")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of each system")
    ap.add_argument("--no-build", action="store_true", help="skip `pilcrow build` of the ingested site")
    ap.add_argument("--case-sensitive", action="store_true", help="tokens as evaluate.py (no lowercasing)")
    args = ap.parse_args()
    global LOWER
    LOWER = not args.case_sensitive

    # Readability's set first, then the others by name.
    sets = args.devset or sorted(
        (HERE / "devset").glob("*.tar.xz"), key=lambda p: (not p.name.startswith("readability"), p.name)
    )
    if not sets:
        sys.exit("eval: no dev set (devset/*.tar.xz); see make_devset.py")
    wanted = set(args.systems.split(",")) if args.systems else None
    systems = []
    if args.pilcrow:
        systems.append(("pilcrow", None))
    if args.peers:
        systems += [(s, args.peers) for s in peer_systems(args.peers)]
    if wanted:
        systems = [s for s in systems if s[0] in wanted]
    if not systems:
        sys.exit("eval: nothing to run: give --pilcrow and/or --peers")

    work = Path(tempfile.mkdtemp(prefix="extract-eval-"))
    try:
        for archive in sets:
            set_name = archive.name.split(".")[0]
            pages = load_set(archive, work)
            summary, all_rows, notes = [], {}, []
            for system, peer_bin in systems:
                if peer_bin is None:
                    res, wall, n = run_pilcrow(args.pilcrow, pages, work / set_name, not args.no_build)
                else:
                    (work / set_name).mkdir(exist_ok=True)
                    res, wall, n = run_peer(peer_bin, system, pages, work / set_name)
                notes += n
                rows = score(pages, res)
                all_rows[system] = (rows, res)
                p, r, f, mf = aggregate(rows)
                summary.append(
                    {
                        "system": system,
                        "p": p,
                        "r": r,
                        "f1": f,
                        "mean_f1": mf,
                        "empty": sum(x["empty"] for x in rows),
                        "title": "%s/%d" % pct(rows, "title_ok") if pct(rows, "title_ok")[1] else "-",
                        "title_close": "%s" % pct(rows, "title_close")[0],
                        "date": "%s/%d" % pct(rows, "date_ok") if pct(rows, "date_ok")[1] else "-",
                        "lang": "%s/%d" % pct(rows, "lang_ok") if pct(rows, "lang_ok")[1] else "-",
                        "wall": wall,
                        "mb": sum((d / "source.html").stat().st_size for d in pages.values()) / 1e6,
                    }
                )
            print(f"\n{set_name}: {len(pages)} pages (title/date/lang: % right / pages that have one)")
            print("\n".join(table(set_name, len(pages), summary)))
            for note in notes[:20]:
                print("  note:", note)
            if len(notes) > 20:
                print(f"  note: … {len(notes) - 20} more")
            if args.worst:
                for system, (rows, _) in all_rows.items():
                    print(f"\n{set_name}: {system}: {args.worst} worst pages")
                    for r in sorted(rows, key=lambda x: x["f1"])[: args.worst]:
                        title = f"  title={r['title_got']!r}"
                        if r.get("title_want"):
                            title += " (right)" if r.get("title_ok") else f" (want {r['title_want']!r})"
                        print(f"  {r['f1']:.3f}  P={r['p']:.2f} R={r['r']:.2f}  {r['page']}{title}")
            if args.keep:
                keep = args.keep / set_name
                keep.mkdir(parents=True, exist_ok=True)
                site_docs = work / set_name / "pilcrow-site" / "content" / "documents"
                if site_docs.is_dir():
                    shutil.copytree(site_docs, keep / "pilcrow-documents", dirs_exist_ok=True)
                for system, (rows, res) in all_rows.items():
                    sd = keep / system
                    sd.mkdir(exist_ok=True)
                    for name, got in res.items():
                        (sd / f"{name}.txt").write_text(got.get("text") or "", encoding="utf-8")
                    with open(keep / f"{system}.tsv", "w", encoding="utf-8") as f:
                        cols = ["page", "f1", "p", "r", "empty", "title_ok", "title_got", "title_want", "title_close",
                                "date_ok", "date_got", "date_want", "lang_ok", "lang_got", "lang_want", "file"]
                        f.write("\t".join(cols) + "\n")
                        for r in rows:
                            f.write("\t".join(
                                (f"{r[c]:.3f}" if isinstance(r.get(c), float) else str(r.get(c, "")).replace("\t", " ").replace("\n", " "))
                                for c in cols) + "\n")
                with open(keep / "summary.json", "w", encoding="utf-8") as f:
                    json.dump(summary, f, indent=1)
                # One line per page, the F1 of every system side by side.
                with open(keep / "compare.tsv", "w", encoding="utf-8") as f:
                    names = list(all_rows)
                    f.write("\t".join(["page"] + names) + "\n")
                    per = {s: {r["page"]: r["f1"] for r in all_rows[s][0]} for s in names}
                    for page in pages:
                        f.write("\t".join([page] + [f"{per[s][page]:.3f}" for s in names]) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
