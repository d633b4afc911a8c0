//! What stands at an article's edges but is not of it: the site's menu
//! above the headline; the publisher's copyright notice, a list of other
//! stories under a chrome label at its end; the next story a page
//! scrolled in below the first.

use dom_query::Document as Dom;

use super::{blocks, words};
use crate::ingest::model::Block;

/// The site's menu above the headline: five or more list items before
/// the first `#` heading, with nothing there but list items and short
/// lines (a breadcrumb, a kicker) — the page's sections, not the article.
pub(super) fn drop_leading_menu(blocks: &mut Vec<Block>) {
    let Some(h) = blocks
        .iter()
        .take(80)
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
    else {
        return;
    };
    let head = &blocks[..h];
    let items = head
        .iter()
        .filter(|b| matches!(b, Block::ListItem(_)))
        .count();
    let short = |b: &Block| match b {
        Block::ListItem(t) | Block::Para { text: t, .. } => words(t).len() <= 8,
        _ => false,
    };
    if items >= 5 && head.iter().all(short) {
        blocks.drain(..h);
    }
}

/// A line above the article's text that only dates it (`Publié le
/// 06/01/2026 - 14:16 UTC+1`, `20 Nisan 2026 • Güncelleme: 20 Nisan 2026`,
/// `March 5, 2024 at 10:00`): the page's metadata, which the metadata
/// pass reads from the page itself, not the article's text. Looked for
/// among the blocks before the first paragraph of prose; what was taken
/// out is returned, as evidence of the date.
pub(super) fn drop_leading_dateline(blocks: &mut Vec<Block>) -> Vec<String> {
    let mut taken = Vec::new();
    let first_prose = blocks
        .iter()
        .position(|b| matches!(b, Block::Para { text, .. } if words(text).len() >= 12))
        .unwrap_or(0)
        .min(6);
    let mut at = 0;
    blocks.retain(|b| {
        at += 1;
        let Block::Para { text, .. } = b else {
            return true;
        };
        // Beside the date: a label, a weekday, a time, a zone.
        let dateline = at <= first_prose
            && text.chars().count() <= 80
            && text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .count()
                <= 5
            && crate::ingest::metadata::normalize_date(text, "").is_some();
        if dateline {
            taken.push(text.clone());
        }
        !dateline
    });
    taken
}

/// A copyright notice among an article's last three blocks (`© 2020 CBS
/// Interactive Inc. All Rights Reserved.`, `Materiał chroniony prawem
/// autorskim - wszelkie prawa zastrzeżone…`), with the short lines after
/// it (`Print`): the publisher's terms, not the article. A notice is led
/// by `©` or `Copyright`, or says that all rights are reserved in one of
/// the languages ingest meets, in at most 60 words.
pub(super) fn drop_rights_notice(blocks: &mut Vec<Block>) {
    const RESERVED: &[&str] = &[
        "all rights reserved",
        "alle rechte vorbehalten",
        "tous droits réservés",
        "todos los derechos reservados",
        "todos os direitos reservados",
        "tutti i diritti riservati",
        "alle rechten voorbehouden",
        "wszelkie prawa zastrzeżone",
        "все права защищены",
        "جميع الحقوق محفوظة",
        "版权所有",
        "版權所有",
        "無断転載",
        "bản quyền thuộc về",
        "hak cipta dilindungi",
    ];
    let notice = |b: &Block| {
        let Block::Para {
            num: None, text, ..
        } = b
        else {
            return false;
        };
        let lower = text.trim_start_matches(['*', '_', ' ']).to_lowercase();
        (lower.starts_with('©')
            || lower.starts_with("(c)")
            || lower.starts_with("copyright")
            || RESERVED.iter().any(|r| lower.contains(r)))
            && words(text).len() <= 60
    };
    let n = blocks.len();
    let Some(at) = (n.saturating_sub(3)..n).find(|&i| notice(&blocks[i])) else {
        return;
    };
    // Only when what follows it is short too (a print link, a sign-off).
    if blocks[at + 1..]
        .iter()
        .all(|b| b.texts().iter().map(|t| words(t).len()).sum::<usize>() <= 12)
    {
        blocks.truncate(at);
    }
}

