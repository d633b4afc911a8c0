//! A page's metadata as candidates: JSON-LD, `<meta>` tags (Open Graph,
//! `article:published_time`, Dublin Core, citation tags), `<time>`,
//! `<h1>`, `<title>`, `<html lang>`, the canonical URL.

use dom_query::{Document as Dom, NodeRef};

use crate::ingest::model::{Document, Field, Origin};

/// `<meta name|property|itemprop=…>` keys per field, most specific first.
const META_TITLE: &[&str] = &[
    "og:title",
    "twitter:title",
    "dc.title",
    "dcterms.title",
    "citation_title",
    "title",
    "headline",
    "parsely-title",
    "sailthru.title",
];
const META_DATE: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published-date",
    "release_date",
    "datecreated",
];
const META_LANG: &[&str] = &[
    "og:locale",
    "dc.language",
    "dcterms.language",
    "content-language",
    "language",
    "inlanguage",
];
const META_URL: &[&str] = &["og:url", "twitter:url"];

/// Adds every candidate the page states to `doc`.
pub fn collect(dom: &Dom, doc: &mut Document) {
    json_ld(dom, doc);
    for m in dom.select("meta").nodes() {
        let key = ["property", "name", "itemprop", "http-equiv"]
            .iter()
            .find_map(|a| m.attr(a))
            .map(|k| meta_key(&k));
        let Some(key) = key else { continue };
        // (Some pages write `value=` where `content=` belongs.)
        let value = m
            .attr("content")
            .or_else(|| m.attr("datetime"))
            .or_else(|| m.attr("value"))
            .map(|v| v.to_string())
            .unwrap_or_default();
        let field = if META_TITLE.contains(&key.as_str()) {
            Field::Title
        } else if META_DATE.contains(&key.as_str()) {
            Field::Date
        } else if META_LANG.contains(&key.as_str()) {
            Field::Language
        } else if META_URL.contains(&key.as_str()) {
            Field::Url
        } else {
            continue;
        };
        doc.add(field, value, Origin::MetaTag);
    }
    if let Some(href) = dom
        .select("link[rel=canonical]")
        .nodes()
        .first()
        .and_then(|l| l.attr("href"))
    {
        doc.add(Field::Url, href.to_string(), Origin::MetaTag);
    }
    // RDFa on any element (`<span property="dc:date" content="2019-02-08">`):
    // metadata as a `<meta>` tag states it.
    for n in dom.select("[property][content]").nodes() {
        if n.node_name()
            .is_some_and(|x| x.eq_ignore_ascii_case("meta"))
        {
            continue;
        }
        if let (Some(k), Some(v)) = (n.attr("property"), n.attr("content"))
            && META_DATE.contains(&meta_key(&k).as_str())
        {
            doc.add(Field::Date, v.to_string(), Origin::MetaTag);
        }
    }
    // Dates in the markup of the article itself.
    for t in dom.select("[itemprop=datePublished], time[pubdate], article time[datetime], main time[datetime], header time[datetime]").nodes() {
        if in_others_words(t) {
            continue;
        }
        let v = t
            .attr("datetime")
            .or_else(|| t.attr("content"))
            .map(|v| v.to_string())
            .unwrap_or_else(|| t.text().to_string());
        // The day the element shows in words (`Publié le 29 juin 2019`)
        // is the one its readers see when its markup states another.
        let shown = text_of(t);
        let read = |s: &str| crate::ingest::metadata::normalize_date(s, "");
        let worded = shown.chars().filter(|c| c.is_alphabetic()).count() >= 3;
        let v = match read(&shown) {
            Some(d)
                if worded
                    && read(&v).is_some_and(|m| m != d) =>
            {
                shown
            }
            _ => v,
        };
        doc.add(Field::Date, v, Origin::TimeElement);
    }
    shown_dates(dom, doc);
    date_attributes(dom, doc);
    // The page's headline: its one `<h1>`, or the first in its article.
    let h1s = dom.select("h1").nodes().to_vec();
    let in_article = |n: &NodeRef| {
        n.ancestors_it(None).any(|a| {
            a.node_name().is_some_and(|x| {
                x.eq_ignore_ascii_case("article") || x.eq_ignore_ascii_case("main")
            })
        })
    };
    // A logo set as an `<h1>` (`<h1><a href="/"><img alt="Site"></a></h1>`)
    // shows no text: it is not the headline.
    let visible: Vec<&NodeRef> = h1s
        .iter()
        .filter(|h| !super::blocks::hidden(h) && !text_of(h).is_empty())
        .collect();
    // Of several, the one the page's titles name — most of a metadata
    // title or the `<title>`, not a site's name in it —, in the article
    // first (a slideshow's caption in the article, a section's `<h1>`,
    // is no headline); else the one in the article.
    let titles: Vec<String> = doc
        .candidates(Field::Title)
        .iter()
        .map(|c| c.value.clone())
        .chain(dom.select("title").nodes().first().map(text_of))
        .collect();
    let named_by_titles = |h: &NodeRef| {
        let h = text_of(h);
        titles.iter().any(|t| {
            crate::ingest::title::similar(t, &h) && h.chars().count() * 2 >= t.chars().count()
        })
    };
    let headline = if visible.len() == 1 {
        visible.first().copied()
    } else {
        let named: Vec<&NodeRef> = visible
            .iter()
            .copied()
            .filter(|h| named_by_titles(h))
            .collect();
        named
            .iter()
            .copied()
            .find(|h| in_article(h))
            .or_else(|| named.first().copied())
            .or_else(|| visible.iter().copied().find(|h| in_article(h)))
    };
    if let Some(h) = headline {
        doc.add(Field::Title, text_of(h), Origin::Headline);
    }
    if let Some(t) = dom.select("title").nodes().first() {
        doc.add(Field::Title, text_of(t), Origin::TitleElement);
    }
    if let Some(lang) = dom
        .select("html")
        .nodes()
        .first()
        .and_then(|h| h.attr("lang").or_else(|| h.attr("xml:lang")))
    {
        doc.add(Field::Language, lang.to_string(), Origin::HtmlLang);
    }
}

/// Whether `n` is a value cell of a table row that names its fact in a
/// header cell (`<tr><th>Dominion</th><td>26 September 1907</td></tr>`,
/// an infobox): a date there is the fact's, not the page's.
fn in_data_row(n: &NodeRef) -> bool {
    let is = |x: &NodeRef, tag: &str| x.node_name().is_some_and(|t| t.eq_ignore_ascii_case(tag));
    if is(n, "th") {
        return false;
    }
    n.ancestors_it(None)
        .take(4)
        .find(|a| is(a, "tr"))
        .is_some_and(|row| row.element_children().iter().any(|c| is(c, "th")))
}

