//! The head or foot of a UN page in a short dump: a job number
//! (`25-19720`), the page counter beside it (`2/2`) and the document's
//! symbol (`A/80/L.24`). A two- or three-page document repeats them too
//! few times to be found by repetition; their shapes are enough.

use std::sync::LazyLock;

use regex::Regex;

use std::collections::HashMap;

use super::{PAGE_BREAK, blank};
use crate::ingest::text::{is_terminal, is_un_job_number, visible_len};

/// How many lines with text above and below a job number its page head
/// reaches (a running title of three lines stands between the symbol and
/// the job number).
const WINDOW: usize = 5;

/// The lines with text within [`WINDOW`] of line `j` (itself aside), up to
/// a page break or a line of running text (neither `head` nor a title's
/// line) either way: a page head never reaches into the next one.
fn near(lines: &[String], j: usize, head: impl Fn(&str) -> bool) -> Vec<usize> {
    let text = |i: &usize| !blank(&lines[*i]);
    let part = |i: &usize| {
        let t = lines[*i].trim();
        lines[*i] != PAGE_BREAK && (head(t) || title_like(t))
    };
    let mut out: Vec<usize> = (0..j)
        .rev()
        .filter(text)
        .take_while(part)
        .take(WINDOW)
        .collect();
    out.reverse();
    out.extend(
        (j + 1..lines.len())
            .filter(text)
            .take_while(part)
            .take(WINDOW),
    );
    out
}

/// A line that may be part of a running title: short, and ending no
/// sentence or clause.
fn title_like(t: &str) -> bool {
    t != PAGE_BREAK
        && visible_len(t) <= 80
        && !t.ends_with(is_terminal)
        && !t.ends_with([',', ';', ':', '。', '；', '：', '，'])
}

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

