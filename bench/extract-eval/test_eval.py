#!/usr/bin/env python3
"""Checks of eval.py's scoring and of its reading of pilcrow's output.

    python3 bench/extract-eval/test_eval.py
"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval as ev  # noqa: E402

REF = "The quick brown fox jumps over the lazy dog near the river bank today."


class Shingles(unittest.TestCase):
    def test_identical_text_scores_one(self):
        tp, fp, fn = ev.tp_fp_fn(REF, REF)
        self.assertEqual((ev.precision(tp, fp, fn), ev.recall(tp, fp, fn)), (1.0, 1.0))

    def test_case_and_punctuation_do_not_count(self):
        tp, fp, fn = ev.tp_fp_fn(REF, REF.upper().replace(" ", " -- "))
        self.assertEqual(ev.recall(tp, fp, fn), 1.0)

    def test_extra_text_costs_precision_only(self):
        tp, fp, fn = ev.tp_fp_fn(REF, "Home News Sport Weather Contact us " + REF)
        self.assertEqual(ev.recall(tp, fp, fn), 1.0)
        self.assertLess(ev.precision(tp, fp, fn), 0.7)

    def test_missing_half_costs_recall_only(self):
        tp, fp, fn = ev.tp_fp_fn(REF, "The quick brown fox jumps over the lazy")
        self.assertEqual(ev.precision(tp, fp, fn), 1.0)
        self.assertLess(ev.recall(tp, fp, fn), 0.6)

    def test_empty_output_is_left_out_of_precision_as_in_the_benchmark(self):
        rows = [
            {"tpfpfn": ev.tp_fp_fn(REF, REF), "f1": 1.0},
            {"tpfpfn": ev.tp_fp_fn(REF, ""), "f1": 0.0},
        ]
        p, r, f, mean_f1 = ev.aggregate(rows)
        self.assertEqual((p, r), (1.0, 0.5))
        self.assertAlmostEqual(f, 2 / 3)
        self.assertEqual(mean_f1, 0.5)


class PilcrowOutput(unittest.TestCase):
    MD = (
        "---\nkind: document\ntitle: \"Fox: a story\"\ndate: 2020-01-02\n"
        "language: en\nsource: seeds/fox-page.html\ncountries: [USA]\n---\n\n"
        "# The fox\n\nThe [quick brown fox](https://example.org/fox_(animal)) "
        "jumps **over** the *lazy* dog.[^1] ^p-1\n\n- near\\_the river\n\n"
        "![a fox](img.png)\n\n[^1]: A note.\n"
    )

    def test_front_matter_fields(self):
        fm, body = ev.front_matter(self.MD)
        self.assertEqual(fm["title"], "Fox: a story")
        self.assertEqual(fm["source"], "seeds/fox-page.html")
        self.assertEqual(fm["date"], "2020-01-02")
        self.assertTrue(body.lstrip().startswith("# The fox"))

    def test_markdown_syntax_links_and_anchors_are_stripped(self):
        _, body = ev.front_matter(self.MD)
        words = ev.tokens(ev.markdown_text(body))
        self.assertEqual(
            words,
            ["the", "fox", "the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog",
             "near_the", "river", "a", "note"],
        )


class Metadata(unittest.TestCase):
    def test_title_ignores_case_space_and_punctuation(self):
        self.assertEqual(ev.norm_title("  Hello,  World! "), ev.norm_title("hello world"))

    def test_close_title_allows_a_site_name_segment(self):
        self.assertTrue(ev.title_close("Getting LEAN with Digital Ad UX | IAB", "Getting LEAN with Digital Ad UX"))
        self.assertFalse(ev.title_close("Getting LEAN with Digital Ad UX", "IAB"))

    def test_date_is_the_same_day_in_some_time_zone(self):
        want = "2018-06-12T23:00:00.000Z"
        self.assertIn("2018-06-13", ev.days_of(want))
        self.assertIn("2018-06-12", ev.days_of(want))
        self.assertNotIn("2018-06-14", ev.days_of(want))
        self.assertEqual(ev.days_of("2017-11-03 03:01:00.000000"), {"2017-11-03"})

    def test_language_primary_subtag(self):
        self.assertEqual(ev.lang_of("en-US"), ev.lang_of("en"))
        self.assertNotEqual(ev.lang_of("pt-BR"), ev.lang_of("es"))


if __name__ == "__main__":
    unittest.main()