/// Dates in attributes the page's root, body or article element names
/// for a date (`<html newsdate="2022-02-24">`, `<article
/// data-published="…">`): a site's own markup for its pages' day, taken
/// only as an ISO date (an attribute's free text could be anything).
fn date_attributes(dom: &Dom, doc: &mut Document) {
    static ISO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?\s*$").unwrap()
    });
    for n in dom.select("html, body, article").nodes() {
        for a in n.attrs() {
            let name = a.name.local.to_ascii_lowercase();
            let dated = name.contains("date") || name.contains("published");
            if dated
                && !name.contains("update")
                && !name.contains("modif")
                && ISO.is_match(&a.value)
            {
                doc.add(
                    Field::Date,
                    a.value.trim().to_string(),
                    Origin::DateAttribute,
                );
            }
        }
    }
}

/// A `<meta>` or RDFa key as the lists write it: lower case, and Dublin
/// Core's prefix with a dot (`dc:date`, `DCTERMS:created` → `dc.date`,
/// `dcterms.created`).
fn meta_key(k: &str) -> String {
    let k = k.trim().to_ascii_lowercase();
    for prefix in ["dc:", "dcterms:"] {
        if let Some(rest) = k.strip_prefix(prefix) {
            return format!("{}.{rest}", &prefix[..prefix.len() - 1]);
        }
    }
    k
}

/// Dates the page shows by its headline rather than states in its markup:
/// an element named for a date (`class="date"`, `span.h-time`,
/// `.published`), or an element holding nothing but a date, before the
/// article's first long paragraph. Their text is a candidate; `metadata`
/// reads the date in it, or passes on.
fn shown_dates(dom: &Dom, doc: &mut Document) {
    // The dates shown after the first headline (`<h1>` with text) come
    // first: the byline under it, not a site header's clock or weather
    // box, dates the article. After the first long paragraph (a lede may
    // stand above the byline) only an element named for a date counts —
    // a teaser's or a menu's date stands there too —, and last; the
    // second long paragraph ends the search: the prose has begun.
    let mut before: Vec<String> = Vec::new();
    let mut after: Vec<String> = Vec::new();
    let mut past_lede: Vec<String> = Vec::new();
    let mut past_headline = false;
    let mut long_paragraphs = 0;
    for n in dom.select("body *").nodes() {
        if after.len() >= 3 {
            break;
        }
        let name = n
            .node_name()
            .map(|x| x.to_ascii_lowercase())
            .unwrap_or_default();
        if name == "h1" && !past_headline && !super::blocks::hidden(n) && !text_of(n).is_empty() {
            past_headline = true;
        }
        if matches!(
            name.as_str(),
            "script" | "style" | "nav" | "footer" | "aside"
        ) {
            continue;
        }
        if name == "p" && n.text().chars().filter(|c| !c.is_whitespace()).count() > 200 {
            long_paragraphs += 1;
            if long_paragraphs == 2 {
                break;
            }
        }
        let named = ["class", "id", "itemprop"].iter().any(|a| {
            n.attr(a).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                DATE_NAMES.iter().any(|w| v.contains(w))
                    && !v.contains("update")
                    && !v.contains("modif")
                    // A citation's `accessdate`: the day a source was
                    // read, not this page's.
                    && !v.contains("access")
            })
        });
        let text = super::blocks::visible_text_spaced(n);
        let len = text.chars().count();
        if len == 0
            || len > 120
            || !text.chars().any(|c| c.is_ascii_digit())
            || in_others_words(n)
            || in_data_row(n)
        {
            continue;
        }
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        // A short text of digits that holds a year or a numeric date (a
        // headline with a number in it is none: `河南81家上市公司已复工75家`).
        let date_only = len <= 40
            && letters <= 24
            && n.element_children().is_empty()
            && DATE_SHAPE.is_match(&text);
        // `Stand - 12.11.2021 (Unverändert gültig seit …)`, `기사입력
        // 2013-10-24 03:00`: a date behind a label that says it is the
        // page's own.
        // A byline with its day (`Von Christian am 03.05.2013`, `By Ann
        // Lee on May 3, 2013`): the author's line dates the page too.
        let labelled = DATE_LABEL.is_match(&text) || BYLINE.is_match(&text);
        // Only a text that reads as a day counts: a sidebar's archive
        // (`Mai 2014 (3)`) must not fill the places of the byline's date.
        let readable = || crate::ingest::metadata::normalize_date(&text, "").is_some();
        if long_paragraphs > 0 {
            if ((named && len <= 80) || (date_only && labelled_by_sibling(n)))
                && past_lede.len() < 3
                && readable()
            {
                past_lede.push(text);
            }
        } else if ((named && len <= 80) || date_only || labelled) && readable() {
            if past_headline {
                after.push(text);
            } else if before.len() < 3 {
                before.push(text);
            }
        }
    }
    let none_shown = after.is_empty() && before.is_empty() && past_lede.is_empty();
    for text in after.into_iter().chain(before).chain(past_lede) {
        doc.add(Field::Date, text, Origin::ShownDate);
    }
    if !none_shown {
        return;
    }
    // When the page shows no date by its headline: a date behind a label
    // that says it is the page's own, wherever it stands (an old blog's
    // `Artikel veröffentlicht am 16.12.2012` under the post, `Stand
    // 27.01.2022` after the text); then the first machine-readable
    // `<time>` outside the article's markup (a list of the post's facts).
    // Neither a comment's, another page's nor a menu's.
    if let Some(text) = labelled_anywhere(dom, &DATE_LABEL_INSIDE) {
        doc.add(Field::Date, text, Origin::ShownDate);
    } else if let Some(v) = dom
        .select("time[datetime]")
        .nodes()
        .iter()
        .find(|t| !in_others_words(t))
        .and_then(|t| t.attr("datetime"))
    {
        doc.add(Field::Date, v.to_string(), Origin::ShownDate);
    } else if let Some(text) = labelled_anywhere(dom, &UPDATE_LABEL) {
        // Last, the day of the page's last change (a wiki's `Diese Seite
        // wurde zuletzt am 29. Januar 2020 … geändert`, `Aktualisiert:
        // 30.12.2016` under a page that shows no other date).
        doc.add(Field::Date, text, Origin::UpdatedDate);
    }
}

