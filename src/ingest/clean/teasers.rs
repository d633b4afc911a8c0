//! Teasers a page's article container holds besides the article, found by
//! their shape whatever the language:
//!
//! - a **feed**: a site's "latest" list — a run of one-line headlines each
//!   with its date or clock time (`Analysis 17 September 2021 Headline…`,
//!   `13:29 Headline`, a bare `21 September 2021` between them). A page's
//!   own text is written in sentences; five dated headlines in a row are
//!   a listing. When the run comes after the article's prose and no prose
//!   follows it, the article ended where the run began: the run and what
//!   follows it (a standings table, an advertising contact, the legal
//!   line) go. Dates are read as `metadata` reads them, in every language
//!   it knows.
//! - an **image strip**: a carousel saved as one line, pictures each
//!   followed by a short caption (`![](…) Headline ![](…) Headline …`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::blocks::ends_sentence;
use crate::ingest::text::visible_len;

/// One block of a page, as the feed rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    pub text: &'a str,
    /// Whether the block may be judged at all: a document's own structure
    /// (tables, code, numbered paragraphs) is never a teaser, but it
    /// breaks a run and may follow the article's end.
    pub judged: bool,
    pub heading: bool,
}

/// Fewest dated headlines that make a run a feed.
const MIN_RUN: usize = 5;
/// Longest teaser, in visible characters (a headline with its label and
/// date; an unspaced script's headline is shorter still).
const MAX_TEASER: usize = 220;
/// Longest block that may stand between two teasers of a run (a heading,
/// a section label, an author's name) without breaking it.
const MAX_FILLER: usize = 80;

/// The units to drop as feeds, in order.
pub fn feed_cut(units: &[Unit<'_>]) -> Vec<usize> {
    let prose: Vec<bool> = units.iter().map(is_prose).collect();
    if !prose.iter().any(|&p| p) {
        // A listing page: the list is what it has to say.
        return Vec::new();
    }
    let mut cut = Vec::new();
    for run in feed_runs(units) {
        let before = prose[..run.start].iter().any(|&p| p);
        let after = prose[run.end..].iter().any(|&p| p);
        if before && !after {
            // The article ended where the feed began; headings right
            // above it (`People`, `Teams`) are the feed's own.
            let mut start = run.start;
            while start > 0 && units[start - 1].heading {
                start -= 1;
            }
            cut.extend(start..units.len());
            break;
        }
        cut.extend(run);
    }
    cut
}

/// Runs of at least [`MIN_RUN`] dated headlines, with at most two short
/// blocks between any two of them, most of them not sentences.
fn feed_runs(units: &[Unit<'_>]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if !is_teaser(&units[i]) {
            i += 1;
            continue;
        }
        let (start, mut end) = (i, i + 1);
        let (mut dated, mut sentences, mut gap) = (0usize, 0usize, 0usize);
        for (j, u) in units.iter().enumerate().skip(i) {
            if is_teaser(u) {
                dated += 1;
                sentences += usize::from(ends_sentence(u.text));
                end = j + 1;
                gap = 0;
            } else if gap < 2 && is_filler(u) {
                gap += 1;
            } else {
                break;
            }
        }
        if dated >= MIN_RUN && sentences * 3 <= dated {
            runs.push(start..end);
        }
        i = end;
    }
    runs
}

/// A one-line headline with a date or a clock time in it.
fn is_teaser(u: &Unit<'_>) -> bool {
    u.judged
        && !u.heading
        && !u.text.contains('\n')
        && u.text.bytes().any(|b| b.is_ascii_digit())
        && visible_len(u.text) <= MAX_TEASER
        && is_dated(u.text)
}

/// A short block a feed may hold between its headlines.
fn is_filler(u: &Unit<'_>) -> bool {
    u.heading || u.judged && visible_len(u.text) <= MAX_FILLER && !ends_sentence(u.text)
}

/// The article's own text: a long block written in sentences.
fn is_prose(u: &Unit<'_>) -> bool {
    if u.heading {
        return false;
    }
    let n = visible_len(u.text);
    n >= 400 || n >= 100 && ends_sentence(u.text)
}

fn is_dated(text: &str) -> bool {
    // `13:29`, `8:06`, `20h15`: a clock time, not a score (`1:3`) or a
    // verse (`3:16` has no leading context either, but stands in prose).
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d:.,])(?:[01]?\d|2[0-3])[:h][0-5]\d(?:$|[^\d:])").unwrap()
    });
    CLOCK.is_match(text) || crate::ingest::metadata::find_date_at(text, "en").is_some()
}

