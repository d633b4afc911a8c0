#!/usr/bin/env python3
"""Language recognition on the Universal Declaration of Human Rights in
every language of a checkout of github.com/unicode-org/udhr (its
data/udhr/*.xml, one translation each, with its xml:lang).

    bench/lang-eval/run.py UDHR_CHECKOUT [--bin PILCROW] [--keep DIR]

Each translation's <title> and <para> text becomes one plain-text seed
(the first 4,000 characters, or --chars N); `pilcrow ingest` reads them all in
one site; every document's `language:` is compared with the file's
primary language subtag. Prints the share right over the languages pilcrow
names at least once (what it claims to know), the languages it never
names, and every miss among the known ones.
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://www.unhchr.ch/udhr}"


def texts(path):
    root = ET.parse(path).getroot()
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    parts = []
    for el in root.iter():
        if el.tag in (NS + "title", NS + "para") and el.text:
            parts.append(" ".join(el.text.split()))
    return lang, "\n\n".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("udhr")
    ap.add_argument("--bin", default=os.environ.get("PILCROW_BIN", "target/release/pilcrow"))
    ap.add_argument("--chars", type=int, default=4000)
    ap.add_argument("--keep")
    a = ap.parse_args()
    site = a.keep or tempfile.mkdtemp(prefix="lang-eval.")
    if os.path.exists(os.path.join(site, "seeds")):
        shutil.rmtree(os.path.join(site, "seeds"))
    if os.path.exists(os.path.join(site, "content")):
        shutil.rmtree(os.path.join(site, "content"))
    os.makedirs(os.path.join(site, "seeds"))
    with open(os.path.join(site, "site.toml"), "w") as f:
        f.write('title = "lang-eval"\nbase_url = "http://localhost/"\n')
    want = {}
    src = os.path.join(a.udhr, "data", "udhr")
    for name in sorted(os.listdir(src)):
        if not (name.startswith("udhr_") and name.endswith(".xml")):
            continue
        try:
            lang, text = texts(os.path.join(src, name))
        except ET.ParseError:
            continue
        primary = lang.split("-")[0].lower()
        if not primary or len(text) < 500:
            continue
        seed = name[:-4] + ".txt"
        with open(os.path.join(site, "seeds", seed), "w") as f:
            f.write(text[: a.chars])
        want["seeds/" + seed] = primary
    r = subprocess.run([os.path.abspath(a.bin), "ingest"], cwd=site, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("ingest failed: " + r.stderr[-2000:])
    got = {}
    docs = os.path.join(site, "content", "documents")
    for name in os.listdir(docs):
        with open(os.path.join(docs, name)) as f:
            head = f.read(4000)
        s = re.search(r"^source: (.*)$", head, re.M)
        l = re.search(r"^language: (.*)$", head, re.M)
        if s:
            got[s.group(1).strip().strip('"')] = (l.group(1).strip().strip('"') if l else "null")
    named = set(got.values())
    known = {k: v for k, v in want.items() if v in named}
    right = sum(got.get(k) == v for k, v in known.items())
    misses = collections.Counter((v, got.get(k)) for k, v in known.items() if got.get(k) != v)
    unknown = collections.Counter(v for v in want.values() if v not in named)
    wrongly = collections.Counter(got.get(k) for k, v in want.items() if v not in named)
    print(f"translations {len(want)}; languages pilcrow names: {len(named)}")
    print(f"right where pilcrow knows the language: {right}/{len(known)} = {100 * right / max(1, len(known)):.1f} %")
    print("misses (want → got):", ", ".join(f"{w}→{g}×{n}" for (w, g), n in misses.most_common()))
    print(f"languages never named ({sum(unknown.values())} files): {len(unknown)}")
    print("  those files were labelled:", ", ".join(f"{g}×{n}" for g, n in wrongly.most_common(15)))
    if not a.keep:
        shutil.rmtree(site)


if __name__ == "__main__":
    main()