/// A paragraph of prose: 25 words or more, ending a sentence.
fn is_prose(b: &Block) -> bool {
    matches!(b, Block::Para { text, .. }
        if words(text).len() >= 25 && crate::ingest::clean::blocks::ends_sentence(text))
}

/// A list of other stories that closes the article under a label made of
/// chrome words (`## Related articles`, `Weitere Beiträge zum Thema`,
/// `Dans la même rubrique`, `Trending Topics`), with everything after it:
/// when the label is a heading or a short paragraph past the middle of
/// the article or its first paragraph of prose (25 words or more ending a
/// sentence) and no such paragraph follows it.
pub(super) fn drop_related_tail(blocks: &mut Vec<Block>) {
    let n = blocks.len();
    // "See also" in a reference work points to related topics: a section
    // of the article, not the site's feed.
    const SEE_ALSO: &[&str] = &[
        "see also",
        "siehe auch",
        "voir aussi",
        "ver también",
        "veja também",
        "vedi anche",
        "zie ook",
        "смотрите также",
        "lihat juga",
        "xem thêm",
    ];
    // The label may open the list it labels (`- Etiketler :`, `- Spor`, …).
    let label = |b: &Block| match b {
        Block::Heading { text, .. } | Block::Para { text, .. } | Block::ListItem(text) => {
            let lower = text.to_lowercase();
            crate::ingest::clean::blocks::is_chrome_label(text)
                && !SEE_ALSO.iter().any(|s| lower.contains(s))
        }
        _ => false,
    };
    // The first such label past the middle of the blocks, or after the
    // article's first paragraph of prose if that comes sooner (a list of
    // thirty trending topics puts the middle inside it), whose tail holds
    // no prose.
    let from = blocks
        .iter()
        .position(is_prose)
        .map_or(n / 2, |first| (first + 1).min(n / 2));
    let Some(at) =
        (from..n).find(|&i| i > 0 && label(&blocks[i]) && !blocks[i + 1..].iter().any(is_prose))
    else {
        return;
    };
    // Something must follow it: a label alone at the end is left to the
    // boilerplate classes.
    if at + 1 < n {
        blocks.truncate(at);
    }
}

/// A box of other stories set inside the article under a heading of the
/// editors' own words (`Exklusive Politik-Hintergründe – für Sie
/// recherchiert`): three or more list items, each one link to a headline
/// of the same site (after a kicker at most: `**Warnung:** [DRK-Präsidentin
/// schlägt Alarm](…)`), with the article's prose before and after it. The
/// heading goes with the list.
pub(super) fn drop_teaser_lists(blocks: &mut Vec<Block>) {
    static ITEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^[*_\s]*(?:[^\[\]*_]{1,60}?[:：?!]\s*[*_\s]*)?\[([^\]]+)\]\((https?://[^/)\s]+)[^)\s]*\)[*_\s]*$",
        )
        .unwrap()
    });
    // The headline an item links to, and the site it is on.
    let teaser = |b: &Block| -> Option<String> {
        let Block::ListItem(text) = b else {
            return None;
        };
        let c = ITEM.captures(text)?;
        let headline = &c[1];
        let unspaced = headline
            .chars()
            .filter(|&ch| crate::ingest::text::is_unspaced(ch))
            .count();
        (words(headline).len() >= 4 || unspaced >= 10).then(|| c[2].to_ascii_lowercase())
    };
    let Some(first_prose) = blocks.iter().position(is_prose) else {
        return;
    };
    let mut i = first_prose + 1;
    while i < blocks.len() {
        let hosts: Vec<String> = blocks[i + 1..].iter().map_while(teaser).collect();
        let run = hosts.len();
        let one_site = hosts.windows(2).all(|w| w[0] == w[1]);
        if matches!(blocks[i], Block::Heading { .. })
            && run >= 3
            && one_site
            && blocks[i + 1 + run..].iter().any(is_prose)
        {
            blocks.drain(i..=i + run);
        } else {
            i += 1;
        }
    }
}

