//! PDF page furniture: running headers/footers, page numbers, catchwords.
//!
//! Nothing is hard-coded about an issuer or a language: furniture is what
//! repeats at the edges of pages. Pages are delimited by the form feeds of
//! pdftotext; without them, by page numbers that run in sequence at a
//! regular spacing (`2`, `- 3 -`, `Page 4 of 9`, `第 5 页`, `Стр. 6`) or by
//! a line that recurs at a regular spacing (a running header). Lines near
//! page breaks whose text, with digits, spacing and case folded, recurs on
//! a good share of the pages are stripped; what they said is kept in
//! [`Stripped::furniture`] (a document's own symbol may stand only there).
//!
//! A page counter `N/T` (page N of T) glued to other text is found as the
//! `/T` that recurs with an increasing N; the strings glued around the
//! counters that recur on many pages (`A/74/130`, `V.`, `19-08181`) are
//! learned as the running header/footer and stripped wherever they touch a
//! page break. Digits glued after a counter stay in the text:
//! `19-081817/7417.` is page 7 of 74, then paragraph `17.`.
//!
//! Each page break becomes a form-feed line ([`PAGE_BREAK`]) so later
//! stages can join text across it and find footnotes at page ends. Blank
//! lines around a break are dropped when the page stops mid-sentence, so
//! that the paragraph goes on across it.
//!
//! Every pass is linear in the number of lines.

use std::sync::LazyLock;

use regex::Regex;

mod counters;
mod edges;
mod infer;
mod jobs;

use counters::strip_counters;
use edges::strip_repeated_edges;
use infer::infer_breaks;
use jobs::{strip_job_heads, strip_last_foot};

use super::placeholders;
use crate::ingest::text::is_terminal;

/// The line that stands for a page break in cleaned text.
pub const PAGE_BREAK: &str = "\u{c}";

/// Lines with the page furniture removed, and what was removed.
#[derive(Debug, Clone, Default)]
pub struct Stripped {
    pub lines: Vec<String>,
    /// The distinct running headers/footers that were stripped (as first
    /// seen, spacing collapsed), those on most pages first; bare page
    /// numbers are not listed.
    pub furniture: Vec<String>,
}

/// How many non-empty lines at each end of a page can be furniture.
const EDGE: usize = 3;

/// Removes extraction placeholders, page counters, page numbers, running
/// headers/footers and catchwords; returns the lines with a
/// [`PAGE_BREAK`] line at each page break found. Markdown has no pages:
/// only placeholders and form feeds are handled there.
pub fn strip(lines: Vec<String>, markdown: bool) -> Stripped {
    let lines: Vec<String> = lines
        .into_iter()
        .map(|l| placeholders::scrub_owned(l, markdown))
        .collect();
    let lines = split_form_feeds(lines);
    let (lines, mut heads) = if markdown {
        (lines, Vec::new())
    } else {
        strip_job_heads(lines)
    };
    let lines = if markdown {
        lines
    } else {
        let (lines, foot) = strip_last_foot(lines);
        heads.extend(foot);
        lines
    };
    let (lines, markers) = strip_counters(lines);
    let lines = if markdown || lines.iter().filter(|l| *l == PAGE_BREAK).count() >= 2 {
        lines
    } else {
        infer_breaks(lines)
    };
    let (lines, running) = strip_repeated_edges(lines);
    let lines = drop_catchwords(lines);
    let lines = tidy_breaks(lines);
    let mut furniture: Vec<String> = Vec::new();
    for f in heads.into_iter().chain(running).chain(markers) {
        if !furniture.contains(&f) {
            furniture.push(f);
        }
    }
    Stripped { lines, furniture }
}