/// The text from a date's label on, for the first element of the page
/// whose short text holds `label` (the whole page's text, nested, is
/// no element's line).
fn labelled_anywhere(dom: &Dom, label: &regex::Regex) -> Option<String> {
    dom.select("body *").nodes().iter().find_map(|n| {
        let named = n
            .node_name()
            .map(|x| x.to_ascii_lowercase())
            .unwrap_or_default();
        // A short line holds a few inline elements at most: a container's
        // text (the whole page's, nested) is not made for nothing. A
        // post's footer may run on, its links to tags and categories after
        // the sentence that dates it (`Dieser Artikel wurde am … von Heiner
        // geschrieben und unter dem Stichwort Arduino, …`): a longer text
        // counts when it opens with that sentence.
        if matches!(named.as_str(), "script" | "style" | "body" | "html")
            || n.element_children().len() > 12
        {
            return None;
        }
        let text = super::blocks::visible_text_spaced(n);
        let len = text.chars().count();
        let short = len <= 120 && n.element_children().len() <= 4;
        if len == 0 || len > 400 {
            return None;
        }
        // From the label on: a modification date before it is not the
        // page's (`Letzte Änderung: 31.10.2023 Erschienen am: 01.11.2023`).
        let at = label
            .find(&text)
            .map(|m| m.start())
            .filter(|&at| short || text[..at].chars().count() <= 60)?;
        (!in_others_words(n)).then(|| text[at..].trim_start().to_string())
    })
}

/// Whether `n` stands in a comment, in a quoted or embedded post
/// (`<blockquote>`), in a box of other pages (related,
/// recommended, most read) or in the site's navigation: a date there is a
/// reader's, another article's or a menu entry's (`comment-metadata`,
/// `commentDate`, `related-posts`, `<li class="menu-item"><a>12. Mai
/// 2012</a>`). A box so named that holds a headline (`<h1>`) is the
/// article itself: an opinion piece's `commentHeader`.
fn in_others_words(n: &NodeRef) -> bool {
    std::iter::once(*n).chain(n.ancestors_it(None)).any(|a| {
        let navigation = a
            .node_name()
            .is_some_and(|x| x.eq_ignore_ascii_case("nav") || x.eq_ignore_ascii_case("menu"))
            || a.attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("navigation"))
            // A quoted or embedded post (`<blockquote class="instagram-media">`),
            // a citation of another work (`<cite>`, a reference list's
            // `Retrieved 7 January 2011`).
            || a.node_name().is_some_and(|x| {
                x.eq_ignore_ascii_case("blockquote") || x.eq_ignore_ascii_case("cite")
            })
            // A list of references as a whole class (`<ol class="references">`,
            // `reflist`, `citation`), not a word of one
            // (`article-references__pubdate` is the page's own date).
            || a.attr("class").is_some_and(|v| {
                v.split_whitespace().any(|w| {
                    let w = w.to_ascii_lowercase();
                    matches!(w.as_str(), "references" | "reflist" | "citation")
                })
            });
        navigation
            || ["class", "id"].iter().any(|k| {
                a.attr(k).is_some_and(|v| {
                    v.to_ascii_lowercase()
                        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                        .any(|w| {
                            w.starts_with("comment")
                                || matches!(
                                    w,
                                    "related"
                                        | "recommended"
                                        | "popular"
                                        | "trending"
                                        | "outbrain"
                                        | "taboola"
                                        | "menu"
                                        | "navbar"
                                        | "navigation"
                                        | "breadcrumb"
                                        | "breadcrumbs"
                                )
                        })
                })
            }) && !a
                .descendants_it()
                .any(|d| d.node_name().is_some_and(|x| x.eq_ignore_ascii_case("h1")))
    })
}

/// Words in an element's class or id that name a date, or the byline or
/// meta line that carries one (`entry-meta`, `byline__author`,
/// `teaser_text_meta`, `publication`): such an element's text is a date candidate when it
/// holds one.
const DATE_NAMES: [&str; 7] = [
    "date",
    "time",
    "publish",
    "publication",
    "posted",
    "byline",
    "meta",
];

/// A year (`2020`, `1998`) or a numeric date (`19.02.20`, `2/19/2020`).
static DATE_SHAPE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:^|\D)(?:1[89]|20)\d\d(?:\D|$)|\d{1,2}[./-]\d{1,2}[./-]\d{2}").unwrap()
});

/// Labels that introduce a page's own date (publication or state of the
/// text, not a modification), in the languages of the corpus.
static DATE_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"(?i)^(?:{DATE_WORDS}|{PUBLICATION_WORDS})\s*[:：\-–—]?\s*\d"
    ))
    .unwrap()
});

/// A byline: a word for "by" and a capitalised name (`Von Christian`,
/// `By Ann Lee`, `Par Jean Dupont`), the line an article's author and day
/// stand on.
static BYLINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v|[Aa]f|[Pp]rzez|[Oo]leh)\s+\p{Lu}\p{L}+")
        .unwrap()
});

/// A label that says the date after it is the page's own, anywhere in a
/// short text (`Von Christian am 03.05.2013 | 0 Meinungen` has none; `Artikel
/// veröffentlicht am 16.12.2012` has one): the words of publication only,
/// not `date` or `Datum`, which name any date.
static DATE_LABEL_INSIDE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(
        concat!(
            // `Veröffentlicht am 16.12.2012`; `This entry was posted on
            // Sunday, December 16th, 2012` (a weekday, a month between).
            r"(?i)(?:^|\W)(?:{PUBLICATION_WORDS})\s*[:：\-–—]?\s*(?:\p{{L}}+\.?,?\s+){{0,2}}\d",
            // The verb after the date: `Dieser Artikel wurde am 14.
            // Dezember 2015 um 14:48 von Thomas veröffentlicht`.
            r"|(?:^|\W)(?:am|op)\s+(?:\p{{L}}+,?\s+)?\d{{1,2}}\.?\s[^\n]{{0,80}}?\W(?:veröffentlicht|publiziert|gepubliceerd|verfasst|geschrieben)(?:\W|$)",
            // Japanese and Chinese put the verb after the day: `2002/06/22作成`,
            // `2019年5月3日发布`.
            r"|\d{{4}}\s*[/.\-年]\s*\d{{1,2}}\s*[/.\-月]\s*\d{{1,2}}\s*日?\s*(?:作成|掲載|公開|発行|投稿|发布|發布|发表|發表)",
        ),
        PUBLICATION_WORDS = PUBLICATION_WORDS
    ))
    .unwrap()
});

