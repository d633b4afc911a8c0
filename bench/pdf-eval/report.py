#!/usr/bin/env python3
"""A UN report as a PDF, read back: how much of a report's structure the
PDF reader recovers against the clean text it was typeset from.

    bench/pdf-eval/report.py [--bin PILCROW] [--doc CONTENT.md] [--keep DIR]

The report is pilcrow's own page for the bundled A/74/130 (content/
documents/a-74-130.md: a Secretary-General's report in Chinese, 411
numbered paragraphs, 61 country sections, footnotes). Its text is
typeset the way the UN sets its reports — the first page's masthead
(symbol, `Distr.: General`, date, session, agenda item, title written
twice, issuing body), justified paragraphs with their numbers, section
and country headings in larger type, footnotes at the foot of their page,
a running head with the symbol on every later page (left on even pages,
right on odd ones) and a foot with the job number and the page counter —
by typst (the `typst` package from PyPI, installed when missing; fonts
from the system: WenQuanYi Micro Hei for Chinese). The PDF is ingested
into a new site and its page compared with the page it came from:
¶ anchors, headings (and country sections among them), footnotes, title,
date, symbol, countries and resolutions, and page furniture left in the
body. Prints each score and every difference.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The masthead's words by language: organization, organ, session, agenda
# item, issuing body.
MASTHEAD = {
    "zh": ["联合国", "大会", "第七十四届会议", "临时议程*项目109", "秘书长的报告"],
    "en": ["United Nations", "General Assembly", "Seventy-fourth session", "Item 109 of the provisional agenda*", "Report of the Secretary-General"],
    "vi": ["Liên Hợp Quốc", "Đại hội đồng", "Khóa họp thứ bảy mươi tư", "Mục 109 của chương trình nghị sự tạm thời*", "Báo cáo của Tổng Thư ký"],
}
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JOB = "19-08181"


def typst_module():
    try:
        import typst  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "typst==0.13.2"], check=True)
    import typst

    return typst


def split_doc(text):
    if not text.startswith("---\n"):
        sys.exit("not a pilcrow page: no front matter")
    end = text.index("\n---\n", 4)
    fm = {}
    for line in text[4:end].splitlines():
        k, _, v = line.partition(":")
        fm[k.strip()] = v.strip().strip('"')
    return fm, text[end + 5 :]


def plain(s):
    """Markdown inline → text: links to their text, escapes undone."""
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>])", r"\1", s)
    return s.strip()


def tstr(s):
    """A typst string literal."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def with_notes(text, notes):
    """Typst content: the text with its `[^n]` markers as footnotes."""
    out = []
    for part in re.split(r"(\[\^\d+\])", text):
        m = re.fullmatch(r"\[\^(\d+)\]", part)
        if m:
            out.append("#footnote[#" + tstr(plain(notes.get(m.group(1), ""))) + "]")
        elif part:
            out.append("#" + tstr(plain(part)))
    return "".join(out)


def masthead_of(fm):
    """The symbol, date and title the typeset masthead states."""
    symbol = fm.get("symbol") or "null"
    if symbol == "null":
        symbol = "A/74/999"
    title, _, issuer = fm["title"].partition(" — ")
    words = MASTHEAD.get(fm.get("language", "en"), MASTHEAD["en"])
    return {"symbol": symbol, "date": "2019-07-30", "title": f"{title} — {issuer or words[4]}", "issuer": issuer or words[4]}


