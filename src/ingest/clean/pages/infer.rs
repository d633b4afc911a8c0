//! Page breaks of a dump without form feeds: from page numbers in
//! sequence, or from a line that recurs at a page's rhythm.

// FxHash: keys are lines and numbers, looked up for every line.
use rustc_hash::FxHashMap as HashMap;

use super::{PAGE_BREAK, blank, key, page_number};
use crate::ingest::text::is_terminal;

/// Page breaks of a dump without form feeds, from page numbers in
/// sequence or, failing them, from a line that recurs at a regular
/// spacing. Nothing changes when neither is clear.
pub(super) fn infer_breaks(lines: Vec<String>) -> Vec<String> {
    if !wrapped(&lines) {
        return lines;
    }
    let Some(starts) = numbered_pages(&lines).or_else(|| recurring_line(&lines)) else {
        return lines;
    };
    // No break before the first page's text (its first long line: a
    // header on page 1, under the issuer's name, starts no page) or after
    // the last line.
    let first = lines
        .iter()
        .position(|l| l.chars().filter(|c| !c.is_whitespace()).count() >= 30)
        .unwrap_or(0);
    let last = lines.iter().rposition(|l| !blank(l)).unwrap_or(0);
    let mut out = Vec::with_capacity(lines.len() + starts.len());
    let mut next = starts
        .iter()
        .copied()
        .filter(|&s| s > first && s <= last)
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
    let mut best: HashMap<u32, usize> = HashMap::default();
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
    let mut at: HashMap<String, Vec<usize>> = HashMap::default();
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