/// pdftotext ends each page with a form feed, often glued to the next
/// page's first line: each becomes a page-break line of its own.
fn split_form_feeds(lines: Vec<String>) -> Vec<String> {
    if !lines.iter().any(|l| l.contains('\u{c}')) {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len() + 16);
    for l in lines {
        if l == PAGE_BREAK || !l.contains('\u{c}') {
            out.push(l);
            continue;
        }
        for (i, part) in l.split('\u{c}').enumerate() {
            if i > 0 {
                out.push(PAGE_BREAK.to_string());
            }
            if !part.trim().is_empty() {
                out.push(part.to_string());
            }
        }
    }
    out
}

// ------------------------------------------------------------ page keys

/// A line's identity as furniture: its text with whitespace removed, case
/// folded and every run of digits one `#` (`- 12 -` and `-3-` are both
/// `-#-`; `PRESIDEN  REPUBLIK` and `Presiden Republik` are one). `None`
/// for what cannot be furniture: blank lines, long lines, and the labels
/// that start paragraphs and items (`12.`, `(3)`, `b)`).
fn key(line: &str) -> Option<String> {
    let t = line.trim();
    // More than 80 characters need more than 80 bytes; more than 320
    // bytes are more than 80 characters.
    if t.is_empty() || t == PAGE_BREAK || t.len() > 4 * 80 {
        return None;
    }
    // More than 80 characters (counted by their first bytes, which
    // vectorises) is never a key: known before any is folded.
    if t.bytes().filter(|&b| (b as i8) >= -0x40).count() > 80 {
        return None;
    }
    let mut k = String::with_capacity(t.len());
    let mut chars = 0;
    let mut words = 0;
    let mut in_word = false;
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        chars += 1;
        if chars > 80 {
            return None;
        }
        let x = b[i];
        // U+5000…U+9FFF (lead bytes E5…E9), core Han, and ASCII: known
        // by their first byte, Han copied without decoding, a run of it
        // at once (one word, its characters counted).
        let (c, n) = if (0xE5..=0xE9).contains(&x) {
            let mut n = 3;
            while b.get(i + n).is_some_and(|x| (0xE5..=0xE9).contains(x)) {
                n += 3;
            }
            chars += n / 3 - 1;
            if chars > 80 {
                return None;
            }
            (None, n)
        } else if x < 0x80 {
            (Some(char::from(x)), 1)
        } else {
            match t[i..].chars().next() {
                Some(c) => (Some(c), c.len_utf8()),
                None => break,
            }
        };
        let c = match c {
            Some(c) if !crate::ingest::text::is_han(c) => c,
            // A Han ideograph is a letter with no case, neither white
            // space nor a digit: the common case, answered without the
            // tables.
            _ => {
                if !in_word {
                    words += 1;
                    if words > 10 {
                        return None;
                    }
                    in_word = true;
                }
                k.push_str(&t[i..i + n]);
                i += n;
                continue;
            }
        };
        i += n;
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            words += 1;
            if words > 10 {
                return None;
            }
            in_word = true;
        }
        if c.is_numeric() {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else if c.is_ascii() {
            k.push(c.to_ascii_lowercase());
        } else {
            k.extend(c.to_lowercase());
        }
    }
    if words > 10 || chars > 80 {
        return None;
    }
    let label = (k.ends_with('.') || k.ends_with(')')) && k.chars().count() <= 5;
    (!label).then_some(k)
}

/// Whether a key has no letters (a page number and its decoration).
fn numeric_key(k: &str) -> bool {
    !k.chars().any(char::is_alphabetic)
}

/// The value of a digit run in any of the common decimal scripts.
fn number_value(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        let d = match c as u32 {
            0x30..=0x39 => c as u32 - 0x30,
            0x660..=0x669 => c as u32 - 0x660,
            0x6F0..=0x6F9 => c as u32 - 0x6F0,
            0x966..=0x96F => c as u32 - 0x966,
            _ => continue,
        };
        v = v.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(v)
}