/// A chrome label past the article's first paragraph of prose (`Schon
/// gelesen?`, `Related`) over two or more blocks that are each one link and
/// nothing else goes with them, wherever it stands: the prose after it (a
/// box about the author) is no reason to keep a list of other stories.
pub(super) fn drop_labelled_link_lists(blocks: &mut Vec<Block>) {
    static ONE_LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[*_\s]*\[[^\]]+\]\([^)\s]*\)[*_\s]*$").unwrap()
    });
    let one_link = |b: &Block| match b {
        Block::Para { text, items, .. } if items.is_empty() => ONE_LINK.is_match(text),
        Block::ListItem(text) | Block::Quote(text) => ONE_LINK.is_match(text),
        _ => false,
    };
    let label = |b: &Block| match b {
        Block::Heading { text, .. } | Block::Para { text, .. } => {
            crate::ingest::clean::blocks::is_chrome_label(text)
        }
        _ => false,
    };
    let Some(first_prose) = blocks.iter().position(is_prose) else {
        return;
    };
    let mut i = first_prose + 1;
    while i < blocks.len() {
        let run = blocks[i + 1..].iter().take_while(|b| one_link(b)).count();
        if label(&blocks[i]) && run >= 2 {
            blocks.drain(i..=i + run);
        } else {
            i += 1;
        }
    }
}

