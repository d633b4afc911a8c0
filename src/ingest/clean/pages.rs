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

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

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
        .iter()
        .map(|l| placeholders::scrub(l, markdown))
        .collect();
    let lines = split_form_feeds(lines);
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
    for f in running.into_iter().chain(markers) {
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
    if t.is_empty() || t == PAGE_BREAK {
        return None;
    }
    let mut k = String::with_capacity(t.len());
    let mut chars = 0;
    let mut words = 0;
    let mut in_word = false;
    for c in t.chars() {
        chars += 1;
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            words += 1;
            in_word = true;
        }
        if c.is_numeric() {
            if !k.ends_with('#') {
                k.push('#');
            }
        } else {
            k.extend(c.to_lowercase());
        }
    }
    if words > 10 || chars > 80 {
        return None;
    }
    let label = k.chars().count() <= 5 && (k.ends_with('.') || k.ends_with(')'));
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

// ------------------------------------------------------------ page breaks

/// Page breaks of a dump without form feeds, from page numbers in
/// sequence or, failing them, from a line that recurs at a regular
/// spacing. Nothing changes when neither is clear.
fn infer_breaks(lines: Vec<String>) -> Vec<String> {
    if !wrapped(&lines) {
        return lines;
    }
    let Some(starts) = numbered_pages(&lines).or_else(|| recurring_line(&lines)) else {
        return lines;
    };
    // No break before the first line or after the last.
    let last = lines.iter().rposition(|l| !blank(l)).unwrap_or(0);
    let mut out = Vec::with_capacity(lines.len() + starts.len());
    let mut next = starts
        .iter()
        .copied()
        .filter(|&s| s > 0 && s <= last)
        .peekable();
    for (i, l) in lines.into_iter().enumerate() {
        if next.peek() == Some(&i) {
            next.next();
            out.push(PAGE_BREAK.to_string());
        }
        out.push(l);
    }
    out
}

/// Text laid out on pages is wrapped: most of its long lines stop short
/// of a sentence's end. A web page's lines are whole paragraphs, and a
/// line recurring in them (`Advertisement`) does not make pages.
fn wrapped(lines: &[String]) -> bool {
    let mut long = 0;
    let mut open = 0;
    for l in lines {
        let t = l.trim_end();
        if t.chars().filter(|c| !c.is_whitespace()).count() >= 30 {
            long += 1;
            if t.chars().next_back().is_some_and(|c| !is_terminal(c)) {
                open += 1;
            }
        }
    }
    long >= 10 && open * 2 >= long
}

/// Fewest lines between two page numbers of one chain.
const MIN_PAGE_LINES: usize = 5;

/// Where pages start, from lines that are page numbers running in
/// sequence (each 1 or 2 more than the last, on lines far enough apart).
/// A number that heads its page starts it; one that ends its page is
/// followed by the next.
fn numbered_pages(lines: &[String]) -> Option<Vec<usize>> {
    let cands: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| page_number(l).map(|v| (i, v)))
        .collect();
    // Longest chain: for each value, the best chain ending there.
    let mut best: HashMap<u32, usize> = HashMap::new();
    let mut len: Vec<usize> = Vec::with_capacity(cands.len());
    let mut prev: Vec<Option<usize>> = Vec::with_capacity(cands.len());
    for (k, &(i, v)) in cands.iter().enumerate() {
        let mut l = 1;
        let mut p = None;
        for step in 1..=2 {
            if let Some(&j) = v.checked_sub(step).and_then(|w| best.get(&w))
                && i >= cands[j].0 + MIN_PAGE_LINES
                && len[j] + 1 > l
            {
                l = len[j] + 1;
                p = Some(j);
            }
        }
        len.push(l);
        prev.push(p);
        if best.get(&v).is_none_or(|&j| len[j] < l) {
            best.insert(v, k);
        }
    }
    let mut end = (0..cands.len()).max_by_key(|&k| (len[k], std::cmp::Reverse(k)))?;
    if len[end] < 3 {
        return None;
    }
    let mut chain = vec![cands[end]];
    while let Some(p) = prev[end] {
        chain.push(cands[p]);
        end = p;
    }
    chain.reverse();
    let mut gaps: Vec<usize> = chain.windows(2).map(|w| w[1].0 - w[0].0).collect();
    gaps.sort_unstable();
    let median = gaps[gaps.len() / 2];
    if median < 12 {
        return None;
    }
    // Header or footer? Count the pages before the first number: as many
    // as its value less one when it heads its page, as its value when it
    // ends it.
    let (first_line, first_value) = chain[0];
    let pages_before = first_line as f64 / median as f64;
    let heads = pages_before < f64::from(first_value) - 0.5;
    Some(
        chain
            .iter()
            .map(|&(i, _)| if heads { i } else { i + 1 })
            .filter(|&i| i < lines.len())
            .collect(),
    )
}