/// A label that says the date after it is the day of the page's last
/// change (`Last edited on`, `Letzte Änderung:`, `Dernière mise à jour
/// :`), or, in German, the verb after the date (`zuletzt am 29. Januar
/// 2020 um 13:22 Uhr geändert`).
static UPDATE_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(
        concat!(
            r"(?i)(?:^|\W)(?:{UPDATE_WORDS})\s*[:：\-–—]?\s*(?:\p{{L}}+\.?,?\s+){{0,2}}\d",
            r"|(?:^|\W)zuletzt\s+am\s+(?:\p{{L}}+,?\s+)?\d{{1,2}}\.?\s[^\n]{{0,60}}?\W(?:geändert|aktualisiert|bearbeitet)(?:\W|$)",
        ),
        UPDATE_WORDS = UPDATE_WORDS
    ))
    .unwrap()
});

/// Words that say a date is the day of the page's last change.
const UPDATE_WORDS: &str = "last (?:edited|modified|updated|changed|revised)(?: on)?|(?:last )?updated(?: on)?|last update|letzte (?:änderung|aktualisierung|bearbeitung)|aktualisiert(?: am)?|zuletzt (?:geändert|aktualisiert|bearbeitet)(?: am)?|dernière (?:mise à jour|modification)(?: le)?|mis à jour le|modifié le|última (?:actualización|atualização|modificación|modificação)|actualizado(?: el)?|atualizado(?: em)?|ultimo aggiornamento|ultima modifica|aggiornato(?: il)?|laatst (?:bijgewerkt|gewijzigd)(?: op)?|bijgewerkt op|ostatnia (?:aktualizacja|modyfikacja)|zaktualizowano|последнее обновление|последнее изменение|обновлено|senast (?:uppdaterad|ändrad)|sist (?:oppdatert|opdateret|endret|ændret)|viimeksi päivitetty|son güncelleme|最終更新日?|更新日|最后更新|最後更新|更新时间|更新時間|최종 수정|수정일";

/// The same labels standing alone, in an element of their own before the
/// date's (`<dt>Datum</dt><dd>12.01.2017</dd>`).
static DATE_LABEL_ALONE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"(?i)^(?:{DATE_WORDS}|{PUBLICATION_WORDS})\s*[:：]?$"
    ))
    .unwrap()
});

/// Words that name a date, any date, in the languages of the corpus.
const DATE_WORDS: &str = "datum|date|fecha|data|tanggal|дата|日期|입력|등록";

/// Words that say a date is the page's own: its publication or the state
/// of its text (not a modification).
const PUBLICATION_WORDS: &str = "stand|veröffentlicht(?: am)?|erschienen(?: am)?|published(?: on)?|posted(?: on)?|publié le|mise en ligne(?: le)?|date de publication|publicado(?: el| em)?|fecha de publicación|pubblicato(?: il)?|data di pubblicazione|opublikowano|gepubliceerd(?: op)?|publicerad|julkaistu|yayınlanma(?: tarihi)?|diterbitkan|опубликовано|дата публикации|发布时间|發佈時間|發布時間|投稿日|公開日|기사입력|ngày đăng|تاريخ النشر|نشر في|تاریخ انتشار";

/// Whether the element before `n` holds nothing but a date label.
fn labelled_by_sibling(n: &NodeRef) -> bool {
    n.prev_element_sibling().is_some_and(|p| {
        let t = text_of(&p);
        t.chars().count() <= 40 && DATE_LABEL_ALONE.is_match(&t)
    })
}

fn text_of(n: &NodeRef) -> String {
    let t = super::blocks::visible_text(n);
    // A 72 KB `<title>` is not a title: the title pass bounds length, but
    // do not carry megabytes around.
    let t: String = t.chars().take(2000).collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The JSON values of the page's schema.org scripts: typed as JSON-LD,
/// or a script without a type that holds schema.org data (browsers
/// ignore it; it still says what the page is).
fn json_ld_values(dom: &Dom) -> Vec<serde_json::Value> {
    let all = dom.select("script").nodes().to_vec();
    let scripts = all.iter().filter(|s| match s.attr("type") {
        Some(t) => t.trim().eq_ignore_ascii_case("application/ld+json"),
        None => {
            let t = s.text();
            let t = t.trim_start();
            t.starts_with('{') && t.contains("\"@context\"") && t.contains("schema.org")
        }
    });
    let mut out = Vec::new();
    for s in scripts {
        let raw = s.text();
        // Wrapped in CDATA or a comment, or with text around it.
        let t = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_start_matches("<!--")
            .trim_end_matches("]]>")
            .trim_end_matches("-->")
            .trim();
        let (Some(start), Some(end)) = (t.find(['{', '[']), t.rfind(['}', ']'])) else {
            continue;
        };
        if end < start {
            continue;
        }
        // A raw line break or tab inside a string is invalid JSON that
        // pages write all the same; outside strings it is white space. A
        // line break inside a string is kept as one (it parts an article's
        // paragraphs), other control characters become spaces.
        let json: std::borrow::Cow<'_, str> = if t[start..=end].bytes().any(|b| b < 0x20) {
            let (mut in_string, mut escaped) = (false, false);
            let mut fixed = String::with_capacity(end + 1 - start);
            for c in t[start..=end].chars() {
                match c {
                    '\n' if in_string => fixed.push_str("\\n"),
                    c if c < ' ' => fixed.push(' '),
                    c => {
                        if in_string && !escaped && c == '"' {
                            in_string = false;
                        } else if !in_string && c == '"' {
                            in_string = true;
                        }
                        escaped = in_string && !escaped && c == '\\';
                        fixed.push(c);
                    }
                }
            }
            fixed.into()
        } else {
            t[start..=end].into()
        };
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&json) {
            out.push(v);
        }
    }
    out
}

/// The text of the page's one article as its JSON-LD states it
/// (`articleBody`), when exactly one article-like object gives one: news
/// sites write the whole article there, also when the page shows it in
/// pieces, behind a paywall's teaser or builds it with scripts.
pub fn article_body(dom: &Dom) -> Option<String> {
    let values = json_ld_values(dom);
    let mut bodies: Vec<&str> = Vec::new();
    for v in &values {
        let mut objects: Vec<&serde_json::Value> = Vec::new();
        gather(v, &mut objects, 0);
        for o in objects {
            if let Some(b) = o.get("articleBody").and_then(|b| b.as_str())
                && !b.trim().is_empty()
                && !bodies.contains(&b)
            {
                bodies.push(b);
            }
        }
    }
    match bodies.as_slice() {
        [one] => Some((*one).to_string()),
        _ => None,
    }
}

