#!/usr/bin/env python3
"""Score `pilcrow ingest` + `pilcrow build` on the real documents in devset/.

Also scores the held-out set (bench/ingest-eval2/run.sh passes its own
--devset and --expected). `language` in expected.json may be a list of
acceptable codes (Norwegian `no`/`nb`); the report counts document pages
whose body is empty or nearly so.

Stdlib only. Goes through the CLI and the content contract (ARCHITECTURE.md)
alone: `pilcrow init SITE`, every dev-set file copied to SITE/seeds/ under its
own name, `pilcrow ingest`, then `pilcrow build`, both run in SITE. Each
content/documents/*.md is mapped back to its input by its front matter's
`source:` key and compared with expected.json (see README.md).

    python3 eval.py --pilcrow PATH [--devset DIR] [--expected FILE]
                    [--keep DIR] [--json FILE] [--only SUBSTRING]

Exit status: 0 when the run went through (whatever the scores), 1 when
pilcrow could not be run at all, 2 on bad arguments or a broken expected.json.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("title", "date", "language", "symbol")
SETS = ("resolutions", "countries")


# ---------------------------------------------------------------- front matter


def _scalar(raw):
    """One YAML flow scalar as ingest writes it: null, "double quoted", 'single', bare."""
    raw = raw.strip()
    if raw in ("", "null", "~"):
        return None
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        try:
            return json.loads(raw)
        except ValueError:
            return raw[1:-1]
    if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
        return raw[1:-1].replace("''", "'")
    return raw


def _flow_list(raw):
    """A YAML flow sequence `[a, "b, c", 'd']` → list of strings."""
    raw = raw.strip()
    if not (raw.startswith("[") and raw.endswith("]")):
        return None
    items, cur, quote, i = [], "", None, 1
    body = raw[1:-1]
    while i <= len(body):
        ch = body[i - 1] if i - 1 < len(body) else ","
        if quote:
            cur += ch
            if ch == "\\" and quote == '"' and i < len(body):
                cur += body[i]
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch == ",":
            if cur.strip():
                items.append(_scalar(cur))
            cur = ""
        else:
            cur += ch
        i += 1
    if cur.strip():
        items.append(_scalar(cur))
    return [x for x in items if x is not None]


def front_matter(text):
    """Top-level keys of a `---` YAML front matter (flow values only, plus
    block lists `- x` under a key). Returns {} when there is none."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}
    out, key = {}, None
    for line in lines[1:]:
        if line.strip() == "---":
            break
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if m:
            key, val = m.group(1), m.group(2)
            lst = _flow_list(val)
            out[key] = lst if lst is not None else (_scalar(val) if val.strip() else [])
        elif key and re.match(r"^\s+-\s+", line):
            if not isinstance(out.get(key), list):
                out[key] = []
            out[key].append(_scalar(re.sub(r"^\s+-\s+", "", line)))
    return out


# ---------------------------------------------------------------- normalising


def norm_title(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s).casefold()
    s = s.replace("\u00a0", " ")
    # typographic and straight quotes are one character to a cataloguer
    s = re.sub(r"[‘’‚‛′]", "'", s)
    s = re.sub(r"[“”„‟″]", '"', s)
    s = re.sub(r"[\s\u3000]+", " ", s).strip()
    # quotes and punctuation at the ends never decide a title
    s = s.strip(" \"'«»“”„‘’「」『』.:;,!?。．、")
    s = re.sub(r"\s*([:\-–—|])\s*", r"\1", s)
    return s


def norm_lang(s):
    if not s:
        return None
    return re.split(r"[-_]", s.strip().lower())[0]


def lang_ok(got, want):
    wants = want if isinstance(want, list) else [want]
    return any(norm_lang(w) == norm_lang(got) for w in wants)


