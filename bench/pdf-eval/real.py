#!/usr/bin/env python3
"""Real UN reports as the UN published them, read by pilcrow: a folder of
PDFs (reports of the Secretary-General, of committees, letters, notes;
any UN language), each scored against what its own text layer says.

    bench/pdf-eval/real.py FOLDER [--bin PILCROW] [--keep DIR]

The documents stay outside the repository: FOLDER holds PDFs named by
their symbol (`A_80_271.pdf`, `A_80_271-FR.pdf`, `E_2025_15.en.pdf`,
`A_79_7_Add.12.pdf`). The reference is the PDF's own text as poppler's
`pdftotext` gives it (Debian's poppler-utils; a rough reference: its
reading order is the page's, furniture and all), from which:
- symbol: the file's name (`A_80_271` → A/80/271; a joint symbol's first
  part is the one pilcrow gives);
- date: the masthead's date (the one after `Distr.:`), in English,
  French, Spanish, Russian or Chinese;
- title: the first page's lines just above the issuing body (`Report of
  the Secretary-General`, `Note by …`), when there is one;
- numbered paragraphs: the numbers starting lines (`12.  Text`) that run
  on from 1, each up by one (an annex that numbers again is left out);
- headings: the chapter and section headings (`II. Replies received…`,
  `A. Argentina`) outside the table of contents, by label and first
  words;
- furniture: the symbol alone, job numbers (`25-12302 (E) 140825`,
  `*2512302*`, a reissue's `25-06741*`), page counters, footnote rules;
- entities: countries and resolutions found in the PDF against those
  found in the same document's `pdftotext` text ingested as a text seed.
Prints the shares right and every miss.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import documents, f1, fold, ingest, new_site, without_issuer  # noqa: E402

MONTHS = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
MONTH_NO = {m: i + 1 for names in MONTHS.values() for i, m in enumerate(names.split())}
DAY = re.compile(r"(\d{1,2})(?:er)?\s+(" + "|".join(MONTH_NO) + r")(?:\s+de)?\s+(\d{4})", re.I)
ZH_DAY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISSUER = re.compile(
    r"^(?:Report of the|Note by the|Rapport du|Note du|Informe del|Nota del|Доклад|Записка|秘书长的报告|秘书长的说明|秘书处的说明)",
)
PARA = re.compile(r"^\s{0,24}(\d{1,3})\.\s+\S")
HEAD = re.compile(r"^\s{0,40}([IVXL]{1,6}|[A-Z])\.\s+(\S.*)$")
LEADERS = re.compile(r"(?:\.\s?){4,}\s*\d*\s*$")


def symbol_of(name):
    stem = re.sub(r"\.pdf$", "", name, flags=re.I)
    stem = re.sub(r"(?:[-.](?:en|fr|es|ru|zh|ar))$", "", stem, flags=re.I)
    return stem.replace("_", "/")


def language_of(name):
    m = re.search(r"[-.](en|fr|es|ru|zh|ar)\.pdf$", name, re.I)
    return m.group(1).lower() if m else "en"


def pdftotext(path, *args):
    r = subprocess.run(["pdftotext", *args, path, "-"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"pdftotext failed on {path}: {r.stderr.strip()}")
    return r.stdout


def reference(path):
    layout = pdftotext(path, "-layout")
    first = layout.split("\f", 1)[0]
    date = None
    m = re.search(r"Distr\.?\s*:?[^\n]*\n?(?:[^\n]*\n){0,3}", first) or re.search(r"Distr", first)
    zone = first[m.start(): m.start() + 400] if m else first
    d = DAY.search(zone)
    if d:
        date = "%s-%02d-%02d" % (d.group(3), MONTH_NO[d.group(2).lower()], int(d.group(1)))
    else:
        z = ZH_DAY.search(zone)
        if z:
            date = "%s-%02d-%02d" % (z.group(1), int(z.group(2)), int(z.group(3)))
    # Title: the block of lines above the issuing body on the first page.
    raw = pdftotext(path, "-l", "1").split("\n")
    title = None
    for i, l in enumerate(raw):
        if ISSUER.match(l.strip()) and i > 0:
            block = []
            j = i - 1
            while j >= 0 and raw[j].strip() and len(block) < 6:
                block.insert(0, raw[j].strip())
                j -= 1
            t = " ".join(block).rstrip("*").strip()
            if t and not re.search(r"(?i)agenda|session|distr\.|original", t):
                title = re.sub(r"\*+$", "", t).strip()
            break
    paras = []
    heads = []
    last = 0
    in_toc = False
    for page in layout.split("\f"):
        for l in page.split("\n"):
            s = l.strip()
            if re.match(r"(?i)^(contents|table des matières|índice|содержание|目录)$", s):
                in_toc = True
                continue
            if LEADERS.search(s):
                continue
            m = PARA.match(l)
            if m:
                n = int(m.group(1))
                if n == last + 1:
                    paras.append(n)
                    last = n
                    in_toc = False
                continue
            h = HEAD.match(l)
            # A table's row (`C. Programme support   9 028.3`): cells apart.
            cells = bool(h) and len(re.split(r"\s{3,}", h.group(2).strip())) > 1
            if h and not in_toc and not cells and len(s) < 120 and h.group(2)[:1].isupper():
                heads.append((h.group(1), " ".join(h.group(2).split()[:3])))
    return {"date": date, "title": title, "paras": paras, "heads": heads, "text": pdftotext(path)}


def furniture(body, symbol):
    bad = []
    for line in body.splitlines():
        s = line.strip().replace("\\", "")
        if not s:
            continue
        if (
            s == symbol
            or re.fullmatch(r"[A-Z]+(?:/[\w.\-]+)+(?:-[A-Z]+(?:/[\w.\-]+)+)?", s)
            or re.fullmatch(r"\*?\d{7}\*?", s)
            or re.match(r"\d{2}-\d{5}\*?\s*(\(\w\))?(\s+\d{6})?(\s|$)", s)
            or re.fullmatch(r"\d+/\d+", s)
            or re.fullmatch(r"_{5,}", s)
        ):
            bad.append(s[:60])
    return bad


def head_key(label, words):
    return (label, fold(words))


def pilcrow_heads(body):
    out = set()
    for l in body.splitlines():
        m = re.match(r"^#+\s+(.*)$", l)
        if not m:
            continue
        t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1)).replace("\\", "")
        t = re.sub(r"\[\^[^\]]*\]", "", t)
        h = re.match(r"^([IVXL]{1,6}|[A-Z])\.\s+(.*)$", t.strip())
        if h:
            out.add(head_key(h.group(1), " ".join(h.group(2).split()[:3])))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin", default=os.environ.get("PILCROW_BIN", "target/release/pilcrow"))
    ap.add_argument("--keep")
    a = ap.parse_args()
    if not shutil.which("pdftotext"):
        sys.exit("real.py needs pdftotext (Debian: apt-get install poppler-utils)")
    names = sorted(n for n in os.listdir(a.folder) if n.lower().endswith(".pdf"))
    work = a.keep or tempfile.mkdtemp(prefix="pdf-real.")
    seeds = new_site(a.bin, work)
    text_work = work.rstrip("/") + "-text"
    tseeds = new_site(a.bin, text_work)
    refs = {}
    for n in names:
        shutil.copy(os.path.join(a.folder, n), seeds)
        refs[n] = reference(os.path.join(a.folder, n))
        with open(os.path.join(tseeds, n[:-4] + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(refs[n]["text"])
    ingest(a.bin, work)
    ingest(a.bin, text_work)
    got = {os.path.basename(fm.get("source", "")): (fm, body) for fm, body in documents(work)}
    text_got = {os.path.basename(fm.get("source", ""))[:-4]: fm for fm, _ in documents(text_work)}
    sc = dict.fromkeys(("title", "titled", "date", "dated", "symbol", "lang", "clean"), 0)
    pw = pg = hw = hg = 0
    ents = {"resolutions": [0, 0, 0], "countries": [0, 0, 0]}
    misses = []
    for n in names:
        e = refs[n]
        fm, body = got.get(n, ({}, ""))
        if not fm:
            misses.append(f"{n}: no document written")
            continue
        sym = symbol_of(n)
        if fm.get("symbol") == sym.split("-")[0] or fm.get("symbol") == sym:
            sc["symbol"] += 1
        else:
            misses.append(f"{n}: symbol {fm.get('symbol')}, expected {sym}")
        if fm.get("language") == language_of(n):
            sc["lang"] += 1
        else:
            misses.append(f"{n}: language {fm.get('language')}, expected {language_of(n)}")
        if e["date"]:
            sc["dated"] += 1
            if fm.get("date") == e["date"]:
                sc["date"] += 1
            else:
                misses.append(f"{n}: date {fm.get('date')}, expected {e['date']}")
        if e["title"]:
            sc["titled"] += 1
            if fold(without_issuer(fm.get("title", ""))) == fold(e["title"]):
                sc["title"] += 1
            else:
                misses.append(f"{n}: title {fm.get('title')!r}, expected {e['title']!r}")
        anchors = set(int(x) for x in re.findall(r"\^p-(\d+)\b", body))
        want = set(e["paras"])
        pw += len(want)
        pg += len(want & anchors)
        lost = sorted(want - anchors)
        if lost:
            misses.append(f"{n}: ¶ anchors missing {lost[:12]}{'…' if len(lost) > 12 else ''} of {len(want)}")
        wh = {head_key(l, w) for l, w in e["heads"]}
        have = pilcrow_heads(body)
        hw += len(wh)
        hg += len(wh & have)
        if wh - have:
            misses.append(f"{n}: headings missing {sorted(wh - have)[:6]} of {len(wh)}")
        bad = furniture(body, fm.get("symbol", ""))
        if bad:
            misses.append(f"{n}: furniture in the body {bad[:4]}")
        else:
            sc["clean"] += 1
        tfm = text_got.get(n[:-4], {})
        for k in ents:
            def items(d):
                v = d.get(k, "").strip("[]")
                return {x.strip().strip('"') for x in v.split(",") if x.strip()}
            have_e, want_e = items(fm), items(tfm)
            c = ents[k]
            c[0] += len(want_e & have_e)
            c[1] += len(have_e - want_e)
            c[2] += len(want_e - have_e)
            if have_e != want_e:
                misses.append(f"{n}: {k} only in the PDF {sorted(have_e - want_e)[:5]}, only in the text {sorted(want_e - have_e)[:5]}")
    total = len(names)
    pct = lambda x, n: f"{100 * x / max(1, n):5.1f}%"  # noqa: E731
    print(f"pdf-real: {total} UN documents read as PDF, against their own text layer")
    print(f"  title         {pct(sc['title'], sc['titled'])}  (of {sc['titled']} whose first page names an issuer)")
    print(f"  date          {pct(sc['date'], sc['dated'])}  (of {sc['dated']} with a masthead date)")
    print(f"  symbol        {pct(sc['symbol'], total)}")
    print(f"  language      {pct(sc['lang'], total)}")
    print(f"  ¶ anchors     {pct(pg, pw)}  ({pg} of {pw})")
    print(f"  headings      {pct(hg, hw)}  ({hg} of {hw} chapter and section headings)")
    print(f"  no furniture  {pct(sc['clean'], total)}  (of the documents)")
    for k, (tp, fp, fn) in ents.items():
        print(f"  {k} F1 {f1(tp, fp, fn):.3f} against the same text (tp {tp}, fp {fp}, fn {fn})")
    for m in misses:
        print("  miss", m)
    if not a.keep:
        shutil.rmtree(work)
        shutil.rmtree(text_work)


if __name__ == "__main__":
    main()
