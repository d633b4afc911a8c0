#!/usr/bin/env python3
"""PDF reading on UN documents other than English General Assembly
resolutions: any official language, any kind (reports of the
Secretary-General and of the Advisory Committee, programme budget
fascicles, Security Council resolutions, Official Records, letters).

    bench/pdf-eval/langs.py DATA [--bin PILCROW] [--keep DIR] [--lang xx]

DATA is a directory holding pdfs/*.pdf and expected.json (and, for the
record, manifest.json: for each PDF its repository, commit and path). The
PDFs are not in this repository. The set measured so far was taken from the
public repository github.com/united-nations/mandates (data/downloads/:
budget reports of the Secretary-General and of the Advisory Committee on
Administrative and Budgetary Questions for 2026, proposed programme budget
fascicles for 2027), all in English: no born-digital UN PDF in French,
Spanish, Russian, Arabic or Chinese was found in a public repository.

expected.json maps a file name to what its first page states, read by hand:
symbol, title (without the resolution number, without the issuer line such
as "Report of the Secretary-General"; `title_must_contain` lists phrases
that a longer stated title must hold instead), date (the adoption date for a
resolution, the masthead's date otherwise), language, the labels of its
numbered paragraphs ("1".."79", or "10.1".."10.68" in a budget fascicle) and
the first lines of its Contents' top-level headings ("I. Introduction").

Every PDF is copied into a new site's seeds/, `pilcrow ingest` reads them in
one run and `pilcrow build` builds the site. Per document:
- title, date, symbol, language against the reference;
- ¶ anchors: how many numbered paragraphs have their anchor in the body
  (`^p-N`; for a label 10.1, `^p-10-1` or `^p-10.1`);
- headings: how many Contents headings are headings (`#` lines) of the body
  (a `#` line with dot leaders is the Contents entry, not the heading);
- stray headings: `#` lines that are no heading (starting in lower case:
  a wrapped table cell or sentence; a Contents entry; a numbered
  paragraph);
- furniture: lines of the body that are page furniture, in any script and
  any digits (the document's symbol alone, a job number such as 26-03928
  (E) or *2603928*, a Geneva or New York code such as GE.23-12345 or
  N2312345, a page counter such as 2/5, a footnote rule).
When DATA/clean/ holds the same documents in a cleaner form (the Word file
the UN publishes beside the PDF, or text), with the PDF's file stem, they are
ingested in a second site and the entities pilcrow finds in each PDF
(resolutions, countries) are scored against those it finds in the clean
copy: F1 taking the clean copy's as the truth.
Prints the shares by language and by field, then every miss.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import documents, entity_sets, f1, fold, ingest, new_site, without_issuer  # noqa: E402

FIELDS = ("title", "date", "symbol", "language")


def ascii_digits(s):
    """Any script's decimal digits (Arabic-Indic, Devanagari, full-width) as
    ASCII, so one pattern finds a job number written in any of them."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in s)


def page_count(path):
    """The page count a PDF's page tree states (the largest /Count), or None
    when its page tree sits in a compressed object stream."""
    with open(path, "rb") as fh:
        counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", fh.read())]
        return max(counts) if counts else None


def page_counter(plain, pages):
    """A page counter (2/24): page over the document's page count; without
    a known count, any page over a larger total. A fiscal year (2026/27) or
    a resolution number (68/268) alone on a table line is not one."""
    m = re.fullmatch(r"(\d{1,3})\s*/\s*(\d{1,3})", plain)
    if not m:
        return False
    page, total = int(m.group(1)), int(m.group(2))
    return 1 <= page <= total and (total == pages if pages else True)


def furniture(body, symbol, pages=None):
    bad = []
    sym = re.sub(r"\s+", "", symbol)
    for line in body.splitlines():
        s = line.strip().strip("\\").strip()
        if not s:
            continue
        plain = ascii_digits(s.replace("\\", ""))
        compact = re.sub(r"\s+", "", plain).rstrip("*")
        if (
            compact == sym
            or re.fullmatch(r"\*?\d{7}\*?", plain)
            or re.fullmatch(r"(?:GE\.|[NV])?\d{2}-?\d{5}(?:\s*\(\w+\))?(?:\s+\d{6}){0,2}(?:\s+\d+/\d+)?", plain)
            or re.fullmatch(r"[NGV]\d{7}", plain)
            or page_counter(plain, pages)
            or re.fullmatch(r"_{5,}", plain)
        ):
            bad.append(s)
        elif re.search(r"_{8,}", plain):
            bad.append(s[:60])
    return bad