/// A line that is only a page number: `7`, `- 7 -`, `— 7 —`, `[7]`,
/// `Page 7`, `Page 7 of 12`, `7 of 12`, `Seite 7`, `Página 7 de 12`,
/// `Стр. 7`, `صفحة 7`, `第 7 页`, `7ページ`. The words for "page" and
/// "of" are those of the languages ingest meets.
fn page_number(line: &str) -> Option<u32> {
    static PAGE_NO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^[\s\-–—_|·•*~\[\]]*",
            r"(?:(?i:page|pages|pg|pp?|seite|s|página|pagina|pág|pag|страница|стр|с|صفحة|ص",
            r"|halaman|hal|trang|blz|bladzijde|sida|side|sivu|strona|str|oldal|sayfa|σελίδα|σελ",
            r"|الصفحة|folio|fol|페이지|หน้า|עמוד)\.?\s*)?",
            r"(\d{1,4})",
            r"(?:\s*(?:/|(?i:of|de|von|из|di|van|av|z|sur|od|من|из))\s*\d{1,4})?",
            r"\s*(?:ページ|頁|页|페이지)?",
            r"[\s\-–—_|·•*~\[\]]*$",
            r"|^第\s*(\d{1,4})\s*[页頁](?:\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁])?$",
        ))
        .unwrap()
    });
    let t = line.trim();
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    let c = PAGE_NO.captures(t)?;
    number_value(c.get(1).or_else(|| c.get(2))?.as_str())
}

/// Old-style catchwords: a page's last line repeats the first words of the
/// next page and ends with dots (`Pasal 3 . . .`, `b. bahwa ...`).
fn drop_catchwords(lines: Vec<String>) -> Vec<String> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut drop = vec![false; lines.len()];
    let mut any = false;
    for (b, l) in lines.iter().enumerate() {
        if l != PAGE_BREAK {
            continue;
        }
        let Some(p) = (0..b).rev().find(|&i| !blank(&lines[i])) else {
            continue;
        };
        let Some(q) = (b + 1..lines.len()).find(|&i| !blank(&lines[i])) else {
            continue;
        };
        let last = lines[p].trim();
        let stem = last.trim_end_matches(['.', '…', ' ']);
        let dotted = last.ends_with("...") || last.ends_with(". . .") || last.ends_with('…');
        if !dotted || stem.is_empty() || lines[p] == PAGE_BREAK || stem.chars().count() > 60 {
            continue;
        }
        // The next page's start, across a label set apart (`c.` / `bahwa …`).
        let next: Vec<&str> = lines[q..]
            .iter()
            .take_while(|l| *l != PAGE_BREAK)
            .filter(|l| !blank(l))
            .take(3)
            .map(String::as_str)
            .collect();
        if norm(&next.join(" ")).starts_with(&norm(stem)) {
            drop[p] = true;
            any = true;
        }
    }
    if any { remove(lines, &drop) } else { lines }
}

/// Blank lines around a page break go when the page stops mid-sentence,
/// so the paragraph runs on across the break.
fn tidy_breaks(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut skip_blanks = false;
    for l in lines {
        if l == PAGE_BREAK {
            let blanks = out.iter().rev().take_while(|l| blank(l)).count();
            let open = out
                .len()
                .checked_sub(blanks + 1)
                .map(|i| &out[i])
                .is_some_and(|t| {
                    t != PAGE_BREAK
                        && t.trim_end()
                            .chars()
                            .next_back()
                            .is_some_and(|c| !is_terminal(c))
                });
            if open {
                out.truncate(out.len() - blanks);
                skip_blanks = true;
            }
            out.push(l);
            continue;
        }
        if skip_blanks && blank(&l) {
            continue;
        }
        skip_blanks = false;
        out.push(l);
    }
    out
}

/// An empty line (a page break is not one, though a form feed is white
/// space).
fn blank(l: &str) -> bool {
    l != PAGE_BREAK && l.trim().is_empty()
}

