//! PDF page furniture: running headers/footers and page counters.
//!
//! Nothing is hard-coded. A page counter `N/T` (page N of T) is found as
//! the `/T` that recurs with an increasing N; the strings glued around the
//! counters that recur on many pages (`A/74/130`, `V.`, `19-08181`) are
//! learned as the running header/footer and stripped wherever they touch a
//! page break. Each page break becomes a form-feed line (`\u{c}`) so later
//! stages can join text across it and find footnotes at page ends.
//! Digits glued after a counter stay in the text: `19-081817/7417.` is
//! page 7 of 74, then paragraph `17.`.

use std::collections::HashMap;

/// The line that stands for a page break in cleaned text.
pub const PAGE_BREAK: &str = "\u{c}";

#[derive(Debug, Clone)]
struct Counter {
    line: usize,
    /// Byte range of `N/T` within the line.
    start: usize,
    end: usize,
}

/// Removes page counters and running headers/footers; returns the lines
/// with a [`PAGE_BREAK`] line at each page break found.
pub fn strip(lines: Vec<String>) -> Vec<String> {
    let lines = split_form_feeds(lines);
    let lines = strip_counters(lines);
    strip_repeated_edges(lines)
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

/// Lines at the top or bottom of many pages that say the same thing up to
/// their digits (`A/75/200`, `20-09876 3/6`, `- 4 -`, a running title)
/// are furniture, whatever their wording.
fn strip_repeated_edges(mut lines: Vec<String>) -> Vec<String> {
    let breaks: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| *l == PAGE_BREAK)
        .map(|(i, _)| i)
        .collect();
    if breaks.len() < 2 {
        return lines;
    }
    let mut bounds = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &b in &breaks {
        bounds.push(start..b);
        start = b + 1;
    }
    bounds.push(start..lines.len());
    let key = |l: &str| -> Option<String> {
        let t = l.split_whitespace().collect::<Vec<_>>().join(" ");
        let k: String = t
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        // Paragraph numbers and item labels start pages too: never furniture.
        let para = k.ends_with('.') && k.trim_end_matches('.').chars().all(|c| c == '#');
        let furniture_like = !k.is_empty() && !para;
        (furniture_like && t.split(' ').count() <= 10 && k.chars().count() <= 80).then_some(k)
    };
    // Edge lines of each page: the first and last two non-empty lines.
    let edges: Vec<Vec<usize>> = bounds
        .iter()
        .map(|r| {
            let idx: Vec<usize> = r.clone().filter(|&i| !lines[i].trim().is_empty()).collect();
            let mut e: Vec<usize> = idx.iter().take(2).copied().collect();
            e.extend(idx.iter().rev().take(2).copied());
            e.sort_unstable();
            e.dedup();
            e
        })
        .collect();
    let mut pages_with: HashMap<String, usize> = HashMap::new();
    for e in &edges {
        let mut keys: Vec<String> = e.iter().filter_map(|&i| key(&lines[i])).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *pages_with.entry(k).or_default() += 1;
        }
    }
    let pages = bounds.iter().filter(|r| !r.is_empty()).count();
    let min = (pages * 2 / 5).max(3);
    for e in &edges {
        for &i in e {
            if key(&lines[i]).is_some_and(|k| pages_with.get(&k).is_some_and(|&n| n >= min)) {
                lines[i].clear();
            }
        }
    }
    lines
}

/// Page counters `N/T` and the strings glued around them.
fn strip_counters(lines: Vec<String>) -> Vec<String> {
    let counters = find_counters(&lines);
    if counters.len() < 3 {
        return lines;
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
    result
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
        strip(text.lines().map(str::to_string).collect())
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
}