/// A carousel saved as one line: three pictures or more, each followed by
/// a short caption (linked or not), and nothing else.
pub fn is_image_strip(line: &str) -> bool {
    static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"!\[[^\]]*\]\({}\)",
            crate::ingest::text::MD_LINK_TARGET
        ))
        .unwrap()
    });
    static TARGET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"\]\({}\)", crate::ingest::text::MD_LINK_TARGET)).unwrap()
    });
    if line.matches("![").count() < 3 || IMAGE.find_iter(line).count() < 3 {
        return false;
    }
    let captions: Vec<String> = IMAGE
        .split(line)
        .map(|s| TARGET.replace_all(s, "").replace(['[', ']'], ""))
        .filter(|s| !s.trim().is_empty())
        .collect();
    captions.len() >= 2
        && captions
            .iter()
            .all(|c| visible_len(c) <= MAX_TEASER / 2 && !ends_sentence(c.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units<'a>(texts: &[&'a str]) -> Vec<Unit<'a>> {
        texts
            .iter()
            .map(|t| Unit {
                text: t.trim_start_matches("## "),
                judged: true,
                heading: t.starts_with("## "),
            })
            .collect()
    }

    const PROSE: &str = "The veteran forward announced on Monday that he would no longer play for the national team, ending a career of thirteen years and 130 caps.";
    const PROSE2: &str = "He said the decision had been a hard one, but that after the European championship he felt his goals had changed and it was time to step aside.";

    #[test]
    fn a_feed_after_the_article_goes_with_what_follows_it() {
        let texts = [
            "## Podolski ends his international career",
            PROSE,
            PROSE2,
            "## People",
            "Legend 22 September 2021 The real Ronaldo: how he shone at Corinthians",
            "Round-up 21 September 2021 Serie A: Napoli lead, Juventus in the drop zone",
            "Opinion 18 September 2021 The Petrakov conflict, explained",
            "Analysis 17 September 2021 Lessons from the Arctic: Norway's champions",
            "Sergey Kostenyuk",
            "15 September 2021 Sheriff: a hungry international side",
            "- 13:29 Al-Rayyan announce the transfer of James Rodriguez",
            "E-mail: info@example.org",
            "© 2006-2019 Example Media House. All rights reserved.",
        ];
        let u = units(&texts);
        assert_eq!(feed_cut(&u), (3..texts.len()).collect::<Vec<_>>());
    }

    #[test]
    fn a_feed_in_another_language_and_script() {
        let texts = [
            PROSE,
            "Итоги тура 21 сентября 2021Серия А. Итоги 4-го тура: Наполи — лидер",
            "Мнение 18 сентября 2021Вызвать нельзя не вызвать",
            "Анализ 17 сентября 2021Урок футбола из заполярья",
            "Оценки 15 сентября 2021Динамо Киев — Бенфика. Наши оценки",
            "Анализ 10 сентября 2021Сборная Петракова: две проблемы в наследство",
        ];
        assert_eq!(feed_cut(&units(&texts)), vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_feed_before_the_article_goes_alone() {
        let mut texts = vec!["## Latest"];
        let heads: Vec<String> = (1..=6)
            .map(|d| format!("{d} March 2024 Headline number {d} of the site"))
            .collect();
        texts.extend(heads.iter().map(String::as_str));
        texts.extend([PROSE, PROSE2]);
        assert_eq!(feed_cut(&units(&texts)), vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn dated_sentences_and_short_runs_are_the_article() {
        // A chronology written in sentences is the document's text.
        let chronology = [
            PROSE,
            "On 3 March 2020 the Committee met in Vienna.",
            "On 5 March 2020 it adopted its agenda.",
            "On 9 March 2020 it heard the delegations.",
            "On 12 March 2020 it closed the session.",
            "On 20 March 2020 the report was issued.",
        ];
        assert!(feed_cut(&units(&chronology)).is_empty());
        // Four dated headlines are not yet a feed.
        let short = [
            PROSE,
            "Analysis 17 September 2021 Lessons from the Arctic",
            "Analysis 16 September 2021 Counter-attacks",
            "Opinion 15 September 2021 Sheriff",
            "Ratings 14 September 2021 Dynamo v Benfica",
        ];
        assert!(feed_cut(&units(&short)).is_empty());
        // A page that is only a list of dated releases keeps its list.
        let listing: Vec<String> = (1..=8)
            .map(|d| format!("{d} May 2023 Press release {d}"))
            .collect();
        let listing: Vec<&str> = listing.iter().map(String::as_str).collect();
        assert!(feed_cut(&units(&listing)).is_empty());
    }

    #[test]
    fn scores_are_not_clock_times() {
        assert!(!is_dated(
            "Stuttgart — Leverkusen 1:3, goals and highlights"
        ));
        assert!(is_dated("13:29 Transfer news"));
        assert!(is_dated("Mis à jour à 20h15"));
    }

    #[test]
    fn image_strips() {
        assert!(is_image_strip(
            "![](https://x.org/a.jpg) Minister resigns ![](https://x.org/b.jpg) Carbon tax upheld ![](https://x.org/c.jpg) Long wait"
        ));
        assert!(is_image_strip(
            "[ ![](https://x.org/a.jpg) Minister resigns ](/a) [ ![](https://x.org/b.jpg) Carbon tax upheld ](/b) [ ![](https://x.org/c.jpg) Long wait ](/c)"
        ));
        // A picture in a paragraph is not a strip.
        assert!(!is_image_strip(
            "![](https://x.org/a.jpg) The minister said the tax would stay, and that the court had agreed with the province."
        ));
    }
}