def body_of(text):
    """The markdown after a `---` front matter (all of it when there is none)."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], 1):
            if line.strip() == "---":
                return "\n".join(lines[i + 1 :])
    return text


EMPTY_BELOW = 40  # non-space characters: a body shorter than this says nothing


def norm_res(s):
    """`S/RES/2334 (2016)`, `s/res/2334(2016)` → one key: spacing never decides."""
    return re.sub(r"\s+", "", str(s)).upper()


def norm_symbol(s):
    if s is None:
        return None
    return norm_res(s)


def symbol_ok(got, want):
    wants = want if isinstance(want, list) else [want]
    return any(norm_symbol(got) == norm_symbol(w) for w in wants)


def norm_date(s):
    if s is None:
        return None
    m = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", str(s))
    return m.group(1) if m else str(s).strip()


def title_ok(got, want):
    wants = want if isinstance(want, list) else [want]
    g = norm_title(got)
    return any(g == norm_title(w) for w in wants)


# ---------------------------------------------------------------- running


def run(cmd, cwd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return p, time.perf_counter() - t0


def run_pilcrow(pilcrow, files, workdir):
    site = workdir / "site"
    p, _ = run([pilcrow, "init", str(site)], workdir)
    if p.returncode != 0:
        raise RuntimeError(f"`pilcrow init {site}` failed ({p.returncode}): {p.stderr.strip()}")
    seeds = site / "seeds"
    seeds.mkdir(exist_ok=True)
    for f in files:
        shutil.copy2(f, seeds / f.name)
    ingest, t_ingest = run([pilcrow, "ingest"], site)
    build, t_build = run([pilcrow, "build"], site) if ingest.returncode == 0 else (None, 0.0)
    docs = {}
    docdir = site / "content" / "documents"
    for md in sorted(docdir.glob("*.md")) if docdir.is_dir() else []:
        text = md.read_text(encoding="utf-8", errors="replace")
        fm = front_matter(text)
        fm["__body_chars"] = len(re.sub(r"\s+", "", body_of(text)))
        src = fm.get("source")
        if isinstance(src, str):
            docs.setdefault(Path(src).name, []).append((md.name, fm))
    return site, ingest, t_ingest, build, t_build, docs


# ---------------------------------------------------------------- scoring


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(expected, docs):
    rows, right = [], {k: 0 for k in FIELDS}
    counts = {k: [0, 0, 0] for k in SETS}
    for name, exp in expected.items():
        outs = docs.get(name, [])
        fm = outs[0][1] if outs else {}
        row = {"file": name, "document": outs[0][0] if outs else None, "fields": {}, "sets": {}}
        got = {
            "title": fm.get("title"),
            "date": norm_date(fm.get("date")),
            "language": fm.get("language"),
            "symbol": fm.get("symbol"),
        }
        ok = {
            "title": bool(outs) and title_ok(got["title"], exp["title"]),
            "date": bool(outs) and norm_date(exp["date"]) == got["date"],
            "language": bool(outs) and lang_ok(got["language"], exp["language"]),
            "symbol": bool(outs) and symbol_ok(got["symbol"], exp["symbol"]),
        }
        for k in FIELDS:
            right[k] += ok[k]
            row["fields"][k] = {"ok": ok[k], "got": got[k], "want": exp[k]}
        for k, nf in (("resolutions", norm_res), ("countries", lambda s: str(s).strip().upper())):
            want = {nf(x) for x in exp.get(k, [])}
            have = {nf(x) for x in (fm.get(k) or [])} if isinstance(fm.get(k), list) else set()
            tp, fp, fn = len(want & have), len(have - want), len(want - have)
            for i, v in enumerate((tp, fp, fn)):
                counts[k][i] += v
            row["sets"][k] = {"missing": sorted(want - have), "extra": sorted(have - want), "tp": tp}
        row["documents_written"] = len(outs)
        row["body_chars"] = fm.get("__body_chars") if outs else None
        rows.append(row)
    n = len(expected)
    summary = {k: {"right": right[k], "of": n, "pct": 100.0 * right[k] / n if n else 0.0} for k in FIELDS}
    for k in SETS:
        tp, fp, fn = counts[k]
        p, r, f = prf(tp, fp, fn)
        summary[k] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
    return rows, summary


def short(v, n=70):
    s = "null" if v is None else (json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v)
    return s if len(s) <= n else s[: n - 1] + "…"


def report(rows, summary, meta, out=sys.stdout):
    w = out.write
    w("per file (✓ right, ✗ wrong: got ≠ want)\n")
    for r in rows:
        bad = [k for k in FIELDS if not r["fields"][k]["ok"]]
        setbad = [k for k in SETS if r["sets"][k]["missing"] or r["sets"][k]["extra"]]
        mark = "✓" if not bad and not setbad else "✗"
        doc = r["document"] or "NO DOCUMENT WRITTEN"
        extra = f" (+{r['documents_written'] - 1} more)" if r["documents_written"] > 1 else ""
        w(f"{mark} {r['file']} → {doc}{extra}\n")
        for k in FIELDS:
            f = r["fields"][k]
            if not f["ok"]:
                w(f"    ✗ {k:9} got {short(f['got'])}\n      {'':9} want {short(f['want'])}\n")
        for k in setbad:
            s = r["sets"][k]
            w(f"    ~ {k:11} missing {s['missing'] or '-'} extra {s['extra'] or '-'}\n")
    w("\nscores\n")
    for k in FIELDS:
        s = summary[k]
        w(f"  {k:11} {s['pct']:5.1f} %  ({s['right']}/{s['of']})\n")
    for k in SETS:
        s = summary[k]
        w(
            f"  {k:11} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})\n"
        )
    w(f"  ingest      exit {meta['ingest_rc']}, {meta['ingest_s']:.2f} s, "
      f"{meta['mb']:.2f} MB in → {meta['mbps']:.2f} MB/s\n")
    build = "not run (ingest failed)" if meta["build_rc"] is None else (
        "succeeded" if meta["build_ok"] else f"FAILED (exit {meta['build_rc']})")
    w(f"  build       {build}\n")
    w(f"  documents   {meta['inputs_with_doc']}/{meta['inputs']} inputs got a document page\n")
    empty = [r["file"] for r in rows if r["body_chars"] is not None and r["body_chars"] < EMPTY_BELOW]
    w(f"  bodies      {len(empty)} empty (< {EMPTY_BELOW} non-space chars){': ' + ', '.join(empty) if empty else ''}\n")
    if meta.get("build_err"):
        w("  build said:\n" + "".join(f"    {l}\n" for l in meta["build_err"].splitlines()[-15:]))
    if meta.get("ingest_err") and meta["ingest_rc"] != 0:
        w("  ingest said:\n" + "".join(f"    {l}\n" for l in meta["ingest_err"].splitlines()[-15:]))


def load_expected(path, devset):
    try:
        exp = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        sys.exit(f"eval.py: cannot read {path}: {e}")
    problems = []
    for name, e in exp.items():
        if not (devset / name).is_file():
            problems.append(f"{path}: {name}: no such file in {devset}")
        for k in FIELDS + SETS:
            if k not in e:
                problems.append(f"{path}: {name}: key `{k}` missing")
    for f in sorted(devset.iterdir()):
        if f.is_file() and f.name not in exp and f.name != "README.md":
            problems.append(f"{path}: no entry for {devset / f.name}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(2)
    return exp


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pilcrow", required=True, help="pilcrow binary")
    ap.add_argument("--devset", default=str(HERE / "devset"))
    ap.add_argument("--expected", default=str(HERE / "expected.json"))
    ap.add_argument("--keep", help="keep the temporary site here (must not exist)")
    ap.add_argument("--json", help="write per-file results and scores to this file")
    ap.add_argument("--only", help="score only files whose name contains this")
    a = ap.parse_args(argv)
    devset = Path(a.devset)
    expected = load_expected(a.expected, devset)
    if a.only:
        expected = {k: v for k, v in expected.items() if a.only in k}
    files = [devset / n for n in expected]
    tmp = Path(tempfile.mkdtemp(prefix="ingest-eval-"))
    try:
        try:
            site, ingest, t_ingest, build, _, docs = run_pilcrow(a.pilcrow, files, tmp)
        except (OSError, RuntimeError) as e:
            print(f"eval.py: {e}", file=sys.stderr)
            return 1
        mb = sum(f.stat().st_size for f in files) / 1e6
        meta = {
            "inputs": len(files),
            "inputs_with_doc": sum(1 for n in expected if n in docs),
            "ingest_rc": ingest.returncode,
            "ingest_s": t_ingest,
            "ingest_err": ingest.stderr,
            "mb": mb,
            "mbps": mb / t_ingest if t_ingest > 0 else 0.0,
            "build_rc": None if build is None else build.returncode,
            "build_ok": build is not None and build.returncode == 0,
            "build_err": "" if build is None or build.returncode == 0 else build.stderr,
        }
        rows, summary = score(expected, docs)
        report(rows, summary, meta)
        if a.json:
            Path(a.json).write_text(
                json.dumps({"summary": summary, "meta": meta, "files": rows}, ensure_ascii=False, indent=1),
                encoding="utf-8",
            )
        if a.keep:
            shutil.copytree(site, a.keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