/// A page that loaded the next story below the first as its reader
/// scrolled (several `<article>`s, each with its own `<h1>`) is the first
/// story: the blocks from the next story's headline on go.
pub(super) fn drop_scrolled_articles(dom: &Dom, blocks: &mut Vec<Block>) {
    let headlines: Vec<String> = dom
        .select("article")
        .nodes()
        .iter()
        .filter_map(|a| {
            let h1 = a.find(&["h1"]).into_iter().next()?;
            Some(blocks::visible_text(&h1))
        })
        .filter(|h| !h.is_empty())
        .collect();
    if headlines.len() < 2 {
        return;
    }
    let plain = |t: &str| words(t).join(" ");
    let first = plain(&headlines[0]);
    let later: Vec<String> = headlines[1..]
        .iter()
        .map(|h| plain(h))
        .filter(|h| *h != first)
        .collect();
    // From the first block past the story's start that is a later
    // story's headline.
    if let Some(at) = blocks
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(i, b)| match b {
            Block::Heading { text, .. } if later.contains(&plain(text)) => Some(i),
            _ => None,
        })
    {
        blocks.truncate(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_box_of_one_sites_headlines_between_prose_is_a_teaser_list() {
        let prose = Block::Para {
            num: None,
            text: "The minister said on Monday that the decision had been taken at short notice and did not contradict the letter she wrote to her party in March.".into(),
            items: vec![],
        };
        let heading = Block::Heading {
            level: 3,
            text: "Read our coverage".into(),
        };
        let item = |host: &str, n: u32| {
            Block::ListItem(format!(
                "**Kicker {n}:** [A headline of four words or more](https://{host}/story-{n}.html)"
            ))
        };
        let page = |items: Vec<Block>, after: bool| {
            let mut b = vec![prose.clone(), heading.clone()];
            b.extend(items);
            if after {
                b.push(prose.clone());
            }
            b
        };
        let mut b = page((1..=3).map(|n| item("news.example", n)).collect(), true);
        drop_teaser_lists(&mut b);
        assert_eq!(b, [prose.clone(), prose.clone()]);
        // Links to several sites (sources), two items, or no prose after:
        // left to the other rules.
        for (items, after) in [
            (
                vec![
                    item("un.org", 1),
                    item("news.example", 2),
                    item("gov.example", 3),
                ],
                true,
            ),
            ((1..=2).map(|n| item("news.example", n)).collect(), true),
            ((1..=3).map(|n| item("news.example", n)).collect(), false),
        ] {
            let mut b = page(items, after);
            let before = b.clone();
            drop_teaser_lists(&mut b);
            assert_eq!(b, before);
        }
    }

    const P: &str = "The police arrested two men on Tuesday for the theft of jewellery from a house in the village, the superintendent told reporters at a press conference in the district town.";

    fn item(t: &str) -> Block {
        Block::ListItem(t.to_string())
    }

    #[test]
    fn a_labelled_list_of_other_stories_goes_though_prose_follows() {
        let quote = |t: &str| Block::Quote(t.to_string());
        let mut b = vec![
            Block::para(P),
            Block::para("**Schon gelesen?**"),
            quote("[Luftwaffe lässt Piloten in Italien ausbilden](https://x.de/a)"),
            quote("[Luftwaffe hat mit dem Training begonnen](https://x.de/b)"),
            Block::Heading {
                level: 2,
                text: "Über den Autor".into(),
            },
            Block::para(P),
        ];
        drop_labelled_link_lists(&mut b);
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(
            !b.iter()
                .any(|x| x.texts().iter().any(|t| t.contains("Luftwaffe")))
        );
        // A list of links the article introduces in its own words stays.
        let mut b = vec![
            Block::para(P),
            Block::para("The ministry published three reports this year:"),
            item("[Report on water](https://x.org/a)"),
            item("[Report on energy](https://x.org/b)"),
        ];
        drop_labelled_link_lists(&mut b);
        assert_eq!(b.len(), 4);
    }

    /// A page read through its landmarks: the site's thirty sections
    /// above the headline, the article, sixty trending topics below it.
    fn page() -> Vec<Block> {
        let mut b: Vec<Block> = (1..=30).map(|i| item(&format!("Section {i}"))).collect();
        b.push(Block::Heading {
            level: 1,
            text: "Police caught two thieves".into(),
        });
        b.extend([Block::para(P), Block::para(P), Block::para(P)]);
        b.push(Block::Heading {
            level: 2,
            text: "Trending Topics".into(),
        });
        b.extend((1..=60).map(|i| item(&format!("Russia Ukraine War {i}"))));
        b
    }

    #[test]
    fn a_line_that_only_dates_the_article_goes() {
        for line in [
            "Publié le 06/01/2026 - 14:16 UTC+1",
            "20 Nisan 2026•Güncelleme: 20 Nisan 2026",
            "Sunday, December 16th, 2012 at 7:05 pm",
        ] {
            let mut b = vec![Block::para(line), Block::para(P), Block::para(P)];
            assert_eq!(drop_leading_dateline(&mut b), [line]);
            assert_eq!(b, vec![Block::para(P), Block::para(P)], "{line}");
        }
        // A short line that is no date, and a date inside the text, stay.
        let mut b = vec![
            Block::para("Top 10 reasons 2024"),
            Block::para(P),
            Block::para("Geneva, 5 March 2020"),
        ];
        let before = b.clone();
        drop_leading_dateline(&mut b);
        assert_eq!(b, before);
    }

    #[test]
    fn a_tag_list_whose_first_item_is_its_label_goes() {
        let mut b = vec![Block::para(P), Block::para(P), Block::para(P)];
        for t in ["Etiketler :", "Haberler -", "Spor", "Futbol", "Galatasaray"] {
            b.push(item(t));
        }
        drop_related_tail(&mut b);
        assert_eq!(b, vec![Block::para(P), Block::para(P), Block::para(P)]);
        // A list of the article's own goes on.
        let mut b = vec![Block::para(P), item("Spor"), item("Futbol"), Block::para(P)];
        let before = b.clone();
        drop_related_tail(&mut b);
        assert_eq!(b, before);
    }

    #[test]
    fn the_sections_above_the_headline_go() {
        let mut b = page();
        drop_leading_menu(&mut b);
        assert!(matches!(&b[0], Block::Heading { level: 1, .. }), "{b:?}");
        // A kicker and a breadcrumb of two items stay.
        let mut b = vec![item("Home"), item("World"), Block::para("Exclusive")];
        b.extend(page().into_iter().skip(30));
        let n = b.len();
        drop_leading_menu(&mut b);
        assert_eq!(b.len(), n);
    }

    #[test]
    fn a_list_of_trending_topics_goes_though_the_middle_falls_inside_it() {
        let mut b = page();
        drop_related_tail(&mut b);
        assert!(matches!(b.last(), Some(Block::Para { .. })), "{b:?}");
        assert_eq!(b.len(), 34);
    }
}