/// schema.org objects in `<script type="application/ld+json">`: the
/// article's `headline` (or `name` of an article type), `datePublished`,
/// `inLanguage`, `url`.
fn json_ld(dom: &Dom, doc: &mut Document) {
    for v in json_ld_values(dom) {
        let mut objects: Vec<&serde_json::Value> = Vec::new();
        gather(&v, &mut objects, 0);
        // Article-like objects first: a WebSite's or Organization's name
        // is not the document's title.
        objects.sort_by_key(|o| !is_article(o));
        for o in objects {
            let article = is_article(o);
            let str_of = |k: &str| -> Option<String> {
                match o.get(k)? {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Array(a) => {
                        a.iter().find_map(|x| x.as_str().map(str::to_string))
                    }
                    serde_json::Value::Object(m) => m
                        .get("@id")
                        .or(m.get("name"))
                        .and_then(|x| x.as_str())
                        .map(str::to_string),
                    _ => None,
                }
            };
            // An organisation's or a site's "headline" is its slogan.
            if let Some(h) = str_of("headline").filter(|_| !is_profile(o)) {
                doc.add(Field::Title, h, Origin::JsonLd);
            } else if article && let Some(n) = str_of("name") {
                doc.add(Field::Title, n, Origin::JsonLd);
            }
            if article || o.get("datePublished").is_some() {
                for k in ["datePublished", "dateCreated"] {
                    if let Some(d) = str_of(k) {
                        doc.add(Field::Date, d, Origin::JsonLd);
                    }
                }
            }
            if let Some(l) = str_of("inLanguage") {
                doc.add(Field::Language, l, Origin::JsonLd);
            }
            if article && let Some(u) = str_of("url") {
                doc.add(Field::Url, u, Origin::JsonLd);
            }
        }
    }
}