def typeset(fm, body):
    notes = dict(re.findall(r"^\[\^(\d+)\]:\s*(.*)$", body, re.M))
    body = re.sub(r"^\[\^\d+\]:.*$", "", body, flags=re.M)
    stated = masthead_of(fm)
    symbol, issuer = stated["symbol"], stated["issuer"]
    title = fm["title"].partition(" — ")[0]
    lang = fm.get("language", "en")
    words = MASTHEAD.get(lang, MASTHEAD["en"])
    font = '"WenQuanYi Micro Hei"' if lang in ("zh", "ja") else '("Libertinus Serif", "WenQuanYi Micro Hei")'
    out = [
        f"#set text(font: {font}, size: 10pt, lang: {tstr(lang)})",
        "#set par(justify: true, leading: 0.7em, spacing: 1.2em)",
        "#set page(paper: \"a4\", margin: (x: 2.6cm, top: 2.4cm, bottom: 2.6cm),",
        "  header: context { let n = counter(page).get().first(); if n > 1 {",
        f"    align(if calc.even(n) {{ left }} else {{ right }}, text(size: 8pt)[#{tstr(symbol)}]) }} }},",
        "  footer: context { let n = counter(page).get().first(); let t = counter(page).final().first();",
        f"    if n > 1 {{ text(size: 8pt)[#{tstr(JOB)} #h(1fr) #str(n)/#str(t)] }}",
        f"    else {{ text(size: 8pt)[#{tstr(JOB + ' (C)')} #h(2em) #{tstr('*' + JOB.replace('-', '') + '*')}] }} }})",
        # The masthead: the organ and the symbol, the distribution block,
        # session and agenda item, the title twice, the issuing body.
        f"#grid(columns: (1fr, auto), text(size: 12pt)[#{tstr(words[0])}], text(size: 14pt)[#{tstr(symbol)}])",
        "#line(length: 100%)",
        f"#grid(columns: (1fr, auto), text(size: 14pt)[#{tstr(words[1])}],"
        " text(size: 8pt)[#\"Distr.: General\" \\ #\"30 July 2019\" \\ #\"Original: English\"])",
        "#line(length: 100%)",
        f"#text(size: 9pt)[#{tstr(words[2])} \\ #{tstr(words[3])} \\ #" + tstr(title) + "]",
        "#v(1em)",
        "#text(size: 14pt)[#" + tstr(title) + "]",
        "#v(0.5em)",
        "#text(size: 12pt)[#" + tstr(issuer) + "]",
        "#v(1em)",
    ]
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block:
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", block)
        if m:
            size = {1: 14, 2: 12, 3: 11}.get(len(m.group(1)), 11)
            out.append(f"#block(above: 1.4em, below: 0.8em, text(size: {size}pt)[#{tstr(plain(m.group(2)))}])")
            continue
        text = " ".join(l.strip() for l in block.splitlines())
        text = re.sub(r"\s*\^[a-z]+-\d+$", "", text)
        n = re.match(r"^(\d+)\\\.\s+(.*)$", text)
        if n:
            out.append(
                f"#par(hanging-indent: 2em)[#{tstr(n.group(1) + '.')}#h(1em)" + with_notes(n.group(2), notes) + "]"
            )
        else:
            out.append("#par[" + with_notes(re.sub(r"^[-*]\s+", "", text), notes) + "]")
    return "\n".join(out) + "\n"


def page_of(site):
    docs = os.path.join(site, "content", "documents")
    pages = [f for f in os.listdir(docs) if f.endswith(".md")] if os.path.isdir(docs) else []
    if len(pages) != 1:
        sys.exit(f"expected one document page, found {pages}")
    with open(os.path.join(docs, pages[0]), encoding="utf-8") as f:
        return split_doc(f.read())


def structure(fm, body):
    anchors = set(re.findall(r"\^p-(\d+)\b", body))
    heads = [plain(m) for m in re.findall(r"^#{1,6}\s+(.*)$", body, re.M)]
    country_heads = re.findall(r"^#{1,6}\s+\[[^\]]+\]\(\.\./countries/([a-z-]+)\.md\)\s*$", body, re.M)
    notes = re.findall(r"^\[\^\d+\]:", body, re.M)
    listed = lambda k: set(x.strip() for x in fm.get(k, "[]").strip("[]").split(",") if x.strip())
    return {
        "anchors": anchors,
        "heads": heads,
        "countries_sections": country_heads,
        "notes": len(notes),
        "countries": listed("countries"),
        "resolutions": listed("resolutions"),
    }