/// Lines around each job number after the first: the job number, a
/// counter and the symbol the masthead gave, within three lines of it,
/// become one page break.
/// Returns the lines and the page heads' texts that name the document
/// (its symbol, its running title), as furniture.
pub(super) fn strip_job_heads(lines: Vec<String>) -> (Vec<String>, Vec<String>) {
    // Pages a dump marked with form feeds: the repetition passes find
    // their heads.
    if lines.iter().filter(|l| *l == PAGE_BREAK).count() >= 2 {
        return (lines, Vec::new());
    }
    let jobs: Vec<usize> = (0..lines.len())
        .filter(|&i| is_un_job_number(&lines[i]) && lines[i].contains('-'))
        .collect();
    // The first is the first page's (its masthead's, or its foot's): it
    // stays, and the symbol above it is the document's.
    let Some((&masthead_job, jobs)) = jobs.split_first() else {
        return (lines, Vec::new());
    };
    if jobs.is_empty() {
        return (lines, Vec::new());
    }
    // The masthead names it; where a head cut before this pass took the
    // masthead's lines, a symbol alone on a line beside a later page's job
    // number is the page head's own.
    let shape = |t: &str| is_counter(t) || SYMBOL.is_match(t);
    let beside_job = |&j: &usize| {
        near(&lines, j, shape)
            .into_iter()
            .map(|i| lines[i].trim())
            .find(|t| SYMBOL.is_match(t))
    };
    let symbol = lines[..masthead_job]
        .iter()
        .flat_map(|l| l.split_whitespace())
        .find(|w| SYMBOL.is_match(w))
        .or_else(|| jobs.iter().find_map(beside_job))
        .map(|s| s.trim_end_matches(['*', ' ']).to_string());
    let mut drop = vec![false; lines.len()];
    let mut break_at: Vec<usize> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    // Short lines that are no sentence, beside each page head: the
    // running title, when it stands beside two heads or more.
    let mut beside: HashMap<&str, Vec<usize>> = HashMap::new();
    let furniture = |t: &str| {
        is_counter(t)
            || symbol
                .as_deref()
                .is_some_and(|s| t.trim_end_matches(['*', ' ']) == s)
    };
    // A page without a job number (a resolution prints it on the odd
    // pages) still has its head: the symbol beside a page counter.
    let counters: Vec<usize> = match &symbol {
        Some(_) => (masthead_job + 1..lines.len())
            .filter(|&i| is_counter(lines[i].trim()))
            .filter(|&i| {
                near(&lines, i, furniture)
                    .iter()
                    .any(|&k| !is_counter(lines[k].trim()) && furniture(lines[k].trim()))
            })
            .collect(),
        None => Vec::new(),
    };
    let mut anchors: Vec<usize> = jobs.to_vec();
    anchors.extend(counters);
    anchors.sort_unstable();
    for j in anchors {
        if drop[j] {
            continue;
        }
        drop[j] = true;
        let mut first = j;
        // The lines with text up and down from the job number.
        let window = near(&lines, j, furniture);
        let mut head = vec![j];
        for &i in &window {
            if furniture(lines[i].trim()) {
                drop[i] = true;
                head.push(i);
                first = first.min(i);
            }
        }
        // The lines next to the head (blank lines aside) may be its
        // running title.
        let (lo, hi) = (head.iter().min().copied(), head.iter().max().copied());
        if let (Some(lo), Some(hi)) = (lo, hi) {
            // Between the symbol and the job number stands the running
            // title (`A/RES/78/81` / `Information from Non-Self-Governing
            // Territories transmitted` / `under Article 73 e …` / `23-24938`):
            // the head's own lines, on a single page head too.
            let inside: Vec<usize> = (lo..=hi)
                .filter(|&i| !drop[i] && !blank(&lines[i]))
                .collect();
            let mut title: Vec<usize> = Vec::new();
            if inside.iter().all(|&i| title_like(lines[i].trim())) {
                title.extend(&inside);
            }
            // On the facing page the title stands above the symbol: the
            // lines from a blank line down to it.
            if symbol
                .as_deref()
                .is_some_and(|s| lines[lo].trim().trim_end_matches(['*', ' ']) == s)
            {
                let run: Vec<usize> = (0..lo)
                    .rev()
                    .take_while(|&i| !blank(&lines[i]) && lines[i] != PAGE_BREAK)
                    .collect();
                let opens = run.last().is_none_or(|&f| f == 0 || blank(&lines[f - 1]));
                if !run.is_empty()
                    && run.len() <= 4
                    && opens
                    && run.iter().all(|&i| title_like(lines[i].trim()))
                {
                    title.extend(run.iter().rev());
                }
            }
            if !title.is_empty() {
                title.sort_unstable();
                named.push(
                    title
                        .iter()
                        .map(|&i| lines[i].trim())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                for &i in &title {
                    drop[i] = true;
                }
                first = first.min(title[0]);
            }
            let above = (0..lo).rev().find(|&i| !blank(&lines[i]));
            let below = (hi + 1..lines.len()).find(|&i| !blank(&lines[i]));
            for i in above.into_iter().chain(below) {
                let t = lines[i].trim();
                if !drop[i] && title_like(t) {
                    beside.entry(t).or_default().push(i);
                }
            }
        }
        break_at.push(first);
    }
    if let Some(s) = &symbol
        && drop
            .iter()
            .zip(&lines)
            .any(|(d, l)| *d && l.contains(s.as_str()))
    {
        named.push(s.clone());
    }
    // In the order they first stand (a map's order is no order).
    let mut titles: Vec<(&str, &Vec<usize>)> = beside
        .iter()
        .filter(|(_, at)| at.len() >= 2)
        .map(|(t, at)| (*t, at))
        .collect();
    titles.sort_by_key(|(_, at)| at[0]);
    for (t, at) in titles {
        named.push(t.to_string());
        for &i in at {
            drop[i] = true;
        }
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
    (out, named)
}

/// The first page's foot of a UN text dump — its job number with the
/// language's letter (`25-10717 (E)    020725`) and the bar code's text
/// below it — where nothing but a page break or the end of the text
/// follows: a one-page letter has no second page head to find it by.
/// Returns the lines without it and the job number, as furniture.
pub(super) fn strip_last_foot(mut lines: Vec<String>) -> (Vec<String>, Vec<String>) {
    static FOOT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{2}-\d{5}\s*\([A-Z]\)").expect("valid regex"));
    let mut furniture = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if !(FOOT.is_match(t) && is_un_job_number(t)) {
            i += 1;
            continue;
        }
        // Up to the page's end: blank lines and the bar code only.
        let end = (i + 1..lines.len())
            .find(|&k| !(blank(&lines[k]) || is_un_job_number(&lines[k])))
            .unwrap_or(lines.len());
        if end == lines.len() || lines[end] == PAGE_BREAK {
            furniture.push(t.to_string());
            lines.drain(i..end);
        } else {
            i += 1;
        }
    }
    (lines, furniture)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<String> {
        t.lines().map(str::to_string).collect()
    }

    #[test]
    fn a_one_page_letters_foot_goes_and_a_job_number_in_the_text_stays() {
        let text = "United Nations S/2025/434\nSecurity Council Distr.: General\n30 June 2025\n\n\
            I have the honour to inform you that your letter has been brought to their attention.\n\n\
            (Signed) Jane Roe\n\n25-10717 (E)     020725\n*2510717*\n\n";
        let (out, furniture) = strip_last_foot(lines(text));
        assert!(
            out.iter()
                .all(|l| !l.contains("25-10717") && !l.contains("*2510717*")),
            "{out:?}"
        );
        assert_eq!(furniture, ["25-10717 (E)     020725"]);
        assert!(out.iter().any(|l| l.contains("(Signed) Jane Roe")));
        // The same foot before a page break (an annex follows) goes too;
        // one that text follows stays.
        let text = "Text of the letter.\n25-13360 (E)    250825\n*2513360*\n\u{c}\nAnnex\n";
        let split = super::super::split_form_feeds(lines(text));
        let (out, _) = strip_last_foot(split);
        assert!(out.iter().all(|l| !l.contains("25-13360")), "{out:?}");
        let text = "United Nations\n24-23048 (E)\nSeventy-ninth session\nText.\n";
        assert_eq!(strip_last_foot(lines(text)).0, lines(text));
    }

    #[test]
    fn a_short_documents_second_page_head_goes() {
        let text = "United Nations\nA/80/L.24\nGeneral Assembly\nDistr.: Limited\n25-19720 (E)\n\
            Recalling also its resolution 49/184 of 23 December 1994, by which it\n\
            proclaimed the period from 1995 to 2004 the Decade,\n\nA/80/L.24\n\n25-19720\n2/2\n\n\
            Recognizing the important role of relevant United Nations system entities in\n";
        let (out, _) = strip_job_heads(lines(text));
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
    fn a_page_heads_symbol_goes_when_the_masthead_was_cut() {
        // The masthead's lines went with the head's boilerplate: the
        // first job number is the first page's foot.
        let text = "General Assembly\n23-24522 (E)    201223\n*2324522*\n\n\
            Desirous of promoting agreements to strengthen regional peace and security at\n\
            the lowest possible level of armaments and military forces,\n\nA/RES/78/37\n\
            Conventional arms control at the regional and subregional levels\n\n23-24522\n2/2\n\n\
            Noting with particular interest the initiatives taken in this regard in different\n";
        let (out, named) = strip_job_heads(lines(text));
        assert!(out.iter().all(|l| !l.contains("A/RES/78/37")), "{out:?}");
        assert!(named.contains(&"A/RES/78/37".to_string()), "{named:?}");
    }

    #[test]
    fn a_running_title_beside_two_page_heads_goes() {
        let text = "United Nations\nA/RES/78/278\nDistr.: General\n24-08219 (E)\n\
            Reaffirming its resolution 70/1 of 25 September 2015, entitled the Agenda\n\
            and sustaining their conservation status and restoring ecosystems,\n\n\
            A/RES/78/278\nInternational Day of the Markhor\n\n24-08219\n2/3\n\n\
            Stressing the urgent need to address the decline in biodiversity,\n\n\
            International Day of the Markhor\nA/RES/78/278\n\n3/3\n24-08219\n\n\
            Decides to proclaim 24 May International Day of the Markhor;\n";
        let (out, _) = strip_job_heads(lines(text));
        assert_eq!(
            out.iter().filter(|l| l.contains("A/RES/78/278")).count(),
            1,
            "{out:?}"
        );
        assert!(
            out.iter().all(|l| l != "International Day of the Markhor"),
            "{out:?}"
        );
        assert!(
            out.iter()
                .any(|l| l.starts_with("Decides to proclaim 24 May International Day")),
            "{out:?}"
        );
    }

    #[test]
    fn a_single_page_heads_running_title_goes_above_or_below_the_symbol() {
        // The running title between the symbol and the job number, on
        // the only page head of a two-page resolution.
        let text = "United Nations\nA/RES/78/81\nDistr.: General\n23-24938 (E)    181223\n\
            Information from Non-Self-Governing Territories transmitted under Article 73 e\n\
            make real progress towards its full implementation,\n\nA/RES/78/81\n\
            Information from Non-Self-Governing Territories transmitted\n\
            under Article 73 e of the Charter of the United Nations\n \n23-24938\n2/2\n\n\
            Having examined the report of the Secretary-General,\n";
        let (out, named) = strip_job_heads(lines(text));
        assert!(
            out.iter()
                .all(|l| !l.starts_with("under Article 73 e of the Charter")),
            "{out:?}"
        );
        assert_eq!(out.iter().filter(|l| l.contains("A/RES/78/81")).count(), 1);
        assert!(
            named
                .iter()
                .any(|n| n.starts_with("Information from Non-Self-Governing")),
            "{named:?}"
        );
        // On the facing page the title stands above the symbol.
        let text = "United Nations\nA/RES/80/18\nDistr.: General\n25-19809 (E)\n\
            threat of use of nuclear weapons from any quarter,\n\n\
            Conclusion of effective international arrangements\n\
            to assure non-nuclear-weapon States against the\n\
            use or threat of use of nuclear weapons\nA/RES/80/18\n \n3/3\n25-19809\n \n \n\
            Taking note of Security Council resolution 984 (1995) of 11 April 1995,\n";
        let (out, _) = strip_job_heads(lines(text));
        assert!(
            out.iter().all(|l| !l.starts_with("to assure non-nuclear")),
            "{out:?}"
        );
        assert!(
            out.iter()
                .any(|l| l.starts_with("threat of use of nuclear weapons from"))
        );
        assert!(
            out.iter()
                .any(|l| l.starts_with("Taking note of Security Council"))
        );
    }

    #[test]
    fn numbers_in_the_text_stay() {
        let text = "A report on the years 2019-2020 and the two thirds of it\n\
            that were spent, or 2/3 of the budget, as the table shows\n3/4\n19-12345 is not alone here\n";
        assert_eq!(strip_job_heads(lines(text)).0, lines(text));
    }
}
