//! Running headers and footers: what recurs at the edges of pages.

// FxHash: keys are lines and numbers, looked up for every line.
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{EDGE, PAGE_BREAK, blank, key, number_value, numeric_key, page_number, remove};

/// Lines at the top or bottom of many pages that say the same thing up to
/// their digits (`A/75/200`, `PRESIDEN REPUBLIK INDONESIA`, `- 4 -`, a
/// running title, the even and the odd pages' headers) are furniture,
/// whatever their wording. A line that also recurs inside pages (a
/// heading `Article 5`) is the document's own. Found in rounds: once the
/// outermost furniture is known, the lines it hid are a page's edges.
pub(super) fn strip_repeated_edges(lines: Vec<String>) -> (Vec<String>, Vec<String>) {
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
    let mut furniture: HashMap<String, (usize, usize)> = HashMap::default();
    for _round in 0..3 {
        let mut is_edge = vec![false; lines.len()];
        // (page, line) of each key's edge occurrences.
        let mut edge_at: HashMap<&str, Vec<(usize, usize)>> = HashMap::default();
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
        let mut inside: HashMap<&str, usize> = HashMap::default();
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
        let mut joined: HashMap<String, usize> = HashMap::default();
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
        let mut counts: HashMap<&str, usize> = HashMap::default();
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
        let mut offsets: HashMap<i64, usize> = HashMap::default();
        let mut values: HashMap<i64, usize> = HashMap::default();
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
    let mut counts: HashMap<i64, usize> = HashMap::default();
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
