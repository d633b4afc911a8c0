#!/usr/bin/env python3
"""Generate src/ingest/entities/data/countries.tsv, the country gazetteer.

Sources (authoritative, nothing typed by hand except the reviewed table):
  * CLDR territory names via PyPI `babel` (the UN languages en fr es ru zh ar,
    plus vi, and de pt it ja for documents beyond the corpus languages, and
    Traditional Chinese as `zh-Hant`, recognised but not displayed);
  * ISO 3166-1 official names via PyPI `pycountry` (Debian iso-codes data)
    and their iso-codes translations;
  * src/ingest/entities/data/un_country_names.tsv: the reviewed table of UN
    official names (UNTERM forms CLDR lacks), aliases and exclusions.

Re-run:  python3 -m venv .venv && .venv/bin/pip install babel pycountry
         .venv/bin/python scripts/gen_countries.py
The output is deterministic (sorted); commit it.
"""

import gettext
import os
import sys
import unicodedata

import babel
import pycountry
from babel import Locale
from babel.core import get_cldr_version

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "src", "ingest", "entities", "data")
LANGS = [
    "en", "fr", "es", "ru", "zh", "ar", "vi", "de", "pt", "it", "ja",
    # Beyond the UN's and the seeds' languages: names a document in any
    # of these languages uses for a country.
    "ko", "th", "fi", "nb", "sv", "da", "nl", "pl", "cs", "tr", "id", "uk",
    "fa", "hi", "bn", "el", "hu", "ro", "sw", "he",
    # More of Europe's and Asia's languages, so that a page in any of them
    # names its countries in its own words (Slovak, Croatian, Lithuanian,
    # Icelandic, Georgian, Tamil …). `sr_Latn`: Serbian in Latin letters,
    # recognised, not displayed (written `sr-Latn`).
    "is", "sk", "hr", "sl", "sr", "sr_Latn", "bs", "lt", "lv", "et", "bg", "mk", "sq",
    "ca", "gl", "eu", "ms", "ka", "hy", "az", "kk", "uz", "ur", "ta", "te", "mr", "ne",
    "am", "si", "km", "my", "be", "af", "ga", "cy", "mt",
    # Tagalog, Zulu and Xhosa (CLDR writes Zulu and Xhosa names with
    # their noun-class or locative prefix: `iNingizimu Afrika`): QUIET.
    "tl", "zu", "xh",
]
# Languages whose names are recognised but not shown (recognise = quiet):
# no display name, no alias on the entity page, so that adding a language
# changes what is found, not the pages already written.
QUIET_LANGS = {"tl", "zu", "xh"}
ISO_LOCALES = {"fr": "fr", "es": "es", "ru": "ru", "zh": "zh_CN", "ar": "ar", "vi": "vi", "de": "de", "pt": "pt", "it": "it", "ja": "ja"}

# ISO 3166-1 entries that are not UN Member States. The two observer States
# are kept (status "observer"); a few much-cited territories are kept as
# "territory" (Taiwan as TWN, also for "Chinese Taipei"), and so are the
# Non-Self-Governing Territories on the United Nations' list, which its
# Fourth Committee and Special Committee on Decolonization discuss by name
# (Montserrat left out: a mountain and a given name in Catalan and
# Spanish); the rest are dropped from the gazetteer.
OBSERVERS = {"VAT", "PSE"}
NON_SELF_GOVERNING = {
    "ESH", "GIB", "FLK", "NCL", "PYF", "TKL", "ASM", "GUM", "AIA", "BMU",
    "VGB", "CYM", "SHN", "TCA", "VIR", "PCN",
}
TERRITORIES_KEPT = {"HKG", "MAC", "TWN"} | NON_SELF_GOVERNING
NON_MEMBERS = {
    "ALA", "ASM", "AIA", "ATA", "ABW", "BMU", "BES", "BVT", "IOT", "CYM", "CXR",
    "CCK", "COK", "CUW", "FLK", "FRO", "GUF", "PYF", "ATF", "GIB", "GRL", "GLP",
    "GUM", "GGY", "HMD", "HKG", "IMN", "JEY", "MAC", "MTQ", "MYT", "MSR", "NCL",
    "NIU", "NFK", "MNP", "PCN", "PRI", "REU", "BLM", "SHN", "MAF", "SPM", "SXM",
    "SGS", "SJM", "TWN", "TKL", "TCA", "UMI", "VGB", "VIR", "WLF", "ESH",
} | OBSERVERS

# Display/recognition priority of forms (lower first).
FORM_ORDER = {"un": 0, "cldr": 1, "formal": 2, "alias": 3, "iso": 4, "iso-official": 5}


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}


