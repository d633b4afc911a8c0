#!/usr/bin/env python3
"""PDF reading on born-digital UN documents: General Assembly resolutions
and draft resolutions as the UN publishes them, with reference data from a
checkout of github.com/wannli/mandate-pipeline (its data/pdfs/*.pdf and,
for each, data/extracted/*.json: symbol, title and numbered paragraphs).

    bench/pdf-eval/run.py CHECKOUT [--sample N] [--bin PILCROW] [--keep DIR]

Every k-th PDF (sorted by name; N in all, default 60) is copied into a new
site's seeds/ and `pilcrow ingest` reads them in one run. Per document:
- title: pilcrow's `title:` against the reference title without its
  resolution number ("78/10. Building…" → "Building…"), compared with case,
  spacing and quotes folded;
- date: a resolution's is the day the General Assembly adopted it (its
  first page says "adopted by the General Assembly on 21 November 2023");
  a draft's, the day it was circulated (the masthead's date);
- symbol: the file's own (A_RES_78_10.pdf → A/RES/78/10);
- paragraphs: how many of the reference's numbered paragraphs have their
  ¶ anchor (`^p-N`) in the body;
- furniture: lines of the body that are page furniture (the document's
  symbol alone, a job number such as 23-23443 or *2323443*, a page number
  such as 2/5, a footnote rule of underscores);
- masthead: no heading of the body is a masthead line (the session, the
  agenda item: they belong to the masthead, which is not body text);
- joined paragraphs: no paragraph holds two preambular paragraphs, one
  ending with a comma and the next starting with its participle
  (`…of the United Nations, Recalling its resolution…`: a paragraph break
  lost at a page break or a paragraph gap);
- entities: the resolutions and countries found in the PDF against those
  found in the same document's text as the reference extracted it (its
  `text`, ingested as a plain-text seed in a second site): F1 of the PDF's
  entities taking the text's as the truth.
Prints the shares right and every miss.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
DAY = r"(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})"


def iso(m):
    return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2).lower()], int(m.group(1)))


def fold(s):
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    s = re.sub(r"[\s\u00a0]+", " ", s).strip().casefold()
    return s.strip(' ."')


def reference(path, pdf_name):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    text = d.get("text") or ""
    title = re.sub(r"^\d+/\d+\.\s*", "", d.get("title") or "")
    symbol = d.get("symbol") or ""
    date = None
    m = re.search(r"adopted by the General Assembly\s+on\s+" + DAY, text, re.I)
    if m and "/RES/" in symbol:
        date = iso(m)
    else:
        m = re.search(r"Distr\.:\s*\w+\s+" + DAY, text, re.I)
        if m:
            date = iso(m)
    paras = sorted(int(k) for k in (d.get("paragraphs") or {}) if str(k).isdigit())
    return {"title": title, "date": date, "symbol": symbol, "paras": paras, "pdf": pdf_name}


def usable_title(t):
    """A reference title that is a title: not a document symbol, not a
    phrase starting in lower case."""
    t = t.strip()
    return bool(t) and not re.fullmatch(r"[A-Z]+/\S+", t) and not t[0].islower()


def front_matter(text):
    fm = {}
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        for line in text[4:end].splitlines():
            k, _, v = line.partition(":")
            v = v.strip()
            if len(v) >= 2 and v[0] == v[-1] == '"':
                v = json.loads(v)
            fm[k.strip()] = v
        text = text[end + 5 :]
    return fm, text


def without_issuer(title):
    """A title with its issuing body (`…: note by the Secretariat`, `…:
    report of the Secretary-General`, as the UN's library catalogues it;
    `… — Report of …` as pilcrow wrote it before) is the reference's
    title."""
    return re.sub(r"(?: — |: ?)(?:[Nn]ote by|[Rr]eport of) the [\w -]+$", "", title)


def furniture(body, symbol):
    bad = []
    for line in body.splitlines():
        s = line.strip().strip("\\").strip()
        if not s:
            continue
        plain = s.replace("\\", "")
        if (
            plain == symbol
            or re.fullmatch(r"\*?\d{7}\*?", plain)
            or re.fullmatch(r"\d{2}-\d{5}(\s*\(\w\))?(\s+\d{6})?(\s+\d+/\d+)?", plain)
            or re.fullmatch(r"\d+/\d+", plain)
            or re.fullmatch(r"_{5,}", plain)
        ):
            bad.append(s)
        elif re.search(r"_{8,}", plain):
            bad.append(s[:60])
    return bad


MASTHEAD_HEADING = re.compile(
    r"^#+\s+(?:\w+[- ])?\w+ session$|^#+\s+(?:provisional )?agenda item\b|^#+\s+item \d+ of the",
    re.I,
)
JOINED = re.compile(r"[,;][ \t]+(?:(?:Recall|Reaffirm|Recogniz|Not|Welcom|Emphasiz|Stress|Acknowledg|Express|Tak|Underlin|Reiterat|Bear|Affirm|Consider|Guid|Hav|Alarm|Encourag|Underscor|Highlight|Acknowledg|Commend|Realiz)ing|Mindful|Convinced|Concerned|Deeply|Aware|Determined)\b")


def masthead_headings(body):
    return [l for l in body.splitlines() if MASTHEAD_HEADING.match(l.strip())]


def joined_paragraphs(body):
    return [m.group(0) for m in JOINED.finditer(body)]


def entity_sets(work):
    """source file stem → (resolutions, countries) of each document."""
    out = {}
    for fm, _ in documents(work):
        stem = os.path.splitext(os.path.basename(fm.get("source", "")))[0]
        sets = []
        for k in ("resolutions", "countries"):
            v = fm.get(k, "").strip("[]")
            sets.append({x.strip().strip('"') for x in v.split(",") if x.strip()})
        out[stem] = tuple(sets)
    return out


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkout")
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--bin", default=os.environ.get("PILCROW_BIN", "target/release/pilcrow"))
    ap.add_argument("--keep")
    a = ap.parse_args()
    pdfs = os.path.join(a.checkout, "data", "pdfs")
    refs = os.path.join(a.checkout, "data", "extracted")
    names = sorted(
        n for n in os.listdir(pdfs)
        if n.endswith(".pdf") and os.path.exists(os.path.join(refs, n[:-4] + ".json"))
    )
    step = max(1, len(names) // a.sample)
    chosen = names[::step][: a.sample]
    work = a.keep or tempfile.mkdtemp(prefix="pdf-eval.")
    seeds = new_site(a.bin, work)
    expected = {}
    for n in chosen:
        shutil.copy(os.path.join(pdfs, n), seeds)
        expected[n] = reference(os.path.join(refs, n[:-4] + ".json"), n)
    ingest(a.bin, work)
    # The same documents as the text the reference extracted.
    text_work = work.rstrip("/") + "-text"
    tseeds = new_site(a.bin, text_work)
    for n in chosen:
        with open(os.path.join(refs, n[:-4] + ".json"), encoding="utf-8") as fh:
            text = json.load(fh).get("text") or ""
        with open(os.path.join(tseeds, n[:-4] + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
    ingest(a.bin, text_work)
    pdf_scores = score_site(work, expected)
    text_scores = score_site(text_work, {n[:-4] + ".txt": e for n, e in expected.items()})
    # Entities: the PDF's against those of the same document as text.
    from_pdf = entity_sets(work)
    from_text = entity_sets(text_work)
    counts = {"resolutions": [0, 0, 0], "countries": [0, 0, 0]}
    entity_misses = []
    for stem, truth in from_text.items():
        got_sets = from_pdf.get(stem, (set(), set()))
        for k, want, have in zip(("resolutions", "countries"), truth, got_sets):
            c = counts[k]
            c[0] += len(want & have)
            c[1] += len(have - want)
            c[2] += len(want - have)
            if want != have:
                entity_misses.append(
                    f"{stem}.pdf: {k} only in the PDF {sorted(have - want)[:5]}, only in the text {sorted(want - have)[:5]}"
                )
    total = len(expected)
    print(f"pdf-eval: {total} UN documents ({sum(1 for e in expected.values() if '/RES/' in e['symbol'])} resolutions), read as PDF and as the reference's text")
    print(f"  {'':14} {'PDF':>8} {'text dump':>10}")
    for k in ("title", "date", "symbol"):
        cells = []
        for sc in (pdf_scores, text_scores):
            n = sc["titled"] if k == "title" else total
            cells.append(f"{100 * sc[k] / max(1, n):7.1f}%")
        print(f"  {k:14} {cells[0]:>8} {cells[1]:>10}")
    cells = [f"{100 * sc['paras_got'] / max(1, sc['paras_want']):7.1f}%" for sc in (pdf_scores, text_scores)]
    print(f"  {'¶ anchors':14} {cells[0]:>8} {cells[1]:>10}   (of {pdf_scores['paras_want']} numbered paragraphs)")
    cells = [f"{100 * sc['furniture'] / total:7.1f}%" for sc in (pdf_scores, text_scores)]
    print(f"  {'no furniture':14} {cells[0]:>8} {cells[1]:>10}   (of the documents)")
    for k, label in (("masthead", "masthead out"), ("joined", "¶ kept apart")):
        cells = [f"{100 * sc[k] / total:7.1f}%" for sc in (pdf_scores, text_scores)]
        print(f"  {label:14} {cells[0]:>8} {cells[1]:>10}   (of the documents)")
    print(f"  (title: of {pdf_scores['titled']} documents whose reference title is one)")
    for k, (tp, fp, fn) in counts.items():
        print(f"  PDF {k} F1 {f1(tp, fp, fn):.3f} against the same text (tp {tp}, fp {fp}, fn {fn})")
    for m in pdf_scores["misses"]:
        print("  miss PDF", m)
    for m in text_scores["misses"]:
        print("  miss text", m)
    for m in entity_misses:
        print("  miss", m)
    if not a.keep:
        shutil.rmtree(work)
        shutil.rmtree(text_work)


def new_site(bin, work):
    """A new site at `work` (made by `pilcrow init`, its sample seeds
    removed); returns its seeds directory."""
    if os.path.exists(work):
        shutil.rmtree(work)
    subprocess.run([bin, "init", work], check=True, stdout=subprocess.DEVNULL)
    seeds = os.path.join(work, "seeds")
    for f in os.listdir(seeds):
        os.remove(os.path.join(seeds, f))
    return seeds


def ingest(bin, work):
    r = subprocess.run([bin, "ingest"], cwd=work, capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        sys.exit(f"pdf-eval: pilcrow ingest failed in {work}")


def documents(work):
    """(front matter, body) of every document page of an ingested site."""
    docs = os.path.join(work, "content", "documents")
    for f in sorted(os.listdir(docs)):
        if f.startswith("_"):
            continue
        with open(os.path.join(docs, f), encoding="utf-8") as fh:
            yield front_matter(fh.read())


def score_site(work, expected):
    """Title, date, symbol, ¶ anchors and furniture of one ingested site."""
    got = {os.path.basename(fm.get("source", "")): (fm, body) for fm, body in documents(work)}
    sc = {"title": 0, "date": 0, "symbol": 0, "furniture": 0, "paras_want": 0, "paras_got": 0, "masthead": 0, "joined": 0}
    sc["titled"] = len(expected)
    misses = []
    for n, e in expected.items():
        fm, body = got.get(n, ({}, ""))
        if not fm:
            misses.append(f"{n}: no document written")
            continue
        if not usable_title(e["title"]):
            # The reference's own extraction failed (a symbol, a phrase cut
            # from a line): this document is left out of the title share.
            sc["titled"] -= 1
            misses.append(f"{n}: no usable reference title ({e['title']!r}); pilcrow: {fm.get('title')!r}")
        elif fold(without_issuer(fm.get("title", ""))) == fold(e["title"]):
            sc["title"] += 1
        else:
            misses.append(f"{n}: title {fm.get('title')!r}, expected {e['title']!r}")
        if e["date"] and fm.get("date") == e["date"]:
            sc["date"] += 1
        else:
            misses.append(f"{n}: date {fm.get('date')}, expected {e['date']}")
        if fm.get("symbol") == e["symbol"]:
            sc["symbol"] += 1
        else:
            misses.append(f"{n}: symbol {fm.get('symbol')}, expected {e['symbol']}")
        anchors = set(int(x) for x in re.findall(r"\^p-(\d+)\b", body))
        want = set(e["paras"])
        sc["paras_want"] += len(want)
        sc["paras_got"] += len(want & anchors)
        lost = sorted(want - anchors)
        if lost:
            misses.append(f"{n}: ¶ anchors missing {lost[:12]}{'…' if len(lost) > 12 else ''} of {len(want)}")
        bad = furniture(body, e["symbol"])
        if not bad:
            sc["furniture"] += 1
        else:
            misses.append(f"{n}: furniture in the body {bad[:4]}")
        heads = masthead_headings(body)
        if not heads:
            sc["masthead"] += 1
        else:
            misses.append(f"{n}: masthead lines as headings {heads[:3]}")
        joins = joined_paragraphs(body)
        if not joins:
            sc["joined"] += 1
        else:
            misses.append(f"{n}: paragraphs joined at {joins[:3]}")
    sc["misses"] = misses
    return sc

if __name__ == "__main__":
    main()