/// Where pages start, from the lines (up to digits, spacing and case)
/// that recur through the whole text at a regular spacing of a page's
/// length: a running header, or the even and the odd pages' headers. A
/// header and a footer next to each other start one page.
fn recurring_line(lines: &[String]) -> Option<Vec<usize>> {
    let mut at: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(k) = key(l) {
            at.entry(k).or_default().push(i);
        }
    }
    let mut starts: Vec<usize> = Vec::new();
    for (k, occ) in at {
        if occ.len() < 3 {
            continue;
        }
        let mut gaps: Vec<usize> = occ.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let median = gaps[gaps.len() / 2];
        // A line whose number changes (`112 JOURNAL …`) could also be a
        // heading (`Article 12`): it must keep the pages' rhythm closely.
        let (lo, hi, share) = if k.contains('#') && !same_numbers(&occ, lines) {
            (8, 12, 8)
        } else {
            (6, 15, 7)
        };
        let regular = gaps
            .iter()
            .filter(|&&g| g * 10 >= median * lo && g * 10 <= median * hi)
            .count();
        let covers = occ.len() * median * 10 >= lines.len() * 6;
        if (15..=300).contains(&median)
            && gaps[0] >= MIN_PAGE_LINES
            && regular * 10 >= gaps.len() * share
            && covers
        {
            starts.extend(occ);
        }
    }
    if starts.is_empty() {
        return None;
    }
    starts.sort_unstable();
    let mut kept: Vec<usize> = Vec::with_capacity(starts.len());
    for s in starts {
        if kept.last().is_none_or(|&k| s >= k + MIN_PAGE_LINES) {
            kept.push(s);
        }
    }
    Some(kept)
}

/// Whether the lines say the same, digits included.
fn same_numbers(occ: &[usize], lines: &[String]) -> bool {
    let digits = |i: usize| -> String { lines[i].chars().filter(char::is_ascii_digit).collect() };
    occ.first()
        .is_none_or(|&f| occ.iter().all(|&i| digits(i) == digits(f)))
}

// ------------------------------------------------------------ running lines