def title_right(got, e):
    g = fold(without_issuer(got))
    if g == fold(e["title"]):
        return True
    must = e.get("title_must_contain")
    return bool(must) and all(fold(m) in fold(got) for m in must)


def anchors_found(body, labels):
    have = set(re.findall(r"\^p-([0-9A-Za-z.-]+)", body))
    found = []
    for l in labels:
        if l in have or l.replace(".", "-") in have:
            found.append(l)
    return found


LEADERS = re.compile(r"(?:\. ){3,}|\.{4,}|…{2,}")


def unlinked(s):
    """Markdown text without its links' targets: [General Assembly](…) → General Assembly."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)


def headings_found(body, heads):
    lines = [fold(unlinked(re.sub(r"^#+\s*", "", l))) for l in body.splitlines() if l.startswith("#") and not LEADERS.search(l)]
    found = []
    for h in heads:
        words = fold(re.sub(r"^[IVX]+\.\s*", "", h))
        if any(words and words in l for l in lines):
            found.append(h)
    return found


def stray_headings(body):
    """Headings that are not headings: a line starting in lower case (a
    wrapped table cell or sentence), a Contents entry (its dot leaders) or
    a numbered paragraph (12. The …,
    longer than a heading). "(a) Human resources" and "1. Civilian
    personnel" may be real subheadings (reports set them in italics)."""
    out = []
    for l in body.splitlines():
        if not l.startswith("#"):
            continue
        t = unlinked(re.sub(r"^#+\s*", "", l)).strip()
        first = next((c for c in t if c.isalpha()), "")
        if LEADERS.search(t) or (first and first.islower() and not re.match(r"^\(?[a-z]{1,4}[.)]", t)) \
                or (re.match(r"^\d{1,3}\.\s", t) and len(t) > 90):
            out.append(t[:70])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--bin", default=os.environ.get("PILCROW_BIN", "target/release/pilcrow"))
    ap.add_argument("--keep")
    ap.add_argument("--lang", help="only the files of this language")
    a = ap.parse_args()
    with open(os.path.join(a.data, "expected.json"), encoding="utf-8") as fh:
        expected = json.load(fh)
    if a.lang:
        expected = {n: e for n, e in expected.items() if e["language"] == a.lang}
    work = a.keep or tempfile.mkdtemp(prefix="pdf-langs.")
    seeds = new_site(a.bin, work)
    for n in expected:
        shutil.copy(os.path.join(a.data, "pdfs", n), seeds)
    ingest(a.bin, work)
    got = {os.path.basename(fm.get("source", "")): (fm, body) for fm, body in documents(work)}

    langs = sorted({e["language"] for e in expected.values()})
    score = {l: {k: 0 for k in FIELDS + ("files", "paras_want", "paras_got", "heads_want", "heads_got", "clean", "no_stray")} for l in langs}
    misses = []
    for n, e in sorted(expected.items()):
        sc = score[e["language"]]
        sc["files"] += 1
        fm, body = got.get(n, ({}, ""))
        if not fm:
            misses.append(f"{n}: no document written")
            continue
        checks = {
            "title": title_right(fm.get("title", ""), e),
            "date": fm.get("date") == e["date"],
            "symbol": fm.get("symbol") == e["symbol"],
            "language": fm.get("language") == e["language"],
        }
        for k, ok in checks.items():
            if ok:
                sc[k] += 1
            else:
                want = e["title"] if k == "title" else e[k]
                misses.append(f"{n}: {k} {fm.get(k)!r}, expected {want!r}")
        labels = e.get("paragraphs", [])
        found = anchors_found(body, labels)
        sc["paras_want"] += len(labels)
        sc["paras_got"] += len(found)
        lost = [l for l in labels if l not in found]
        if lost:
            misses.append(f"{n}: ¶ anchors missing {lost[:12]}{'…' if len(lost) > 12 else ''} of {len(labels)}")
        heads = e.get("headings", [])
        hf = headings_found(body, heads)
        sc["heads_want"] += len(heads)
        sc["heads_got"] += len(hf)
        if len(hf) < len(heads):
            misses.append(f"{n}: headings missing {[h for h in heads if h not in hf]}")
        stray = stray_headings(body)
        if stray:
            misses.append(f"{n}: {len(stray)} stray headings, e.g. {stray[:4]}")
        else:
            sc["no_stray"] += 1
        leaders = [l for l in body.splitlines() if LEADERS.search(l)]
        if leaders:
            misses.append(f"{n}: {len(leaders)} Contents lines (dot leaders) in the body, e.g. {unlinked(leaders[0])[:70]!r}")
        bad = furniture(body, e["symbol"], page_count(os.path.join(a.data, "pdfs", n)))
        if bad:
            misses.append(f"{n}: furniture in the body {bad[:4]}{' …' if len(bad) > 4 else ''} ({len(bad)} lines)")
        else:
            sc["clean"] += 1

    entity_lines = []
    clean = os.path.join(a.data, "clean")
    stems = {os.path.splitext(n)[0] for n in expected}
    cfiles = [f for f in sorted(os.listdir(clean)) if os.path.splitext(f)[0] in stems] if os.path.isdir(clean) else []
    if cfiles:
        cwork = work.rstrip("/") + "-clean"
        cseeds = new_site(a.bin, cwork)
        for f in cfiles:
            shutil.copy(os.path.join(clean, f), cseeds)
        ingest(a.bin, cwork)
        from_pdf, from_clean = entity_sets(work), entity_sets(cwork)
        counts = {"resolutions": [0, 0, 0], "countries": [0, 0, 0]}
        for stem, truth in sorted(from_clean.items()):
            have_sets = from_pdf.get(stem, (set(), set()))
            for k, want, have in zip(counts, truth, have_sets):
                c = counts[k]
                c[0] += len(want & have)
                c[1] += len(have - want)
                c[2] += len(want - have)
                if want != have:
                    misses.append(f"{stem}.pdf: {k} only in the PDF {sorted(have - want)[:5]}, only in the clean copy {sorted(want - have)[:5]}")
        for k, (tp, fp, fn) in counts.items():
            entity_lines.append(f"  PDF {k} F1 {f1(tp, fp, fn):.3f} against the clean copy of {len(from_clean)} documents (tp {tp}, fp {fp}, fn {fn})")
        if not a.keep:
            shutil.rmtree(cwork)

    b = subprocess.run([a.bin, "build"], cwd=work, capture_output=True, text=True)
    total = {k: sum(s[k] for s in score.values()) for k in score[langs[0]]} if langs else {}
    print(f"pdf-langs: {len(expected)} UN PDFs in {', '.join(langs)}")
    head = f"  {'':6} {'files':>5} " + " ".join(f"{k:>8}" for k in FIELDS) + f" {'¶ anchors':>10} {'headings':>9} {'no furn.':>9} {'no stray#':>9}"
    print(head)
    for l, s in list(score.items()) + [("all", total)]:
        n = max(1, s["files"])
        cells = " ".join(f"{100 * s[k] / n:7.1f}%" for k in FIELDS)
        pa = f"{100 * s['paras_got'] / max(1, s['paras_want']):8.1f}%"
        he = f"{100 * s['heads_got'] / max(1, s['heads_want']):8.1f}%" if s["heads_want"] else "       –"
        print(f"  {l:6} {s['files']:5} {cells} {pa:>10} {he:>9} {100 * s['clean'] / n:8.1f}% {100 * s['no_stray'] / n:8.1f}%")
    print(f"  (¶ anchors: of {total.get('paras_want', 0)} numbered paragraphs; headings: of {total.get('heads_want', 0)} Contents headings)")
    for line in entity_lines:
        print(line)
    print("  build:", "ok" if b.returncode == 0 else "FAILED")
    if b.returncode != 0:
        print(b.stderr[-2000:])
    for m in misses:
        print("  miss", m)
    if not a.keep:
        shutil.rmtree(work)
    return 0 if b.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
