#!/usr/bin/env python3
"""Checks of the scorer itself: python3 bench/ingest-eval/test_eval.py"""

import json
import unittest
from pathlib import Path

import eval as ev

HERE = Path(__file__).resolve().parent


class FrontMatter(unittest.TestCase):
    def test_reads_what_ingest_writes(self):
        fm = ev.front_matter(
            '---\nkind: document\ntitle: "A \\"quoted\\" title: yes"\nsymbol: null\n'
            "date: 2017-02-13\nlanguage: en\nsource: seeds/x.txt\n"
            'resolutions: ["S/RES/1373 (2001)", "A/RES/73/187"]\ncountries: [JPN, VNM]\n---\n\nBody\n'
        )
        self.assertEqual(fm["title"], 'A "quoted" title: yes')
        self.assertIsNone(fm["symbol"])
        self.assertEqual(fm["date"], "2017-02-13")
        self.assertEqual(fm["resolutions"], ["S/RES/1373 (2001)", "A/RES/73/187"])
        self.assertEqual(fm["countries"], ["JPN", "VNM"])
        self.assertEqual(fm["source"], "seeds/x.txt")

    def test_empty_list_and_no_front_matter(self):
        self.assertEqual(ev.front_matter("---\ncountries: []\n---\n")["countries"], [])
        self.assertEqual(ev.front_matter("no front matter\n"), {})


class Compare(unittest.TestCase):
    def test_titles(self):
        self.assertTrue(ev.title_ok("Tempête Ciaran : A quoi s’attendre ?", "Tempête Ciaran: a quoi s'attendre"))
        self.assertTrue(ev.title_ok("邦人10人", "邦人１０人"))
        self.assertTrue(ev.title_ok("B", ["A", "B"]))
        self.assertFalse(ev.title_ok("Thema Verbraucherschutz Mehr Transparenz", "Mehr Transparenz"))
        self.assertFalse(ev.title_ok(None, "Anything"))

    def test_ids_and_languages(self):
        self.assertEqual(ev.norm_res("S/RES/2334 (2016)"), ev.norm_res("s/res/2334(2016)"))
        self.assertNotEqual(ev.norm_res("S/RES/2334 (2016)"), ev.norm_res("S/RES/2334 (2015)"))
        self.assertTrue(ev.symbol_ok("A/RES/217 (III)", ["A/RES/217(III)"]))
        self.assertTrue(ev.symbol_ok(None, None))
        self.assertFalse(ev.symbol_ok(None, "A/74/130"))
        self.assertEqual(ev.norm_lang("pt-BR"), "pt")
        self.assertEqual(ev.norm_date("2020-03-08T18:30:29Z"), "2020-03-08")

    def test_scores(self):
        exp = {
            "a.txt": {"title": "T", "date": None, "language": "en", "symbol": None,
                      "resolutions": ["S/RES/1 (1946)"], "countries": ["FRA", "DEU"]},
            "b.txt": {"title": "U", "date": "2020-01-01", "language": "fr", "symbol": None,
                      "resolutions": [], "countries": []},
        }
        docs = {"a.txt": [("a.md", {"title": "T", "date": None, "language": "en", "symbol": None,
                                     "resolutions": ["S/RES/1 (1946)"], "countries": ["FRA", "ITA"]})]}
        rows, s = ev.score(exp, docs)
        self.assertEqual(s["title"]["right"], 1)  # b.txt got no page: wrong on every field
        self.assertEqual(s["symbol"]["right"], 1)
        self.assertEqual((s["countries"]["tp"], s["countries"]["fp"], s["countries"]["fn"]), (1, 1, 1))
        self.assertAlmostEqual(s["countries"]["f1"], 0.5)
        self.assertEqual(s["resolutions"]["f1"], 1.0)
        self.assertEqual(rows[0]["sets"]["countries"]["extra"], ["ITA"])


class ExpectedFile(unittest.TestCase):
    def test_every_devset_file_has_a_complete_entry(self):
        exp = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
        names = {p.name for p in (HERE / "devset").iterdir() if p.is_file()}
        self.assertEqual(set(exp), names)
        manifest = {m["file"] for m in json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))}
        self.assertEqual(manifest, names)
        for name, e in exp.items():
            for k in ev.FIELDS + ev.SETS:
                self.assertIn(k, e, name)
            for c in e["countries"]:
                self.assertRegex(c, r"^[A-Z]{3}$", name)


if __name__ == "__main__":
    unittest.main()