/// Lines at the top or bottom of many pages that say the same thing up to
/// their digits (`A/75/200`, `PRESIDEN REPUBLIK INDONESIA`, `- 4 -`, a
/// running title, the even and the odd pages' headers) are furniture,
/// whatever their wording. A line that also recurs inside pages (a
/// heading `Article 5`) is the document's own. Found in rounds: once the
/// outermost furniture is known, the lines it hid are a page's edges.
fn strip_repeated_edges(lines: Vec<String>) -> (Vec<String>, Vec<String>) {
    let breaks = lines.iter().filter(|l| *l == PAGE_BREAK).count();
    if breaks < 2 {
        return (lines, Vec::new());
    }
    let keys: Vec<Option<String>> = lines.iter().map(|l| key(l)).collect();
    // Pages as ranges of line indices.
    let mut bounds = Vec::with_capacity(breaks + 1);
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if l == PAGE_BREAK {
            bounds.push(start..i);
            start = i + 1;
        }
    }
    bounds.push(start..lines.len());
    let pages = bounds.iter().filter(|r| !r.is_empty()).count();
    let min = (pages * 35).div_ceil(100).max(3);
    let mut drop = vec![false; lines.len()];
    let mut furniture: HashMap<String, (usize, usize)> = HashMap::new();
    for _round in 0..3 {
        let mut is_edge = vec![false; lines.len()];
        // (page, line) of each key's edge occurrences.
        let mut edge_at: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (p, r) in bounds.iter().enumerate() {
            let idx = || r.clone().filter(|&i| !drop[i] && !blank(&lines[i]));
            let mut e: Vec<usize> = idx().take(EDGE).collect();
            e.extend(idx().rev().take(EDGE));
            e.sort_unstable();
            e.dedup();
            for i in e {
                is_edge[i] = true;
                if let Some(k) = &keys[i] {
                    edge_at.entry(k.as_str()).or_default().push((p, i));
                }
            }
        }
        let mut inside: HashMap<&str, usize> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            if let Some(k) = k
                && !is_edge[i]
                && !drop[i]
                && edge_at.contains_key(k.as_str())
            {
                *inside.entry(k.as_str()).or_default() += 1;
            }
        }
        let mut found = false;
        for (k, occ) in &edge_at {
            let known = furniture.contains_key(*k);
            // Page numbers: only those that run with the pages (value =
            // page index + a constant), not a footnote number at a foot.
            // Their place is evidence enough: digits alone on a line may
            // also stand inside pages (a formula, a table).
            let page_numbers =
                numeric_key(k) && occ.iter().any(|&(_, i)| page_number(&lines[i]).is_some());
            let mut occ: Vec<(usize, usize)> = if page_numbers {
                in_step(occ, &lines)
            } else {
                occ.clone()
            };
            let mut pages_with: Vec<usize> = occ.iter().map(|&(p, _)| p).collect();
            pages_with.dedup();
            let n = pages_with.len();
            let rare_inside = page_numbers || inside.get(k).copied().unwrap_or(0) * 2 <= n;
            let fits = rare_inside && numbers_fit(&occ, &lines);
            if !known && !fits {
                continue;
            }
            if !known && n < min {
                // A chapter's running head: on the edges of a run of
                // pages (three or more, one skipped at most), not of many.
                if page_numbers || !varied_neighbours(&occ, &lines) {
                    continue;
                }
                let runs = runs_of_pages(&pages_with);
                occ.retain(|(p, _)| runs.binary_search(p).is_ok());
                if occ.is_empty() {
                    continue;
                }
            }
            for &(_, i) in &occ {
                found |= !drop[i];
                drop[i] = true;
            }
            if !known && !numeric_key(k) {
                let first = occ.iter().map(|&(_, i)| i).min().unwrap_or(0);
                furniture.insert(k.to_string(), (n, first));
            }
        }
        // A header set on two lines on most pages and on one on others
        // (`PRESIDEN` + `REPUBLIK INDONESIA`, `PRESIDEN REPUBLIK
        // INDONESIA`): the joined lines are furniture too, at an edge.
        let mut joined: HashMap<String, usize> = HashMap::new();
        for i in 1..lines.len() {
            if drop[i - 1]
                && drop[i]
                && let (Some(a), Some(b)) = (&keys[i - 1], &keys[i])
                && !numeric_key(a)
                && !numeric_key(b)
            {
                *joined.entry(format!("{a}{b}")).or_default() += 1;
            }
        }
        for i in 0..lines.len() {
            if is_edge[i] && !drop[i] && keys[i].as_ref().is_some_and(|k| joined.contains_key(k)) {
                drop[i] = true;
                found = true;
            }
        }
        if !found {
            break;
        }
    }
    // A running line misread on a page (`INDONESlA`): within two edits of
    // a known one, at a page's edge.
    // (The few running lines on most pages: the work stays linear.)
    let mut known: Vec<(&str, usize)> = furniture
        .iter()
        .filter(|(k, v)| v.0 >= min && k.chars().count() >= 10)
        .map(|(k, v)| (k.as_str(), v.0))
        .collect();
    known.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    known.truncate(4);
    let known: Vec<&str> = known.into_iter().map(|(k, _)| k).collect();
    if !known.is_empty() {
        for r in &bounds {
            let idx = || r.clone().filter(|&i| !drop[i] && !blank(&lines[i]));
            let mut e: Vec<usize> = idx().take(EDGE).collect();
            e.extend(idx().rev().take(EDGE));
            for i in e {
                if let Some(k) = &keys[i]
                    && known.iter().any(|f| within_edits(k, f, 2))
                {
                    drop[i] = true;
                }
            }
        }
    }
    let mut running: Vec<(usize, usize)> = furniture.into_values().collect();
    running.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let furniture = running
        .into_iter()
        .map(|(_, i)| lines[i].split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (remove(lines, &drop), furniture)
}

