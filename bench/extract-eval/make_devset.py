#!/usr/bin/env python3
"""Build a dev set archive for eval.py from a checkout of a public set.

    python3 make_devset.py readability READABILITY_CHECKOUT OUT.tar.xz

`readability` (mozilla/readability): for every folder test/test-pages/NAME/
it keeps source.html and expected-metadata.json, and writes reference.txt:
the text of expected.html with tags stripped and one blank line between
blocks.

Everything goes into one .tar.xz (members NAME/source.html,
NAME/reference.txt, NAME/metadata.json) that eval.py unpacks.
Stdlib only. Run it again to refresh a set from a newer checkout.
"""

import io
import json
import sys
import tarfile
from html.parser import HTMLParser
from pathlib import Path

# Elements whose start and end break a block of text.
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
    "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul",
}
SKIP = {"script", "style", "noscript", "template", "head"}


class TextOf(HTMLParser):
    """Text of an HTML fragment, a blank line between blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.cur = []
        self.skip = 0
        self.pre = 0

    def flush(self):
        text = "".join(self.cur)
        if not self.pre:
            text = " ".join(text.split())
        if text.strip():
            self.blocks.append(text.strip("\n"))
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.flush()
            if tag == "pre":
                self.pre += 1
        elif tag == "img":
            pass

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.flush()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)

    def text(self):
        self.flush()
        return "\n\n".join(self.blocks) + "\n"


def html_to_text(html):
    p = TextOf()
    p.feed(html)
    p.close()
    return p.text()


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def readability_pages(root):
    pages = root / "test" / "test-pages"
    if not pages.is_dir():
        sys.exit(f"make_devset: {pages} is not a folder (expected a mozilla/readability checkout)")
    for d in sorted(p for p in pages.iterdir() if p.is_dir()):
        src, exp, meta = d / "source.html", d / "expected.html", d / "expected-metadata.json"
        if not (src.is_file() and exp.is_file() and meta.is_file()):
            print(f"make_devset: {d.name}: missing a file, skipped", file=sys.stderr)
            continue
        ref = html_to_text(exp.read_text(encoding="utf-8", errors="replace"))
        json.loads(meta.read_text(encoding="utf-8"))  # must parse
        yield d.name, src.read_bytes(), ref, meta.read_bytes()


def main():
    if len(sys.argv) != 4 or sys.argv[1] != "readability":
        sys.exit(__doc__)
    pages = readability_pages(Path(sys.argv[2]))
    n = 0
    with tarfile.open(sys.argv[3], "w:xz", preset=9) as tar:
        for name, src, ref, meta in pages:
            add(tar, f"{name}/source.html", src)
            add(tar, f"{name}/reference.txt", ref.encode("utf-8"))
            add(tar, f"{name}/metadata.json", meta)
            n += 1
    print(f"make_devset: {n} pages → {sys.argv[3]}")


if __name__ == "__main__":
    main()
