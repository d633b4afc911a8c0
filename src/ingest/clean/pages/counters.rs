//! Page counters `N/T` glued to the strings around them.

// FxHash: keys are lines and numbers, looked up for every line.
use rustc_hash::FxHashMap as HashMap;

use super::PAGE_BREAK;

#[derive(Debug, Clone)]
struct Counter {
    line: usize,
    /// Byte range of `N/T` within the line.
    start: usize,
    end: usize,
}

/// Page counters `N/T` and the strings glued around them; returns the
/// lines and those strings.
pub(super) fn strip_counters(lines: Vec<String>) -> (Vec<String>, Vec<String>) {
    let counters = find_counters(&lines);
    if counters.len() < 3 {
        return (lines, Vec::new());
    }
    let markers = learn_markers(&lines, &counters);
    let mut lines = lines;
    let mut out_breaks: HashMap<usize, (usize, usize)> = HashMap::default();
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
    let mut totals: HashMap<&str, usize> = HashMap::default();
    for line in lines {
        let b = line.as_bytes();
        for i in memchr::memchr_iter(b'/', b) {
            if i > 0 && b[i - 1].is_ascii_digit() {
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

/// `hay.find(pat)` for a pattern that starts with `/`: the slashes are
/// found by `memchr`, the pattern checked only there (no searcher is
/// built for every line).
fn find_slashed(hay: &str, pat: &str) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'/', &hay.as_bytes()[at..]) {
        let p = at + i;
        if hay[p..].starts_with(pat) {
            return Some(p);
        }
        at = p + 1;
    }
    None
}

fn digit_run(s: &str) -> &str {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    &s[..n]
}

/// Occurrences of `N/total` with N increasing by 1–3 each time, one a
/// line.
fn chain_for(lines: &[String], total: &str) -> Vec<Counter> {
    let t: u32 = match total.parse() {
        Ok(t) if t >= 2 => t,
        _ => return Vec::new(),
    };
    let pat = format!("/{total}");
    let mut out: Vec<Counter> = Vec::new();
    let mut last = 0u32;
    for (li, line) in lines.iter().enumerate() {
        let mut from = 0;
        while let Some(off) = find_slashed(&line[from..], &pat) {
            let slash = from + off;
            from = slash + 1;
            // A counter runs on into more digits only where the dump glued
            // the text after it (`20-123454/57.`: page 4 of 5, then
            // paragraph 7) at the head of a line; inside running text
            // `/5` is the start of `/50` (`2015, 71/50 of`: resolution
            // 71/50, no counter `1/5`).
            let glued_digits = line[slash + pat.len()..]
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_digit());
            if glued_digits && line[..slash].contains(char::is_whitespace) {
                continue;
            }
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
                // One counter a page, so one a line: the rest of a run of
                // `N/T` is a list of symbols (`A/71/53, A/72/53, A/73/53…`
                // holds no counters 2/53, 3/53…).
                break;
            }
        }
    }
    // Counters run to near their total (a document's pages are all there);
    // `A/71/53 … A/78/53` in footnotes stops at 8 of "53".
    if out.len() < 3 || last * 2 < t {
        Vec::new()
    } else {
        out
    }
}

/// Strings glued to the counters on many pages.
fn learn_markers(lines: &[String], counters: &[Counter]) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::default();
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