/// A running head is followed (or, at a foot, preceded) by different
/// text on each page; a table or legend repeated on several pages keeps
/// its neighbours too, and a sentence ends where a head does not.
fn varied_neighbours(occ: &[(usize, usize)], lines: &[String]) -> bool {
    if occ
        .first()
        .is_some_and(|&(_, i)| lines[i].trim_end().ends_with(['.', '。', ';', ':']))
    {
        return false;
    }
    let neighbour = |i: usize, up: bool| -> Option<&str> {
        let mut j = i;
        loop {
            j = if up { j.checked_sub(1)? } else { j + 1 };
            let l = lines.get(j)?;
            if l == PAGE_BREAK {
                return None;
            }
            if !blank(l) {
                return Some(l.trim());
            }
        }
    };
    [true, false].iter().all(|&up| {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for &(_, i) in occ {
            if let Some(t) = neighbour(i, up) {
                *counts.entry(t).or_default() += 1;
            }
        }
        let shared: usize = counts.values().filter(|&&n| n > 1).sum();
        shared * 3 <= occ.len()
    })
}

/// The pages (sorted) that belong to runs of three or more pages, each
/// at most two after the one before.
fn runs_of_pages(pages: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=pages.len() {
        if i == pages.len() || pages[i] > pages[i - 1] + 2 {
            if i - start >= 3 {
                out.extend_from_slice(&pages[start..i]);
            }
            start = i;
        }
    }
    out
}

/// Whether `a` becomes `b` by at most `k` insertions, deletions or
/// substitutions of characters (a band of the edit-distance table).
fn within_edits(a: &str, b: &str, k: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    let inf = k + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(inf)).collect();
    for i in 1..=a.len() {
        let mut cur = vec![inf; b.len() + 1];
        cur[0] = i.min(inf);
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(b.len());
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(inf);
        }
        if cur.iter().all(|&d| d >= inf) {
            return false;
        }
        prev = cur;
    }
    prev[b.len()] <= k
}

/// The numbers of a running line are the same on every page (`A/75/200`,
/// `20. Wahlperiode`) or keep step with the pages (`Page 4`, `– 6 –`); a
/// heading that opens many pages (`Article 12`) numbers something else.
fn numbers_fit(occ: &[(usize, usize)], lines: &[String]) -> bool {
    static NUM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").unwrap());
    let nums: Vec<(usize, Vec<i64>)> = occ
        .iter()
        .map(|&(p, i)| {
            let v = NUM
                .find_iter(&lines[i])
                .filter_map(|m| number_value(m.as_str()))
                .map(i64::from)
                .collect();
            (p, v)
        })
        .collect();
    let Some(width) = nums.first().map(|(_, v)| v.len()) else {
        return true;
    };
    if width == 0 || nums.iter().any(|(_, v)| v.len() != width) {
        return true;
    }
    (0..width).all(|j| {
        let mut offsets: HashMap<i64, usize> = HashMap::new();
        let mut values: HashMap<i64, usize> = HashMap::new();
        for (p, v) in &nums {
            *offsets.entry(v[j] - *p as i64).or_default() += 1;
            *values.entry(v[j]).or_default() += 1;
        }
        let near_mode = |m: &HashMap<i64, usize>| {
            let mode = m
                .iter()
                .max_by_key(|&(k, n)| (*n, -*k))
                .map_or(0, |(k, _)| *k);
            m.iter()
                .filter(|&(k, _)| (k - mode).abs() <= 1)
                .map(|(_, n)| n)
                .sum::<usize>()
        };
        let need = (nums.len() * 6).div_ceil(10);
        values.values().max().copied().unwrap_or(0) >= need.max(1) || near_mode(&offsets) >= need
    })
}

