//! The head or foot of a UN page in a short dump: a job number
//! (`25-19720`), the page counter beside it (`2/2`) and the document's
//! symbol (`A/80/L.24`). A two- or three-page document repeats them too
//! few times to be found by repetition; their shapes are enough.

use std::sync::LazyLock;

use regex::Regex;

use super::{PAGE_BREAK, blank};
use crate::ingest::text::is_un_job_number;

/// A UN document symbol alone on a line (`A/RES/78/278`, `A/C.1/80/L.22`,
/// `S/2024/123`, `E/CN.15/2020/7`).
static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z]{1,4}(?:/[A-Z0-9][A-Za-z0-9.\-]*){2,}(?:\s*\*)?$").expect("valid regex")
});

/// A page counter alone on a line: `2/5`.
fn is_counter(t: &str) -> bool {
    t.split_once('/').is_some_and(|(n, d)| {
        let num = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        num(n) && num(d) && n.parse::<u32>().ok() <= d.parse::<u32>().ok()
    })
}

/// Lines around a job number after the first page's text: the job
/// number, a counter and the symbol the masthead gave, within three
/// lines of it, become one page break.
pub(super) fn strip_job_heads(lines: Vec<String>) -> Vec<String> {
    // The first page's own masthead keeps its job number.
    let Some(first_text) = lines
        .iter()
        .position(|l| l.chars().filter(|c| !c.is_whitespace()).count() >= 30)
    else {
        return lines;
    };
    let symbol = lines[..first_text]
        .iter()
        .map(|l| l.trim())
        .find(|l| SYMBOL.is_match(l))
        .map(|s| s.trim_end_matches(['*', ' ']).to_string());
    let jobs: Vec<usize> = (first_text..lines.len())
        .filter(|&i| is_un_job_number(&lines[i]) && lines[i].contains('-'))
        .collect();
    if jobs.is_empty() {
        return lines;
    }
    let mut drop = vec![false; lines.len()];
    let mut break_at: Vec<usize> = Vec::new();
    for &j in &jobs {
        drop[j] = true;
        let mut first = j;
        let near = |i: usize| j.abs_diff(i) <= 3;
        let furniture = |t: &str| {
            is_counter(t)
                || symbol
                    .as_deref()
                    .is_some_and(|s| t.trim_end_matches(['*', ' ']) == s)
        };
        // Up and down from the job number, over blank lines.
        for i in (j.saturating_sub(3)..j).rev() {
            let t = lines[i].trim();
            if blank(&lines[i]) {
                continue;
            }
            if near(i) && furniture(t) {
                drop[i] = true;
                first = i;
            } else {
                break;
            }
        }
        for i in j + 1..(j + 4).min(lines.len()) {
            let t = lines[i].trim();
            if blank(&lines[i]) {
                continue;
            }
            if furniture(t) {
                drop[i] = true;
            } else {
                break;
            }
        }
        break_at.push(first);
    }
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.into_iter().enumerate() {
        if break_at.contains(&i) && out.last().is_none_or(|p: &String| p != PAGE_BREAK) {
            out.push(PAGE_BREAK.to_string());
        }
        if !drop[i] {
            out.push(l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<String> {
        t.lines().map(str::to_string).collect()
    }

    #[test]
    fn a_short_documents_second_page_head_goes() {
        let text = "United Nations\nA/80/L.24\nGeneral Assembly\nDistr.: Limited\n25-19720 (E)\n\
            Recalling also its resolution 49/184 of 23 December 1994, by which it\n\
            proclaimed the period from 1995 to 2004 the Decade,\n\nA/80/L.24\n\n25-19720\n2/2\n\n\
            Recognizing the important role of relevant United Nations system entities in\n";
        let out = strip_job_heads(lines(text));
        assert_eq!(
            out.iter().filter(|l| l.contains("A/80/L.24")).count(),
            1,
            "the masthead keeps its symbol, the page head loses it: {out:?}"
        );
        assert!(out.iter().all(|l| !l.contains("2/2")), "{out:?}");
        assert_eq!(
            out.iter().filter(|l| l.contains("25-19720")).count(),
            1,
            "{out:?}"
        );
        assert_eq!(
            out.iter().filter(|l| *l == PAGE_BREAK).count(),
            1,
            "{out:?}"
        );
    }

    #[test]
    fn numbers_in_the_text_stay() {
        let text = "A report on the years 2019-2020 and the two thirds of it\n\
            that were spent, or 2/3 of the budget, as the table shows\n3/4\n19-12345 is not alone here\n";
        assert_eq!(strip_job_heads(lines(text)), lines(text));
    }
}