fn remove(lines: Vec<String>, drop: &[bool]) -> Vec<String> {
    lines
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !**d)
        .map(|(l, _)| l)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        strip(text.lines().map(str::to_string).collect(), false).lines
    }

    #[test]
    fn keys_fold_case_digits_and_space_in_every_script() {
        // Han of the basic block and of the supplementary planes, ASCII,
        // and cased letters beyond ASCII: one key for every spelling.
        assert_eq!(key("第 12 页 𠀀Page").as_deref(), Some("第#页𠀀page"));
        assert_eq!(key("第12页 𠀀 PAGE").as_deref(), Some("第#页𠀀page"));
        assert_eq!(key("  ÉTAT\u{3000}Ⅻ  ").as_deref(), Some("état#"));
        assert_eq!(key("12."), None);
        assert_eq!(key(&"字".repeat(81)), None);
    }

    #[test]
    fn glued_headers_are_learned_and_stripped() {
        let text = "第一页的文字.\nB/12/34V.\n20-123452/5其后的文字.\nB/12/343/5V.\n20-12345第三页.\n\
                    更多.\nB/12/34V.\n20-123454/57.\n段落七.\nB/12/345/5V.\n20-12345最后.\n";
        let out = run(text);
        let joined = out.join("|");
        assert!(!joined.contains("B/12/34"), "{joined}");
        assert!(!joined.contains("20-12345"), "{joined}");
        assert!(joined.contains("|7.|"), "{joined}");
        assert_eq!(out.iter().filter(|l| *l == PAGE_BREAK).count(), 4);
    }

    #[test]
    fn latin_running_lines() {
        let mut text = String::new();
        for p in 2..=6 {
            text.push_str(&format!(
                "Some paragraph text on page {p} that continues\nE/CN.15/2020/7\n{p}/9\n"
            ));
        }
        let out = run(&text);
        assert!(out.iter().all(|l| !l.contains("E/CN.15/2020/7")), "{out:?}");
        assert!(out.iter().all(|l| !l.ends_with("/9")), "{out:?}");
    }

    #[test]
    fn fractions_in_prose_are_not_counters() {
        let text = "Resolutions 73/187 and 65/230 and 70/187 were adopted.\nNothing else.\n";
        assert_eq!(
            run(text),
            text.lines().map(str::to_string).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_resolution_number_is_no_page_counter() {
        // Pages `2/5`…`5/5` counted; `71/50` on page 1 is a resolution.
        let mut text = String::from(
            "Recalling its resolutions 70/58 of 7 December 2015, 71/50 of 5 December 2016,\n",
        );
        for p in 2..=5 {
            text.push_str(&format!("and the text of page {p} goes on here\n{p}/5\n"));
        }
        let out = run(&text);
        assert!(out[0].contains("71/50 of 5 December 2016"), "{out:?}");
        assert!(out.iter().all(|l| !l.ends_with("/5")), "{out:?}");
    }

    #[test]
    fn a_list_of_symbols_is_no_run_of_page_counters() {
        let mut text = String::from(
            "Official Records, Supplements Nos. 53A (A/71/53/Add.1), 53A (A/72/53/Add.1),\n(A/73/53/Add.1), (A/74/53/Add.1) and (A/75/53/Add.1), chap. II.\n",
        );
        for p in 2..=4 {
            text.push_str(&format!("and the text of page {p} goes on here\nmore text\nmore text\nmore text\nmore text\n{p}/7\n"));
        }
        let out = run(&text);
        assert!(
            out[0].contains("(A/71/53/Add.1), 53A (A/72/53/Add.1),"),
            "{out:?}"
        );
        assert!(
            out[1].starts_with("(A/73/53/Add.1), (A/74/53/Add.1)"),
            "{out:?}"
        );
        // One a line, in footnotes: still symbols, not pages 1…8 of 53.
        let mut notes = String::new();
        for n in 1..=8 {
            notes.push_str(&format!("{n} Ibid., Supplement No. 53A (A/7{n}/53/Add.1), chap. III.\nand more of the text of the note that goes on\n"));
        }
        let out = run(&notes);
        assert!(
            out.iter().filter(|l| l.contains("/53/Add.1)")).count() == 8,
            "{out:?}"
        );
    }

    #[test]
    fn pdftotext_form_feeds_and_running_lines() {
        let mut text = String::new();
        let words = ["alpha", "beta", "gamma", "delta", "epsilon"];
        for (p, w) in words.iter().enumerate() {
            text.push_str(&format!(
                "\u{c}E/CN.15/2021/8\nThe {w} matter on page {p} continues here\nand ends with {w}.\n- {p} -\n"
            ));
        }
        let out = run(&text);
        assert_eq!(
            out.iter().filter(|l| *l == PAGE_BREAK).count(),
            5,
            "{out:?}"
        );
        assert!(
            out.iter()
                .all(|l| !l.contains("E/CN.15") && !l.starts_with("- ")),
            "{out:?}"
        );
        assert!(out.iter().any(|l| l.contains("delta matter on page 3")));
    }

    #[test]
    fn paragraph_numbers_at_page_tops_stay() {
        let mut text = String::new();
        for p in 1..=5 {
            text.push_str(&format!("\u{c}{p}.\nParagraph {p} text.\n"));
        }
        let out = run(&text);
        assert!(out.contains(&"3.".to_string()), "{out:?}");
    }

    fn strip_text(text: &str) -> Stripped {
        strip(text.lines().map(str::to_string).collect(), false)
    }

    /// `pages` pages of `per` wrapped lines of running text, each line
    /// distinct; `top`/`bottom` give a page's furniture lines.
    fn pages_of(
        pages: usize,
        per: usize,
        top: impl Fn(usize) -> Vec<String>,
        bottom: impl Fn(usize) -> Vec<String>,
        feed: bool,
    ) -> String {
        let mut text = String::new();
        for p in 1..=pages {
            if feed && p > 1 {
                text.push('\u{c}');
            }
            for l in top(p) {
                text.push_str(&l);
                text.push('\n');
            }
            for i in 0..per {
                text.push_str(&format!(
                    "the running text of page {p} goes on in line {i} and it does not stop at\n"
                ));
            }
            for l in bottom(p) {
                text.push_str(&l);
                text.push('\n');
            }
        }
        text
    }

    #[test]
    fn page_numbers_in_many_forms() {
        for (l, v) in [
            ("2", 2),
            ("- 12 -", 12),
            ("-3-", 3),
            ("— 4 —", 4),
            ("Page 5 of 10", 5),
            ("page 6", 6),
            ("Seite 7 von 9", 7),
            ("Página 8 de 20", 8),
            ("Стр. 9", 9),
            ("Страница 10 из 40", 10),
            ("صفحة 11", 11),
            ("الصفحة ١٢ من ٣٠", 12),
            ("第 13 页", 13),
            ("第14页 共20页", 14),
            ("[15]", 15),
            ("16/40", 16),
        ] {
            assert_eq!(page_number(l), Some(v), "{l}");
        }
        for l in [
            "Pasal 2",
            "Article 3",
            "(2)",
            "2.",
            "20-09876",
            "A/75/200",
            "1 Notes verbales",
        ] {
            assert_eq!(page_number(l), None, "{l}");
        }
    }

    #[test]
    fn pages_found_from_numbers_in_sequence_without_form_feeds() {
        // Indonesian-style: a two-line letterhead and `- N -` atop every
        // page but the first, no form feeds.
        let text = pages_of(
            5,
            20,
            |p| {
                let mut v = vec!["PRESIDEN".to_string(), "REPUBLIK INDONESIA".to_string()];
                if p > 1 {
                    v.push(format!("- {p} -"));
                }
                v
            },
            |_| vec![],
            false,
        );
        let out = strip_text(&text);
        let breaks = out.lines.iter().filter(|l| *l == PAGE_BREAK).count();
        assert_eq!(breaks, 4, "{:?}", out.lines);
        assert!(
            out.lines.iter().all(|l| !l.contains("PRESIDEN")
                && !l.contains("REPUBLIK")
                && !l.starts_with("- ")),
            "{:?}",
            out.lines
        );
        assert_eq!(out.furniture, ["PRESIDEN", "REPUBLIK INDONESIA"]);
        assert_eq!(out.lines.len(), 100 + breaks);
    }

    #[test]
    fn bare_page_numbers_at_page_feet() {
        let text = pages_of(
            6,
            30,
            |_| vec![],
            |p| vec![String::new(), p.to_string()],
            false,
        );
        let out = strip_text(&text);
        // Six pages, five breaks between them.
        assert_eq!(out.lines.iter().filter(|l| *l == PAGE_BREAK).count(), 5);
        assert!(
            out.lines.iter().all(|l| l.trim().parse::<u32>().is_err()),
            "{:?}",
            out.lines
        );
    }

    #[test]
    fn running_header_found_by_its_regular_recurrence() {
        // No page numbers, no form feeds: only the header recurs, its case
        // and spacing varying.
        let text = pages_of(
            5,
            25,
            |p| {
                vec![if p % 2 == 0 {
                    "Journal  of Testing, Vol. 3".to_string()
                } else {
                    "JOURNAL OF TESTING, VOL. 3".to_string()
                }]
            },
            |_| vec![],
            false,
        );
        let out = strip_text(&text);
        assert!(
            out.lines
                .iter()
                .all(|l| !l.to_lowercase().contains("journal")),
            "{:?}",
            out.lines
        );
        assert_eq!(out.furniture, ["JOURNAL OF TESTING, VOL. 3"]);
    }

    #[test]
    fn a_running_header_on_the_first_page_starts_no_page() {
        // The symbol under the issuer's name on page 1 and atop every
        // later page: the masthead stays one page, in its order.
        let body = pages_of(
            3,
            25,
            |_| vec!["A/RES/78/278".to_string()],
            |_| vec![],
            false,
        );
        let text = format!("United Nations\n{body}");
        let out = strip_text(&text);
        let first_break = out.lines.iter().position(|l| l == PAGE_BREAK);
        let text_starts = out.lines.iter().position(|l| l.len() >= 30);
        assert!(first_break > text_starts, "{:?}", out.lines);
        assert!(
            out.lines.iter().all(|l| !l.contains("A/RES/78/278")),
            "{:?}",
            out.lines
        );
    }

    #[test]
    fn alternating_even_and_odd_headers() {
        let text = pages_of(
            7,
            12,
            |p| {
                vec![if p % 2 == 0 {
                    format!("{p} SMITH AND LEE")
                } else {
                    format!("ON REPETITION {p}")
                }]
            },
            |_| vec![],
            true,
        );
        let out = strip_text(&text);
        assert!(
            out.lines
                .iter()
                .all(|l| !l.contains("SMITH") && !l.contains("REPETITION")),
            "{:?}",
            out.lines
        );
    }

    #[test]
    fn a_heading_that_recurs_inside_pages_is_content() {
        // `Article N` opens every other page but also stands inside
        // pages: the document's own heading, not a running header.
        let mut text = String::new();
        let mut art = 0;
        for p in 1..=6 {
            text.push('\u{c}');
            for block in 0..4 {
                if block == 0 && p % 2 == 1 || block == 2 {
                    art += 1;
                    text.push_str(&format!("Article {art}\n"));
                }
                for i in 0..5 {
                    text.push_str(&format!("Line {i} of block {block} on page {p}, wrapped\n"));
                }
            }
        }
        let out = strip_text(&text);
        let arts = out
            .lines
            .iter()
            .filter(|l| l.starts_with("Article "))
            .count();
        assert_eq!(arts, art, "{:?}", out.lines);
    }

    #[test]
    fn a_footnote_number_at_a_page_foot_is_not_a_page_number() {
        // Page numbers run with the pages; the footnote numbers do not.
        let text = pages_of(
            6,
            15,
            |_| vec![],
            |p| {
                vec![
                    (p * 3).to_string(),
                    "See the annex.".to_string(),
                    format!("- {p} -"),
                ]
            },
            true,
        );
        let out = strip_text(&text);
        for p in 1..=6 {
            assert!(out.lines.contains(&(p * 3).to_string()), "{:?}", out.lines);
        }
        assert!(
            out.lines.iter().all(|l| !l.starts_with("- ")),
            "{:?}",
            out.lines
        );
    }

    #[test]
    fn catchwords_go() {
        let mut text = String::new();
        for p in 1..=4 {
            text.push_str(&format!("\u{c}Header Line\nPasal {}\n", 2 * p - 1));
            for i in 0..12 {
                if i == 6 {
                    text.push_str(&format!("Pasal {}\n", 2 * p));
                }
                text.push_str(&format!("Line {i} of page {p}, wrapped\n"));
            }
            text.push_str(&format!("Pasal {} . . .\n", 2 * p + 1));
        }
        let out = strip_text(&text);
        // The last page's catchword has no next page to match: it stays.
        let dotted: Vec<&String> = out.lines.iter().filter(|l| l.contains(". . .")).collect();
        assert_eq!(dotted, ["Pasal 9 . . ."], "{:?}", out.lines);
        assert_eq!(
            out.lines.iter().filter(|l| l.starts_with("Pasal")).count(),
            9
        );
    }

    #[test]
    fn blank_lines_around_a_break_go_only_mid_sentence() {
        let text = "\u{c}Head\n\nThe sentence runs on\n\n- 1 -\n\u{c}Head\n\nacross the page.\n\n- 2 -\n\
                    \u{c}Head\n\nA new paragraph.\n\n- 3 -\n\u{c}Head\n\nEnd.\n\n- 4 -\n";
        let out = strip_text(text).lines;
        let at = out
            .iter()
            .position(|l| l == "The sentence runs on")
            .unwrap();
        assert_eq!(out[at + 1], PAGE_BREAK, "{out:?}");
        assert_eq!(out[at + 2], "across the page.", "{out:?}");
        let at = out.iter().position(|l| l == "across the page.").unwrap();
        assert_eq!(out[at + 1], "", "{out:?}");
    }

    #[test]
    fn prose_without_pages_is_left_alone() {
        // A web text: whole paragraphs on lines, a line recurring at a
        // regular spacing. No pages are invented.
        let mut text = String::new();
        for i in 0..80 {
            if i % 16 == 0 {
                text.push_str("Advertisement\n");
            }
            text.push_str(&format!(
                "Paragraph {i} of the story says something complete.\n\n"
            ));
        }
        let out = strip_text(&text);
        assert!(!out.lines.contains(&PAGE_BREAK.to_string()));
        assert_eq!(
            out.lines,
            text.lines().map(str::to_string).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_long_dump_keeps_every_body_line() {
        // 100k short lines in 2,000 pages: the furniture goes, the body
        // stays. (How the time grows with size is bench/ingest-scale.sh's
        // to measure, not a test's: machines here are shared and noisy.)
        let text = pages_of(
            2000,
            48,
            |_| vec!["JOURNAL OF TESTING".into()],
            |p| vec![format!("- {p} -")],
            false,
        );
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let out = strip(lines, false);
        assert!(out.lines.len() >= 96_000, "{}", out.lines.len());
        assert!(!out.lines.iter().any(|l| l.contains("JOURNAL OF TESTING")));
    }

    #[test]
    fn deep_furniture_is_peeled_in_rounds() {
        // A legal database's dump: a three-line header and a four-line
        // footer on every page, more than one look at a page's edges sees.
        let text = pages_of(
            6,
            20,
            |_| {
                vec![
                    "Федеральный закон от 27.07.2006 N 152-ФЗ".to_string(),
                    "(ред. от 08.08.2024)".to_string(),
                    "\"О персональных данных\"".to_string(),
                ]
            },
            |p| {
                vec![
                    "Документ предоставлен КонсультантПлюс".to_string(),
                    "Дата сохранения: 01.10.2024".to_string(),
                    "www.consultant.ru".to_string(),
                    format!("Страница {p} из 6"),
                ]
            },
            true,
        );
        let out = strip_text(&text);
        assert_eq!(out.lines.len(), 6 * 20 + 5, "{:?}", out.lines);
        assert!(out.furniture.iter().any(|f| f.contains("152-ФЗ")));
    }

    #[test]
    fn a_header_misread_on_one_page_goes_too() {
        let text = pages_of(
            6,
            20,
            |p| {
                vec![if p == 4 {
                    "PRESIDEN REPUBLIK INDONESlA".to_string()
                } else {
                    "PRESIDEN REPUBLIK INDONESIA".to_string()
                }]
            },
            |p| vec![format!("- {p} -")],
            true,
        );
        let out = strip_text(&text);
        assert!(
            out.lines.iter().all(|l| !l.contains("PRESIDEN")),
            "{:?}",
            out.lines
        );
    }

    #[test]
    fn a_chapter_head_on_a_run_of_pages_goes_a_repeated_table_stays() {
        // Texinfo-style heads: `Chapter N: Title` atop the pages of each
        // chapter, then the page number. A benchmark table repeated atop
        // three pages keeps its header: its neighbours repeat too.
        let mut text = String::new();
        for p in 1..=12 {
            text.push('\u{c}');
            let chapter = (p - 1) / 4 + 1;
            text.push_str(&format!(
                "Chapter {chapter}: Part {}\n\n{p}\n\n",
                ["one", "two", "three"][chapter - 1]
            ));
            if (6..=8).contains(&p) {
                text.push_str("Input size\nSarwate\nSlicing\n");
            }
            for i in 0..20 {
                text.push_str(&format!("Line {i} of page {p} of the manual, wrapped\n"));
            }
        }
        let out = strip_text(&text);
        assert!(
            out.lines.iter().all(|l| !l.starts_with("Chapter")),
            "{:?}",
            out.lines
        );
        assert!(
            out.lines.iter().all(|l| l.trim().parse::<u32>().is_err()),
            "{:?}",
            out.lines
        );
        assert_eq!(
            out.lines.iter().filter(|l| *l == "Input size").count(),
            3,
            "{:?}",
            out.lines
        );
    }

    #[test]
    fn letterhead_on_top_page_number_at_the_foot_without_form_feeds() {
        let text = pages_of(
            5,
            30,
            |p| {
                vec![if p == 3 {
                    "Presiden   Republik Indonesia".to_string()
                } else {
                    "PRESIDEN REPUBLIK INDONESIA".to_string()
                }]
            },
            |p| vec![String::new(), p.to_string(), String::new()],
            false,
        );
        let out = strip_text(&text);
        assert_eq!(out.lines.iter().filter(|l| *l == PAGE_BREAK).count(), 4);
        assert!(
            out.lines.iter().all(|l| !l.to_uppercase().contains("PRESIDEN")
                && l.trim().parse::<u32>().is_err()),
            "{:?}",
            out.lines
        );
        // Each page stops mid-sentence: no blank line is left at a break.
        for (i, l) in out.lines.iter().enumerate() {
            if l == PAGE_BREAK {
                assert!(!out.lines[i - 1].is_empty() && !out.lines[i + 1].is_empty());
            }
        }
    }

    #[test]
    fn headings_at_a_loose_rhythm_make_no_pages() {
        // `Article N` every 14 to 30 lines in a wrapped text without page
        // marks: not a running header, no pages, nothing stripped.
        let mut text = String::new();
        for (n, len) in [20, 14, 30, 22, 16, 28, 18, 25].iter().enumerate() {
            text.push_str(&format!("Article {}\n", n + 1));
            for i in 0..*len {
                text.push_str(&format!(
                    "line {i} of article {n} in the law goes on and on\n"
                ));
            }
        }
        let out = strip_text(&text);
        assert_eq!(
            out.lines,
            text.lines().map(str::to_string).collect::<Vec<_>>()
        );
    }
}