/// The occurrences of a page-number key whose value keeps step with the
/// page index (the most common offset, give or take one).
fn in_step(occ: &[(usize, usize)], lines: &[String]) -> Vec<(usize, usize)> {
    let vals: Vec<(usize, usize, i64)> = occ
        .iter()
        .filter_map(|&(p, i)| number_value(&lines[i]).map(|v| (p, i, i64::from(v) - p as i64)))
        .collect();
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for &(_, _, off) in &vals {
        *counts.entry(off).or_default() += 1;
    }
    let Some(mode) = counts
        .iter()
        .max_by_key(|&(off, n)| (*n, std::cmp::Reverse(*off)))
        .map(|(off, _)| *off)
    else {
        return Vec::new();
    };
    vals.into_iter()
        .filter(|&(_, _, off)| (off - mode).abs() <= 1)
        .map(|(p, i, _)| (p, i))
        .collect()
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

// ------------------------------------------------------------ counters N/T

#[derive(Debug, Clone)]
struct Counter {
    line: usize,
    /// Byte range of `N/T` within the line.
    start: usize,
    end: usize,
}

/// Page counters `N/T` and the strings glued around them; returns the
/// lines and those strings.
fn strip_counters(lines: Vec<String>) -> (Vec<String>, Vec<String>) {
    let counters = find_counters(&lines);
    if counters.len() < 3 {
        return (lines, Vec::new());
    }
    let markers = learn_markers(&lines, &counters);
    let mut lines = lines;
    let mut out_breaks: HashMap<usize, (usize, usize)> = HashMap::new();
    for c in &counters {
        out_breaks.insert(c.line, (c.start, c.end));
    }
    // Strip markers touching a counter line: the end of the line before,
    // the counter line itself, and the start of the line after.
    let mut result = Vec::with_capacity(lines.len() + counters.len());
    let n = lines.len();
    let near: Vec<bool> = (0..n)
        .map(|i| {
            out_breaks.contains_key(&i)
                || (i > 0 && out_breaks.contains_key(&(i - 1)))
                || out_breaks.contains_key(&(i + 1))
        })
        .collect();
    for i in 0..n {
        let line = std::mem::take(&mut lines[i]);
        if let Some(&(s, e)) = out_breaks.get(&i) {
            let left = strip_markers_end(&line[..s], &markers);
            let right = strip_markers_start(&line[e..], &markers);
            let right = strip_markers_end(right, &markers);
            if !left.trim().is_empty() {
                result.push(strip_markers_start(left, &markers).to_string());
            }
            result.push(PAGE_BREAK.to_string());
            if !right.trim().is_empty() {
                result.push(right.to_string());
            }
        } else if near[i] {
            let t = strip_markers_start(&line, &markers);
            let t = strip_markers_end(t, &markers);
            if !t.trim().is_empty() || line.trim().is_empty() {
                result.push(t.to_string());
            }
        } else {
            result.push(line);
        }
    }
    (result, markers)
}

/// Page counters `N/T`: T is the denominator that recurs most with a chain
/// of increasing numerators; N may be the tail of a longer digit run
/// (`A/74/1302/74` is `A/74/130` then `2/74`).
fn find_counters(lines: &[String]) -> Vec<Counter> {
    // Candidate totals: digit runs right after a '/', preceded by a digit.
    let mut totals: HashMap<&str, usize> = HashMap::new();
    for line in lines {
        let b = line.as_bytes();
        for (i, &ch) in b.iter().enumerate() {
            if ch == b'/' && i > 0 && b[i - 1].is_ascii_digit() {
                let run = digit_run(&line[i + 1..]);
                if (1..=4).contains(&run.len()) {
                    *totals.entry(run).or_default() += 1;
                }
            }
        }
    }
    let mut cands: Vec<(&str, usize)> = totals.into_iter().filter(|&(_, n)| n >= 3).collect();
    cands.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut best: Vec<Counter> = Vec::new();
    for (total, _) in cands.into_iter().take(4) {
        let chain = chain_for(lines, total);
        if chain.len() > best.len() {
            best = chain;
        }
    }
    best
}

fn digit_run(s: &str) -> &str {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    &s[..n]
}

/// Occurrences of `N/total` with N increasing by 1–3 each time.
fn chain_for(lines: &[String], total: &str) -> Vec<Counter> {
    let t: u32 = match total.parse() {
        Ok(t) if t >= 2 => t,
        _ => return Vec::new(),
    };
    let pat = format!("/{total}");
    let mut out = Vec::new();
    let mut last = 0u32;
    for (li, line) in lines.iter().enumerate() {
        let mut from = 0;
        while let Some(off) = line[from..].find(&pat) {
            let slash = from + off;
            from = slash + 1;
            // The digits before the slash; N is one of their suffixes.
            let before = &line[..slash];
            let digits = before.len() - before.bytes().rev().take_while(u8::is_ascii_digit).count();
            let run = &before[digits..];
            if run.is_empty() {
                continue;
            }
            let mut found = None;
            for k in (1..=run.len().min(4)).rev() {
                let s = &run[run.len() - k..];
                if s.starts_with('0') {
                    continue;
                }
                if let Ok(v) = s.parse::<u32>()
                    && v > last
                    && v <= last + 3
                    && v <= t
                {
                    found = Some((v, slash - k));
                    break;
                }
            }
            if let Some((v, start)) = found {
                last = v;
                out.push(Counter {
                    line: li,
                    start,
                    end: slash + pat.len(),
                });
            }
        }
    }
    if out.len() < 3 { Vec::new() } else { out }
}

/// Strings glued to the counters on many pages.
fn learn_markers(lines: &[String], counters: &[Counter]) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    // The runs next to a counter, across the spaces that may separate
    // them (`20-09876 3/6`).
    let ascii_run_before = |s: &str| -> String {
        let s = s.trim_end();
        let n = s.chars().rev().take_while(|c| c.is_ascii_graphic()).count();
        s.chars()
            .rev()
            .take(n)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    };
    let ascii_run_after = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_graphic())
            .collect()
    };
    for c in counters {
        let line = &lines[c.line];
        let before = ascii_run_before(&line[..c.start]);
        let after = ascii_run_after(&line[c.end..]);
        for s in [before, after] {
            if !s.is_empty() {
                *counts.entry(s).or_default() += 1;
            }
        }
        // Whole neighbouring lines that are pure ASCII furniture.
        for j in [c.line.wrapping_sub(1), c.line + 1] {
            if let Some(l) = lines.get(j) {
                let t = l.trim();
                if !t.is_empty() && t.len() <= 24 && t.chars().all(|ch| ch.is_ascii_graphic()) {
                    *counts.entry(t.to_string()).or_default() += 1;
                }
            }
        }
    }
    let min = (counters.len() / 4).max(2);
    let mut markers: Vec<String> = counts
        .into_iter()
        .filter(|(s, n)| *n >= min && s.chars().any(|c| c.is_ascii_alphanumeric()))
        .map(|(s, _)| s)
        .collect();
    // Longest first so `A/74/130V.` is not cut as `A/74/130` + `V.` badly.
    markers.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    markers
}