def text_f1(got, want):
    """F1 of the bodies' character pairs (white space and markup aside)."""
    from collections import Counter

    def pairs(body):
        t = re.sub(r"\^[a-z]+-\d+|\[\^\d+\]:?|#+ ", "", plain(body))
        t = re.sub(r"[\s\\*_]+", "", t)
        return Counter(t[i : i + 2] for i in range(len(t) - 1))

    g, w = pairs(got), pairs(want)
    tp = sum((g & w).values())
    return 2 * tp / max(1, sum(g.values()) + sum(w.values()))


def furniture(body, symbol):
    bad = []
    for line in body.splitlines():
        s = plain(line)
        if s == symbol or re.fullmatch(r"\*?\d{7}\*?|\d{2}-\d{5}(\s*\(\w\))?|\d+\s*/\s*\d+", s):
            bad.append(s)
        elif JOB in s or re.search(r"\d+/\d+\s*$", s) and len(s) < 12:
            bad.append(s[:60])
    return bad


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "pilcrow"))
    a.add_argument("--doc", default=os.path.join(ROOT, "content", "documents", "a-74-130.md"))
    a.add_argument("--keep")
    args = a.parse_args()
    with open(args.doc, encoding="utf-8") as f:
        want_fm, want_body = split_doc(f.read())
    typst = typst_module()
    work = args.keep or tempfile.mkdtemp(prefix="pdf-report-")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "seeds"))
    with open(os.path.join(work, "site.toml"), "w") as f:
        f.write('title = "report"\nlanguage = "zh"\n')
    src = os.path.join(work, "report.typ")
    with open(src, "w", encoding="utf-8") as f:
        f.write(typeset(want_fm, want_body))
    pdf = os.path.join(work, "seeds", "A_74_130.pdf")
    typst.compile(src, output=pdf, font_paths=["/usr/share/fonts/truetype/wqy"])
    os.remove(src)
    r = subprocess.run([os.path.abspath(args.bin), "ingest"], cwd=work, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"ingest failed: {r.stderr}")
    got_fm, got_body = page_of(work)
    want, got = structure(want_fm, want_body), structure(got_fm, got_body)
    print(f"pdf-eval report: {os.path.basename(args.doc)} typeset as a UN report PDF ({os.path.getsize(pdf) // 1024} KB), read back")
    share = lambda g, w: f"{len(g & w)}/{len(w)}"
    print(f"  ¶ anchors        {share(got['anchors'], want['anchors'])}  (extra {len(got['anchors'] - want['anchors'])})")
    print(f"  headings         {sum(1 for h in want['heads'] if h in got['heads'])}/{len(want['heads'])}  (extra {[h for h in got['heads'] if h not in want['heads']][:6]})")
    print(f"  country sections {len(set(got['countries_sections']) & set(want['countries_sections']))}/{len(set(want['countries_sections']))}")
    print(f"  footnotes        {got['notes']}/{want['notes']}")
    # What the typeset first page states.
    stated = masthead_of(want_fm)
    for k in ("title", "date", "symbol"):
        ok = "✓" if got_fm.get(k) == stated[k] else "✗"
        print(f"  {k:16} {ok} {got_fm.get(k)!r} (the PDF states {stated[k]!r})")
    for k in ("countries", "resolutions"):
        g, w = got[k], want[k]
        tp = len(g & w)
        f1 = 2 * tp / (len(g) + len(w)) if g or w else 1.0
        print(f"  {k:16} F1 {f1:.3f}  missing {sorted(w - g)[:6]} extra {sorted(g - w)[:6]}")
    print(f"  body text F1     {text_f1(got_body, want_body):.3f}  (character pairs, links and anchors aside)")
    bad = furniture(got_body, want_fm.get("symbol"))
    print(f"  furniture left   {len(bad)} {bad[:6]}")
    lost = sorted(want["anchors"] - got["anchors"], key=int)
    if lost:
        print(f"  ¶ missing: {lost[:20]}")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