fn gather<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| gather(x, out, depth + 1)),
        serde_json::Value::Object(m) => {
            if m.contains_key("@type") {
                out.push(v);
            }
            if let Some(g) = m.get("@graph") {
                gather(g, out, depth + 1);
            }
            if let Some(e) = m.get("mainEntity") {
                gather(e, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Whether a JSON-LD object describes who publishes rather than what is
/// published (an organisation, a person, the web site itself).
fn is_profile(o: &serde_json::Value) -> bool {
    let profile = |s: &str| {
        s.ends_with("Organization")
            || matches!(
                s,
                "Corporation" | "NGO" | "Person" | "WebSite" | "LocalBusiness" | "Brand" | "Place"
            )
    };
    match o.get("@type") {
        Some(serde_json::Value::String(s)) => profile(s),
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).any(profile),
        _ => false,
    }
}

fn is_article(o: &serde_json::Value) -> bool {
    const TYPES: &[&str] = &[
        "Article",
        "NewsArticle",
        "BlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReportageNewsArticle",
        "PressRelease",
        "Legislation",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "CreativeWork",
        "Book",
        "Chapter",
    ];
    let t = o.get("@type");
    let matches = |s: &str| TYPES.contains(&s);
    match t {
        Some(serde_json::Value::String(s)) => matches(s),
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).any(matches),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(doc: &Document, f: Field) -> Option<(String, Origin)> {
        doc.candidates(f)
            .first()
            .map(|c| (c.value.clone(), c.origin))
    }

    #[test]
    fn json_ld_in_cdata() {
        let html = "<html><head><script type=\"application/ld+json\">\n<![CDATA[\n{\"@type\":\"Article\",\"name\":\"New Zealand\",\"datePublished\":\"2001-10-29T01:59:14Z\"}\n]]>\n</script></head><body></body></html>";
        let mut doc = Document::default();
        collect(&Dom::from(html), &mut doc);
        assert_eq!(
            first(&doc, Field::Date),
            Some(("2001-10-29T01:59:14Z".into(), Origin::JsonLd))
        );
    }

    #[test]
    fn a_meta_tag_that_writes_value_for_content() {
        let html = r#"<html><head><meta name="publish-date" itemprop="" value="Tue, 07 Apr 2020 07:36:07 +0530"><meta value="Trump Talks Retaliation" name="og:title"></head><body></body></html>"#;
        let mut doc = Document::default();
        collect(&Dom::from(html), &mut doc);
        assert_eq!(
            first(&doc, Field::Date),
            Some(("Tue, 07 Apr 2020 07:36:07 +0530".into(), Origin::MetaTag))
        );
        assert_eq!(
            first(&doc, Field::Title).map(|(t, _)| t).as_deref(),
            Some("Trump Talks Retaliation")
        );
    }

    #[test]
    fn a_date_in_an_infobox_row_or_a_citations_access_date_is_not_the_pages() {
        let html = r#"<html><head><script type="application/ld+json">{"@type":"Article","name":"New Zealand","datePublished":"2001-10-29T01:59:14Z"}</script></head><body><h1>New Zealand</h1><table class="infobox"><tr><th>Dominion</th><td>26 September 1907</td></tr></table><p>New Zealand is an island country.</p><ol class="references"><li><span class="reference-accessdate">Retrieved 7 January 2011</span></li></ol></body></html>"#;
        let mut doc = Document::default();
        collect(&Dom::from(html), &mut doc);
        assert!(
            !doc.candidates.iter().any(|c| c.origin == Origin::ShownDate
                && (c.value.contains("1907") || c.value.contains("2011"))),
            "{:?}",
            doc.candidates
        );
    }

    #[test]
    fn a_byline_with_its_day_is_a_shown_date() {
        let shown = |html: &str| {
            let mut doc = Document::default();
            collect(&Dom::from(html), &mut doc);
            doc.candidates
                .iter()
                .filter(|c| c.origin == Origin::ShownDate)
                .map(|c| c.value.clone())
                .collect::<Vec<_>>()
        };
        let days: Vec<Option<String>> = shown(
            "<html><body><h1>Die Wahl</h1><p class=\"morespace\">von <a href=\"/author/k/\">Klaus-Peter Schöppner</a>, 8.5.12 </p><p>Text.</p></body></html>",
        )
        .iter()
        .map(|t| crate::ingest::metadata::normalize_date(t, "de"))
        .collect();
        assert!(!days.is_empty(), "no shown date");
        assert!(
            days.iter().all(|d| d.as_deref() == Some("2012-05-08")),
            "{days:?}"
        );
        // A sentence that happens to start with `by` and hold a year is none.
        assert!(
            shown("<html><body><h1>T</h1><p>by 2030 the plan ends</p></body></html>").is_empty()
        );
    }

    #[test]
    fn a_date_attribute_of_the_root_dates_the_page() {
        let of = |html: &str| {
            let mut doc = Document::default();
            collect(&Dom::from(html), &mut doc);
            doc.candidates
                .iter()
                .filter(|c| c.origin == Origin::DateAttribute)
                .map(|c| c.value.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            of(r#"<html newsdate="2022-02-24" lang="nl"><body><p>FOSDEM</p></body></html>"#),
            ["2022-02-24"]
        );
        assert_eq!(
            of(
                r#"<html><body><article data-published="2021-05-03T10:00:00Z"><p>x</p></article></body></html>"#
            ),
            ["2021-05-03T10:00:00Z"]
        );
        // Not a change's date, not free text.
        assert!(
            of(r#"<html data-updated="2022-02-24"><body data-date="soon"></body></html>"#)
                .is_empty()
        );
    }

    #[test]
    fn rdfa_dates_and_labelled_dates() {
        let page = |body: &str| {
            let dom = Dom::from(format!("<html><body>{body}</body></html>"));
            let mut doc = Document::default();
            collect(&dom, &mut doc);
            doc
        };
        let doc = page(
            r#"<div id="today"><div id="month">Feb.</div><div id="day">19</div><div id="year">2020</div></div><h1>Titre</h1><span property="dc:date" content="2019-02-08T00:00:00+01:00"></span><p>Texte.</p>"#,
        );
        assert_eq!(
            first(&doc, Field::Date),
            Some(("2019-02-08T00:00:00+01:00".to_string(), Origin::MetaTag))
        );
        let doc = page(
            "<h1>Reise- und Sicherheitshinweise</h1><span class=\"heading__meta\">\n      Stand - 12.11.2021<br/> (Unverändert gültig seit: 05.11.2021)</span><p>Text.</p>",
        );
        assert_eq!(
            first(&doc, Field::Date),
            Some((
                "Stand - 12.11.2021 (Unverändert gültig seit: 05.11.2021)".to_string(),
                Origin::ShownDate
            ))
        );
    }

    #[test]
    fn a_publishers_slogan_is_no_headline_and_hidden_dashes_part_words() {
        let html = r#"<html><head><title>Militares enviaram 88 questões ao TSE - Brasil 247</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsMediaOrganization","name":"Brasil 247","headline":"Bem-vindo ao Brasil 247. Jornalismo independente"}</script></head>
            <body><h1><span>Coronavirus und andere Zoonosen</span><span aria-hidden="true"> – </span><span>Wie Umweltzerstörung neue Epidemien begünstigt</span></h1></body></html>"#;
        let mut doc = Document::default();
        collect(&Dom::from(html), &mut doc);
        let titles: Vec<(&str, Origin)> = doc
            .candidates(Field::Title)
            .iter()
            .map(|c| (c.value.as_str(), c.origin))
            .collect();
        assert!(
            !titles.iter().any(|(t, _)| t.contains("Bem-vindo")),
            "{titles:?}"
        );
        assert!(
            titles.contains(&(
                "Coronavirus und andere Zoonosen Wie Umweltzerstörung neue Epidemien begünstigt",
                Origin::Headline
            )),
            "{titles:?}"
        );
    }

    /// The date candidates of a page.
    fn shown_dates_of(html: &str) -> Vec<String> {
        let mut doc = Document::default();
        collect(&Dom::from(html), &mut doc);
        doc.candidates(Field::Date)
            .iter()
            .map(|c| c.value.clone())
            .collect()
    }

    #[test]
    fn json_ld_as_pages_write_it() {
        // A raw tab and line break inside a string; a script without a type.
        let html = "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Alfa\tRomeo plant\nspäten Launch\",\"datePublished\":\"2022-02-02T11:14:00+01:00\"}</script>\
            <script>{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \"datePublished\": \"2022-01-28T06:00:00+01:00\"}</script></head><body></body></html>";
        let dates = shown_dates_of(html);
        assert_eq!(
            dates,
            ["2022-02-02T11:14:00+01:00", "2022-01-28T06:00:00+01:00"]
        );
    }

    #[test]
    fn a_headline_with_numbers_is_no_shown_date() {
        // Links of a news ticker before the article: numbers, no date.
        let html = "<html><body><ul><li><a href=/a>河南81家上市公司已复工75家</a></li><li><a href=/b>290人涉疫情犯罪被检察机关提起公诉</a></li><li><a href=/c>新红旗H7荣耀登场</a></li></ul>\
            <div class=h-title>武汉的声音</div><div class=h-info><span class=h-time> 2020-02-19 20:29:58</span></div><p>正文。</p>\
            <span class=ArticleTime><span>28.09.19</span><span>12:44</span></span></body></html>";
        let dates = shown_dates_of(html);
        // A date and a time each in an element of its own stay apart (not
        // `28.09.1912:44`).
        assert_eq!(dates[..2], ["2020-02-19 20:29:58", "28.09.19 12:44"]);
        assert!(!dates.iter().any(|d| d.contains("1912")), "{dates:?}");
    }

    #[test]
    fn a_byline_after_the_lede_dates_the_page_and_a_teaser_does_not() {
        let lede = "Der Verband bedauert, dass das Gespräch zwischen dem Minister und dem Ministerpräsidenten nicht dazu geführt hat, dass sich das Land von der Abstandsregel für Windkraftwerke verabschiedet. Einen Ausbau in den Staatsforsten als Alternative lehnen wir ab.";
        // The date under a lede set above the byline, named for a date.
        let html = format!(
            "<html><body><h1>Windkraft</h1><div class=teaser><p>{lede}</p></div>\
             <span class=\"date font-bold\">20.01.2022</span><p>{lede}</p><p>{lede}</p></body></html>"
        );
        assert_eq!(shown_dates_of(&html), ["20.01.2022"]);
        // A byline or meta line that holds the date among other words.
        let html = "<html><body><h1>Pandemie</h1><p class=byline__author>VON MORITZ GATHMANN am 21. April 2020</p><p>Text.</p></body></html>";
        assert_eq!(
            shown_dates_of(html),
            ["VON MORITZ GATHMANN am 21. April 2020"]
        );
        // A date set under its label in an element of its own.
        let html = format!(
            "<html><body><h1>AutoCAD</h1><p>{lede}</p><dl><dt>Datum</dt><dd>12.01.2017</dd><dt>Kategorie</dt><dd>2D</dd></dl><p>{lede}</p></body></html>"
        );
        assert_eq!(shown_dates_of(&html), ["12.01.2017"]);
        // After the first long paragraph, a related article's bare date is
        // none: the kicker above the headline dates the page.
        let html = format!(
            "<html><body><p class=subline>21. Jan 2022 // Dominik Ricker</p><h1>Perfekte Schnitte</h1>\
             <p>{lede}</p><h3>Das könnte Sie auch interessieren</h3><p class=upperCase>06. Aug 2020 // Tipps</p><p>{lede}</p></body></html>"
        );
        assert_eq!(shown_dates_of(&html), ["21. Jan 2022 // Dominik Ricker"]);
    }

    #[test]
    fn a_comments_or_a_related_posts_date_is_not_the_pages() {
        let html = "<html><body><article><h1>Folge 158</h1><p>Kurz.</p>\
            <div class=related-posts><article><h4>Entlöten</h4><time datetime=\"2009-04-11 18:06:36\">11. April 2009</time></article></div>\
            <ol class=comment-list><li><div class=comment-metadata><time datetime=\"2019-08-24T03:36:11+02:00\">24. August 2019</time></div></li></ol>\
            <p class=commentDate>21.01.2022</p></article></body></html>";
        assert!(
            shown_dates_of(html).is_empty(),
            "{:?}",
            shown_dates_of(html)
        );
        // A menu's entry is no date of the page; a meta line styled as a
        // list of pills (`nav meta`) and a `publication` line are.
        let html = "<html><body><ul class=menu><li class=menu-item><a href=/12m>12M – 12. Mai 2012</a></li></ul>\
            <h1>Blog</h1><div class=publication>jeudi 13 juin 2019</div><ul class=\"nav meta\"><li><a href=/t>13 Oct 2020 18:29</a></li></ul></body></html>";
        assert_eq!(
            shown_dates_of(html),
            [
                "jeudi 13 juin 2019",
                "13 Oct 2020 18:29",
                "13 Oct 2020 18:29"
            ]
        );
        // An opinion piece ("comment") is the article: its header holds the
        // headline, and its date.
        let html = "<html><body><div class=PageArticle_commentHeader><h1>Was sich ändert</h1>\
            <div class=PublishDate><span class=PublishDate_date>29. Januar 2019</span></div></div><p>Text.</p></body></html>";
        assert_eq!(shown_dates_of(html)[0], "29. Januar 2019");
    }

    #[test]
    fn an_embedded_posts_date_is_not_the_pages() {
        let html = "<html><body><article><h1>Neu</h1><p>Kurz.</p>\
            <blockquote class=instagram-media><p><a href=/p>Ein Beitrag</a> am \
            <time datetime=\"2018-03-27T07:08:52+00:00\">Mär 27, 2018</time></p></blockquote>\
            </article></body></html>";
        assert!(
            shown_dates_of(html).is_empty(),
            "{:?}",
            shown_dates_of(html)
        );
    }

    #[test]
    fn the_last_change_is_a_candidate_when_the_page_shows_no_date() {
        let updated = |html: &str| {
            let mut doc = Document::default();
            collect(&Dom::from(html), &mut doc);
            doc.candidates(Field::Date)
                .iter()
                .map(|c| (c.value.clone(), c.origin))
                .collect::<Vec<_>>()
        };
        for (line, want) in [
            (
                "Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.",
                "zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.",
            ),
            (
                "BeginnersGuide (last edited 2019-11-10 13:28:18 by Mats)",
                "(last edited 2019-11-10 13:28:18 by Mats)",
            ),
            (
                "Redaktion Outdoor · Letzte Änderung: 14.01.2022 um 09:25",
                "Letzte Änderung: 14.01.2022 um 09:25",
            ),
            (
                "© Les amis du vélo — Dernière mise à jour : 3 mars 2021",
                "Dernière mise à jour : 3 mars 2021",
            ),
        ] {
            let html = format!(
                "<html><body><h1>Stammtisch</h1><p>Wir treffen uns.</p><ul><li>{line}</li></ul></body></html>"
            );
            assert_eq!(updated(&html), [(want.to_string(), Origin::UpdatedDate)]);
        }
        // A page that shows its publication has no need of it.
        let html = "<html><body><h1>Stammtisch</h1><p>Veröffentlicht am 3.1.2020</p>\
            <p>Letzte Änderung: 14.01.2022</p></body></html>";
        assert!(
            updated(html).iter().all(|(_, o)| *o != Origin::UpdatedDate),
            "{:?}",
            updated(html)
        );
    }

    #[test]
    fn a_sidebars_archive_of_months_leaves_room_for_the_bylines_date() {
        // A blog's logo in the `<h1>`, its archive of months after it,
        // then the post's byline.
        let html = "<html><body><h1><a href=/>Blog</a></h1><ul class=archive>\
            <li><a href=/a>Mai 2014</a></li><li><a href=/b>April 2014</a></li><li><a href=/c>März 2014</a></li></ul>\
            <h2>Podcasts in Plex</h2><p class=date>Erstellt von Fabian am Dienstag 6. Mai 2014</p><p>Text.</p></body></html>";
        assert_eq!(
            shown_dates_of(html),
            ["Erstellt von Fabian am Dienstag 6. Mai 2014"]
        );
    }

    #[test]
    fn a_time_that_shows_another_day_in_words_gives_the_shown_one() {
        let html = "<html><body><article><h1>Grenades</h1><time datetime=\"2019-07-03T10:18:46Z\">Publié le 29 juin 2019</time><p>Text.</p></article></body></html>";
        assert_eq!(
            shown_dates_of(html).first().map(String::as_str),
            Some("Publié le 29 juin 2019")
        );
        // The same day in words keeps the machine's value.
        let html = "<html><body><article><h1>Grenades</h1><time datetime=\"2019-06-29\">29 juin 2019</time><p>Text.</p></article></body></html>";
        assert_eq!(
            shown_dates_of(html).first().map(String::as_str),
            Some("2019-06-29")
        );
    }

    #[test]
    fn a_time_outside_the_article_dates_a_page_that_shows_no_other() {
        // A list of the post's facts outside <article>: its <time> is the
        // last resort, a comment's <time> never.
        let html = "<html><body><h1>Chapter 1</h1><ol class=comments><li><time datetime=\"2021-01-02\">Jan 2</time></li></ol>\
            <ul class=list-inline><li><time datetime=\"2020-08-06T09:09:24Z\">5 years ago</time></li></ul><p>Text.</p></body></html>";
        assert_eq!(shown_dates_of(html), ["2020-08-06T09:09:24Z"]);
        // A date the page shows by its headline comes first and alone.
        let html = "<html><body><h1>Ann Cotten</h1><p>Erschienen am: 01.11.2023</p>\
            <ul><li><time datetime=\"2020-08-06\">then</time></li></ul></body></html>";
        assert_eq!(shown_dates_of(html), ["Erschienen am: 01.11.2023"]);
        // A labelled date after the text, when none stands by the headline;
        // a comment's label is a reader's.
        let prose = "Die Bundesregierung gedachte am Morgen der vielen Millionen Opfer der Verbrechen, die in den Jahren zuvor begangen worden waren, und legte im Anschluss an die Feier einen Kranz nieder.";
        let html = format!(
            "<html><body><h1>Gedenkstunde</h1><p>{prose} {prose}</p><p>{prose} {prose}</p><p>{prose}</p>\
             <div class=comment><p>Veröffentlicht am 02.02.2022</p></div><div class=text-meta><p class=updated>Stand 27.01.2022</p></div></body></html>"
        );
        assert_eq!(shown_dates_of(&html), ["Stand 27.01.2022"]);
    }

    #[test]
    fn a_labelled_date_under_the_post_in_a_sentence_of_its_own() {
        let prose = "The committee met in the morning to discuss the many proposals that had been sent in over the summer, and agreed to publish a report before the end of the year.";
        let page = |meta: &str| {
            format!(
                "<html><body><h1>Meeting</h1><p>{prose} {prose}</p><p>{prose}</p>\
                 <div class=postfoot><p>{meta}</p></div></body></html>"
            )
        };
        for meta in [
            // WordPress's line under a post: a weekday and a month between.
            "This entry was posted on Sunday, December 16th, 2012 at 7:05 pm and is filed under News.",
            // The verb after the date.
            "Dieser Artikel wurde am 14. Dezember 2015 um 14:48 von Thomas veröffentlicht.",
            "Dit bericht werd op 3 mei 2019 door Anna gepubliceerd.",
            "2002/06/22作成：中野雅之 2003/02/08改訂",
        ] {
            let got = shown_dates_of(&page(meta));
            assert!(got.len() == 1 && meta.ends_with(&got[0]), "{meta}: {got:?}");
        }
        // The label's date, not a modification's before it.
        let meta = "Letzte Änderung: 31.10.2023 - 14:49:39 Erschienen am: 01.11.2023 Lesungen: 61";
        assert_eq!(
            shown_dates_of(&page(meta)),
            ["Erschienen am: 01.11.2023 Lesungen: 61"]
        );
        // A footer that runs on past its dating sentence.
        let tags = (1..=8)
            .map(|i| format!("<a href=\"/tag/{i}\">Stichwort {i}</a>"))
            .collect::<Vec<_>>()
            .join(", ");
        let meta = format!(
            "Dieser Beitrag wurde am Samstag, 3. Dezember 2011 um 14:48 Uhr veröffentlicht und unter {tags} gespeichert."
        );
        assert_eq!(shown_dates_of(&page(&meta)).len(), 1, "{meta}");
        // A category line names no date of the page.
        for meta in [
            "Posted in News and Events, Archive",
            "Dieser Artikel wurde von Thomas veröffentlicht.",
        ] {
            assert!(shown_dates_of(&page(meta)).is_empty(), "{meta}");
        }
    }

    #[test]
    fn a_logo_in_an_h1_is_not_the_headline() {
        let dom = Dom::from(
            r#"<html><head><title>Headline : News : Site</title></head><body><h1><a href="/"><img alt="Site" src="logo.png"></a></h1><div><h1>The real headline</h1><p>Text.</p></div></body></html>"#,
        );
        let mut doc = Document::default();
        collect(&dom, &mut doc);
        assert_eq!(
            first(&doc, Field::Title),
            Some(("The real headline".to_string(), Origin::Headline))
        );
    }

    #[test]
    fn of_several_h1_the_one_the_title_names_is_the_headline() {
        let dom = Dom::from(
            r#"<html><head><title>Space ship breaks up over Siberia</title><meta property="og:title" content="News Site - Latest News"></head><body><header><h1>Space ship breaks up over Siberia</h1></header><article><p>Text.</p><h1>In this photo dated Tuesday the rocket is installed on a pad</h1></article></body></html>"#,
        );
        let mut doc = Document::default();
        collect(&dom, &mut doc);
        let headline: Vec<String> = doc
            .candidates(Field::Title)
            .iter()
            .filter(|c| c.origin == Origin::Headline)
            .map(|c| c.value.clone())
            .collect();
        assert_eq!(headline, ["Space ship breaks up over Siberia"]);
    }

    #[test]
    fn page_metadata_in_order_of_trust() {
        let html = r#"<html lang="es-ES"><head><title>Hackeo a Hacienda | Diario X</title>
            <meta property="og:title" content="Hackeo a Hacienda">
            <meta property="article:published_time" content="2022-04-19T08:00:00+02:00">
            <link rel="canonical" href="https://x.es/a/hackeo">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Diario X"},{"@type":"NewsArticle","headline":"Hackeo a Hacienda","datePublished":"2022-04-19"}]}</script>
            </head><body><nav><h1>Diario X</h1></nav><article><h1>Hackeo a Hacienda</h1><time datetime="2022-04-19">hoy</time></article></body></html>"#;
        let dom = Dom::from(html);
        let mut doc = Document::default();
        collect(&dom, &mut doc);
        assert_eq!(
            first(&doc, Field::Title),
            Some(("Hackeo a Hacienda".into(), Origin::JsonLd))
        );
        assert_eq!(
            first(&doc, Field::Date),
            Some(("2022-04-19".into(), Origin::JsonLd))
        );
        assert_eq!(
            first(&doc, Field::Url),
            Some(("https://x.es/a/hackeo".into(), Origin::MetaTag))
        );
        assert_eq!(
            first(&doc, Field::Language),
            Some(("es-ES".into(), Origin::HtmlLang))
        );
        // The website's name is not a title candidate; the article's h1 is.
        let titles: Vec<String> = doc
            .candidates(Field::Title)
            .iter()
            .map(|c| c.value.clone())
            .collect();
        assert!(!titles.contains(&"Diario X".to_string()), "{titles:?}");
        assert!(
            doc.candidates(Field::Title)
                .iter()
                .any(|c| c.origin == Origin::Headline)
        );
    }
}