fn strip_markers_start<'a>(mut s: &'a str, markers: &[String]) -> &'a str {
    loop {
        let t = s.trim_start();
        match markers.iter().find(|m| t.starts_with(m.as_str())) {
            Some(m) => s = &t[m.len()..],
            None => return s,
        }
    }
}

fn strip_markers_end<'a>(mut s: &'a str, markers: &[String]) -> &'a str {
    loop {
        let t = s.trim_end();
        match markers.iter().find(|m| t.ends_with(m.as_str())) {
            Some(m) => s = &t[..t.len() - m.len()],
            None => return s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<String> {
        strip(text.lines().map(str::to_string).collect(), false).lines
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
    fn stripping_is_linear() {
        // 100k short lines in 2,000 pages: twice the input takes about
        // twice the time (generous bound against noisy machines).
        let text = |n: usize| {
            pages_of(
                n,
                48,
                |_| vec!["JOURNAL OF TESTING".into()],
                |p| vec![format!("- {p} -")],
                false,
            )
        };
        let time = |t: &str| {
            let lines: Vec<String> = t.lines().map(str::to_string).collect();
            let start = std::time::Instant::now();
            let out = strip(lines, false);
            (start.elapsed(), out.lines.len())
        };
        let (small, _) = time(&text(1000));
        let (large, n) = time(&text(2000));
        assert!(n >= 96_000);
        assert!(
            large < small * 4,
            "{small:?} for 50k lines, {large:?} for 100k"
        );
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