def fold(s):
    """Close to the recogniser's folding: NFC, apostrophes, case, Arabic vowel marks."""
    s = nfc(s).replace("\u2019", "'").casefold()
    return "".join(c for c in s if c not in ARABIC_MARKS)


def main():
    countries = {}
    for c in pycountry.countries:
        a3 = c.alpha_3
        if a3 in NON_MEMBERS and a3 not in OBSERVERS and a3 not in TERRITORIES_KEPT:
            continue
        status = "observer" if a3 in OBSERVERS else "territory" if a3 in TERRITORIES_KEPT else "member"
        countries[a3] = (c, status)
    members = [a for a, (_, s) in countries.items() if s == "member"]
    assert len(members) == 193, len(members)

    rows = {}  # (a3, lang, name) -> form

    def add(a3, lang, form, name):
        name = nfc(name)
        if not name or a3 not in countries:
            return
        key = (a3, lang, name)
        if key not in rows or FORM_ORDER[form] < FORM_ORDER[rows[key]]:
            rows[key] = form

    # CLDR
    for lang in LANGS:
        terr = Locale.parse(lang).territories
        for a3, (c, _) in countries.items():
            name = terr.get(c.alpha_2)
            if name:
                add(a3, lang.replace("_", "-"), "cldr", name.replace("\u2019", "'"))
    # CLDR Traditional Chinese (Taiwan, Hong Kong and Macao texts; UN
    # texts quoted there): recognised only, where it differs from the
    # Simplified name; the gazetteer does not display a script variant.
    hant = Locale.parse("zh_Hant").territories
    hans = Locale.parse("zh").territories
    for a3, (c, _) in countries.items():
        name = hant.get(c.alpha_2)
        if name and name != hans.get(c.alpha_2):
            add(a3, "zh-Hant", "cldr", name)
    # iso-codes (English + translations)
    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc], fallback=True)
        for lang, loc in ISO_LOCALES.items()
    }
    for a3, (c, _) in countries.items():
        names = [("iso", c.name)]
        if getattr(c, "official_name", None):
            names.append(("iso-official", c.official_name))
        for form, en in names:
            if "," in en:  # inverted catalogue forms ("Korea, Republic of")
                continue
            add(a3, "en", form, en)
            for lang, tr in translations.items():
                t = tr.gettext(en)
                if t != en and "," not in t:
                    add(a3, lang, form, t)
    # reviewed UN table
    excluded = set()
    quiet = set()
    with open(os.path.join(DATA, "un_country_names.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            a3, lang, form, name = line.split("\t")
            if form == "exclude":
                excluded.add((a3, fold(name)))
                continue
            if form == "quiet":
                quiet.add((a3, lang, nfc(name)))
                form = "alias"
            add(a3, lang, form, name)

    # A surface form naming two countries is ambiguous: keep it only for the
    # country where it has the better form, drop it if tied.
    owners = {}
    for (a3, lang, name), form in rows.items():
        owners.setdefault(fold(name), []).append((FORM_ORDER[form], a3))
    ambiguous = {}
    for key, lst in owners.items():
        a3s = {a for _, a in lst}
        if len(a3s) > 1:
            best = min(lst)
            winners = {a for r, a in lst if r == best[0]}
            ambiguous[key] = None if len(winners) > 1 else best[1]

    out = []
    for (a3, lang, name), form in rows.items():
        key = fold(name)
        rec = "yes"
        if (a3, key) in excluded:
            rec = "no"
        if key in ambiguous and ambiguous[key] != a3:
            rec = "no"
        if rec == "yes" and (lang in QUIET_LANGS or (a3, lang, name) in quiet):
            rec = "quiet"
        out.append((a3, countries[a3][1], lang, FORM_ORDER[form], form, name, rec))
    out.sort()

    path = os.path.join(DATA, "countries.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# GENERATED by scripts/gen_countries.py -- do not edit; edit un_country_names.tsv and re-run.\n")
        f.write(f"# Sources: CLDR {get_cldr_version()} (babel {babel.__version__}), "
                f"ISO 3166-1 / iso-codes (pycountry {pycountry.__version__}), reviewed UN table.\n")
        f.write("# Columns: alpha3 status lang form name recognise(yes|no|quiet: recognised, not shown)\n")
        f.write("# form: un (UN official short) | cldr | formal | alias | iso | iso-official\n")
        for a3, status, lang, _, form, name, rec in out:
            f.write(f"{a3}\t{status}\t{lang}\t{form}\t{name}\t{rec}\n")
    print(f"wrote {len(out)} rows for {len(countries)} countries to {path}", file=sys.stderr)
    for key, owner in sorted(ambiguous.items(), key=lambda kv: kv[0]):
        print(f"ambiguous: {key!r} -> {owner}", file=sys.stderr)


if __name__ == "__main__":
    main()
