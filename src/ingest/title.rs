//! The title of a document, by one procedure over all the evidence.
//!
//! 1. Every candidate is made plain text: markdown marks and link syntax
//!    go, whitespace and control characters go, a site's name after a
//!    separator goes (`Headline | Site`), and it is cut to
//!    [`MAX_CHARS`] at a word boundary.
//! 2. Candidates that are not titles are refused: empty or letterless
//!    text, extraction placeholders (`<missing-text>`), page chrome
//!    (`Home`, `Tweets`, `Always Enabled`, cookie words), masthead lines
//!    (`Distr.: General`), a numbered section heading (`I. Introducción`).
//! 3. The first acceptable one wins, in this order: the input's front
//!    matter; on a web page the headline (`<h1>`) when the page's metadata
//!    (JSON-LD, `og:title`, `<title>`) agrees with it, else that metadata,
//!    else the headline; the title the text itself gives (a UN masthead's
//!    title line, the leading headline, the first heading); the first
//!    sentence, cut at a word boundary.

use std::sync::LazyLock;

use regex::Regex;

use super::model::{Block, Document, Field, Origin};
use super::text::{MD_LINK_TARGET, is_unspaced, visible_len};

/// Longest title kept, in characters: a stated title is never shortened
/// below this; a longer one (a 72 KB `<title>`) is not a title anyone wrote.
pub const MAX_CHARS: usize = 500;

/// The document's title, or `None` when nothing in it is one.
pub fn decide(doc: &Document) -> Option<String> {
    let cands = doc.candidates(Field::Title);
    // A page's metadata or a file's properties holding a URL slug
    // (`og:title` = `adac-kindersitztest-herbst-2018`) state no title: the
    // CMS filled the field with the address. An author's front matter may.
    // A file's path (`httpd-2.2.31.tar.gz: .../invoking.html.ru.koi8-r`)
    // is no title either. In a page's titles underscores are separators
    // (`…的决议__2007年第23号国务院公报_中国政府网`), not markdown.
    let of = |o: Origin| -> Vec<String> {
        cands
            .iter()
            .filter(|c| c.origin == o)
            .filter_map(|c| {
                if matches!(o, Origin::TitleElement | Origin::MetaTag | Origin::JsonLd) {
                    plain(&underscores_as_separators(&c.value))
                } else {
                    plain(&c.value)
                }
            })
            .filter(|t| o == Origin::FrontMatter || !is_slug(t) && !is_path(t))
            .collect()
    };
    if let Some(t) = of(Origin::FrontMatter).into_iter().find(|t| acceptable(t)) {
        return Some(t);
    }
    // A web page: its metadata titles, the site's name taken off.
    let site_titles: Vec<String> = [Origin::JsonLd, Origin::MetaTag, Origin::TitleElement]
        .into_iter()
        .flat_map(of)
        .collect();
    // The page's visible headline names it, unless it is only the site's
    // name (the short part of `Headline | Site`).
    let headline = of(Origin::Headline)
        .into_iter()
        .find(|t| acceptable(t) && !is_site_name(t, &site_titles));
    // The article's JSON-LD title stated word for word by a `<meta>` title
    // too is the headline whole: its separators are its own (`Minecraft
    // 1.8 - The Bountiful Update`), not a site's name after it.
    let meta_titles = of(Origin::MetaTag);
    let stated_twice =
        |o: Origin, t: &str| o == Origin::JsonLd && meta_titles.iter().any(|m| m == t);
    let stripped = |o: Origin| -> Vec<(String, bool)> {
        of(o)
            .iter()
            .map(|t| {
                if stated_twice(o, t) {
                    return (t.clone(), false);
                }
                let s = without_site_name(t, headline.as_deref(), &site_titles);
                let cut = s != *t;
                (s, cut)
            })
            .filter(|(t, _)| acceptable(t))
            .collect()
    };
    let explicit: Vec<(String, bool)> = [Origin::JsonLd, Origin::MetaTag]
        .into_iter()
        .flat_map(stripped)
        .collect();
    let element = stripped(Origin::TitleElement);
    // The headline when the page's metadata agrees with it (it is the
    // fuller form, without the site's name); else the article's own
    // metadata title; else the `<title>` when a site's name was cut from
    // it (a `<title>` with no separator may be the site's name alone);
    // else the headline.
    // Agreeing means covering most of it: an `<h1>` that is only the
    // outlet's name inside a long metadata title (`[주간 뉴스타파] …` and
    // `뉴스타파`) is a logo, not the headline.
    if let Some(h) = &headline
        && explicit
            .iter()
            .chain(&element)
            .any(|(t, _)| similar(t, h) && visible_len(h) * 2 >= visible_len(t))
    {
        return headline;
    }
    if let Some((t, _)) = explicit.into_iter().next() {
        return Some(t);
    }
    if let Some((t, _)) = element.iter().find(|(_, cut)| *cut || headline.is_none()) {
        return Some(t.clone());
    }
    // A `<title>` with no site's name to cut, of three words or more, and
    // a headline that shares no word with it: the `<h1>` is a section's
    // banner (`Allergies Health Center`, `About This Site`), not this
    // page's name.
    if let Some(h) = &headline
        && let Some((t, _)) = element.first()
        && !shares_a_word(t, h)
        && word_count(t) >= 3
    {
        return Some(t.clone());
    }
    let stated = doc
        .title
        .as_deref()
        .and_then(plain)
        .filter(|t| acceptable(t))
        .map(|t| fuller_in_masthead(&t, &doc.front).unwrap_or(t));
    if let Some(h) = headline {
        // The text's own title that goes on from the headline is the
        // fuller form: a budget fascicle's cover sets its first line
        // (`Proposed programme budget for 2027`) largest, its masthead
        // adds the part and the section.
        return Some(match stated {
            Some(t) if t.len() > h.len() && t.starts_with(&h) => t,
            _ => h,
        });
    }
    if let Some(t) = stated {
        return Some(t);
    }
    // The file's own properties (a PDF's Info title, a Word file's core
    // title), when the text names itself nowhere.
    if let Some(t) = of(Origin::DocInfo).into_iter().find(|t| acceptable(t)) {
        return Some(t);
    }
    // The text's own title was refused (a section heading, chrome): the
    // first heading or the first sentence that is a title.
    for b in &doc.blocks {
        if let Block::Heading { text, .. } = b
            && let Some(t) = plain(text).filter(|t| acceptable(t))
        {
            return Some(t);
        }
    }
    doc.blocks.iter().find_map(|b| match b {
        Block::Para { text, .. } => first_sentence(text).filter(|t| acceptable(t)),
        _ => None,
    })
}

/// A title line cut short (`Scale of assessments for the apportionment of
/// the expenses of the`: it ends with a word that never ends a title)
/// made whole by the masthead, whose agenda item states the same words
/// and goes on (`… of the United Nations`): the fuller form, to the end of
/// the masthead's line.
fn fuller_in_masthead(title: &str, front: &str) -> Option<String> {
    if front.is_empty() || !super::resolution_title::ends_open(title) {
        return None;
    }
    front.lines().find_map(|line| {
        let at = line.find(title)?;
        let rest = line[at + title.len()..].trim_end();
        // The line goes on with words (not a date or a symbol).
        rest.starts_with(' ')
            .then(|| format!("{title}{rest}"))
            .filter(|t| t.split_whitespace().count() > title.split_whitespace().count())
    })
}

/// Plain text of a title candidate: markdown marks, link syntax, footnote
/// markers, control characters and runs of whitespace gone; cut to
/// [`MAX_CHARS`] at a word boundary.
pub fn plain(s: &str) -> Option<String> {
    plain_max(s, MAX_CHARS)
}

/// [`plain`] with its own bound on length.
fn plain_max(s: &str, max: usize) -> Option<String> {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"!?\[([^\]]*)\]\({MD_LINK_TARGET}\)")).unwrap());
    static MARKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\*\*|__|(^|\s)[*_]|[*_](\s|$)|`|^#+\s+|\\([\\`*_{}\[\]()#+\-.!|<>])").unwrap()
    });
    let s: String = s.chars().take(4 * max).collect();
    let s = LINK.replace_all(&s, "$1");
    let s = MARKS.replace_all(&s, "$1$2$3");
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{E000}' || c == '\u{E001}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ':' | '·' | '•')
    });
    if s.is_empty() {
        return None;
    }
    Some(cut(s, max))
}

/// `s` cut to at most `max` characters, at a word boundary where the
/// script has words, with an ellipsis when anything was cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let unspaced = head.chars().filter(|&c| is_unspaced(c)).count() * 2 > head.chars().count();
    let kept = if unspaced {
        head.as_str()
    } else {
        match head.rfind(' ') {
            Some(i) if i > max / 2 => &head[..i],
            _ => head.as_str(),
        }
    };
    format!("{}…", kept.trim_end_matches([',', ';', ':', ' ', '-', '–']))
}

/// The first sentence of a paragraph, when it is short enough to name the
/// document (cut at a word boundary otherwise).
fn first_sentence(text: &str) -> Option<String> {
    let p = plain(&text.chars().take(4 * MAX_CHARS).collect::<String>())?;
    let end = p
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?')
                    && p[i + c.len_utf8()..].starts_with(' ')
                    // `No. 5`, `U.S. Army`, `e.g. this`: not a sentence end.
                    && p[..i].rsplit(' ').next().is_some_and(|w| w.chars().count() > 3))
        })
        .map_or(p.len(), |(i, c)| i + c.len_utf8());
    Some(cut(p[..end].trim_end_matches(['.', '。']), 120))
}

/// Whether a plain candidate can be a title.
/// A URL slug: lower-case words and numbers joined by `-` or `_`, three
/// parts or more, no space (`adac-kindersitztest-herbst-2018`,
/// `pierogi_z_dynia`). A hyphenated title word (`e-mail`) has two parts.
fn is_slug(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['-', '_']).collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_numeric() || c.is_lowercase()))
        && parts
            .iter()
            .filter(|p| p.chars().any(char::is_alphabetic))
            .count()
            >= 2
}

/// A file's path or name as a title: few words, one of them a path
/// (`.../invoking.html`, `docs/a.pdf`, `../x`).
fn is_path(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() <= 4
        && words.iter().any(|w| {
            w.starts_with("../")
                || w.starts_with(".../")
                || w.starts_with("./")
                || w.rsplit_once('/').is_some_and(|(dir, file)| {
                    !dir.is_empty()
                        && file.rsplit_once('.').is_some_and(|(stem, ext)| {
                            !stem.is_empty()
                                && (2..=5).contains(&ext.len())
                                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                                && ext.chars().any(|c| c.is_ascii_alphabetic())
                        })
                })
        })
}

/// Runs of two underscores or more made a separator (` – `); one alone
/// may join a title's own parts (`新竹尖石_美樹營地賞楓`), and a site's name
/// after it is cut as any other.
fn underscores_as_separators(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains('_') {
        return t.into();
    }
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '_' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == '_' {
            i += 1;
        }
        if i - start >= 2 {
            // A separator `plain` keeps (it takes `_` by a space for markup).
            out.push_str(" – ");
        } else {
            out.extend(&chars[start..i]);
        }
    }
    out.into()
}

pub fn acceptable(t: &str) -> bool {
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:<[^>]*>|\[[^\]]*\]|\(cid:\d+\)|untitled(?: document)?|no title|sans titre|sin título|ohne titel|document\d*|page \d+(?: of \d+)?|\d+)$").unwrap()
    });
    static SECTION: LazyLock<Regex> = LazyLock::new(|| {
        // `I. Introducción`, `1. Introduction`, `A. Background`, `一、导言`.
        Regex::new(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[A-H]|[一二三四五六七八九十]{1,3})[.、．)]\s*\S").unwrap()
    });
    static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bDistr\.|\bOriginal\s*:|\bGeneral\s+Assembly\s+Distr|\bDistr\.\s*:?\s*(?:General|Limited|Restricted)").unwrap()
    });
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || visible_len(t) < 3 && !t.chars().any(is_unspaced) {
        return false;
    }
    if PLACEHOLDER.is_match(t)
        || SECTION.is_match(t)
        || MASTHEAD.is_match(t)
        || super::text::is_un_head(t)
    {
        return false;
    }
    // A strip of items (`KENYA | LESOTHO | LIBERIA`, `Home • News • Contact`);
    // a `»` that closes a `«` quotes (`«Vape Wave», «6 Days»`).
    // A separator stands between spaces, or is a pipe: `불발···` is an
    // ellipsis, `马丁·路德·金` a name.
    let closing_quotes = t.matches('»').count().min(t.matches('«').count());
    let chars: Vec<char> = t.chars().collect();
    let separators = (0..chars.len())
        .filter(|&i| {
            chars[i] == '|'
                || matches!(chars[i], '•' | '·' | '»')
                    && (i == 0 || chars[i - 1].is_whitespace())
                    && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
        })
        .count();
    if separators.saturating_sub(closing_quotes) >= 2 && !has_dated_item(t) {
        return false;
    }
    if super::text::is_adoption_statement(t) {
        return false;
    }
    !is_chrome_title(t)
}

/// Whether one of the items of a strip (`Radio | Uutisviikko selkosuomeksi
/// | lauantai 9.3.2024`) is a date: a programme's or a bulletin's dated
/// title line, where a menu or a list of places names no day.
fn has_dated_item(t: &str) -> bool {
    t.split(['|', '•', '·', '»']).any(|item| {
        let item = item.trim();
        let letters = item.chars().filter(|c| c.is_alphabetic()).count();
        letters <= 24 && super::metadata::find_date(item, "").is_some()
    })
}

/// Words that title a page's furniture, not a document: navigation,
/// cookie and consent banners, social widgets, in the languages of the
/// corpus.
fn is_chrome_title(t: &str) -> bool {
    const CHROME: &[&str] = &[
        // en
        "home",
        "homepage",
        "menu",
        "main menu",
        "navigation",
        "search",
        "search results",
        "skip to content",
        "skip to main content",
        "information",
        "info",
        "tweets",
        "tweet",
        "share",
        "share this",
        "follow us",
        "related",
        "related articles",
        "related posts",
        "recent posts",
        "latest news",
        "news",
        "more",
        "read more",
        "contact",
        "contact us",
        "about",
        "about us",
        "sitemap",
        "site map",
        "login",
        "log in",
        "sign in",
        "sign up",
        "subscribe",
        "newsletter",
        "cookies",
        "cookie policy",
        "cookie settings",
        "privacy",
        "privacy policy",
        "privacy overview",
        "always enabled",
        "necessary",
        "accept",
        "accept all",
        "manage consent",
        "terms of use",
        "copyright",
        "advertisement",
        "comments",
        "leave a reply",
        "loading",
        "loading...",
        "javascript is disabled",
        "page not found",
        "404",
        "error",
        "access denied",
        "welcome",
        "index",
        "table of contents",
        "contents",
        "summary",
        "abstract",
        "introduction",
        "annex",
        "print",
        "back to top",
        "top",
        "close",
        "open menu",
        "toggle navigation",
        "breadcrumb",
        "tags",
        "categories",
        "archives",
        "blog",
        "facebook",
        "twitter",
        "linkedin",
        "instagram",
        "youtube",
        // genre labels above a headline (a kicker), in several languages
        "press release",
        "news release",
        "media release",
        "press statement",
        "statement",
        "communiqué de presse",
        "nota de prensa",
        "comunicado de prensa",
        "pressemitteilung",
        "nota à imprensa",
        "comunicado à imprensa",
        "persbericht",
        "пресс-релиз",
        "بيان صحفي",
        "新闻稿",
        "新闻公报",
        "プレスリリース",
        "thông cáo báo chí",
        "siaran pers",
        "breaking news",
        // de, fr, es, pt, it, nl
        "startseite",
        "inhalt",
        "inhaltsverzeichnis",
        "suche",
        "nach oben",
        "impressum",
        "datenschutz",
        "kontakt",
        "accueil",
        "rechercher",
        "sommaire",
        "plan du site",
        "mentions légales",
        "inicio",
        "buscar",
        "contenido",
        "índice",
        "resumen",
        "contacto",
        "información",
        "informacion",
        "página inicial",
        "pesquisar",
        "conteúdo",
        "sumário",
        "resumo",
        "contato",
        "home page",
        "zoeken",
        "inhoud",
        "cerca",
        "sommario",
        // ru, ar, zh, ja, vi, id
        "главная",
        "поиск",
        "содержание",
        "резюме",
        "меню",
        "الرئيسية",
        "بحث",
        "المحتويات",
        "موجز",
        "首页",
        "主页",
        "搜索",
        "目录",
        "摘要",
        "导航",
        "ホーム",
        "検索",
        "目次",
        "trang chủ",
        "tìm kiếm",
        "mục lục",
        "tóm tắt",
        "beranda",
        "cari",
        "daftar isi",
        "ringkasan",
        // a site's news section, as its label above the headline
        "actualités",
        "aktuelles",
        "nachrichten",
        "noticias",
        "notícias",
        "notizie",
        "nieuws",
        "новости",
        "berita",
        "haberler",
        "wiadomości",
        "logo",
    ];
    let low = t.to_lowercase();
    let low = low.trim_matches(|c: char| !c.is_alphanumeric());
    // A site's logo, as its image's text (`Logo`, `Logo Network`).
    let logo = low.split_whitespace().next() == Some("logo") && low.split_whitespace().count() <= 3;
    CHROME.contains(&low) || logo || is_only_a_date(t)
}

/// A line that only states a day (`giovedì 24 marzo 2022`, `March 3,
/// 2025`): a page's date line, never its title. A date inside a title
/// (`Communiqué of 21 November 2002`) leaves more words.
fn is_only_a_date(t: &str) -> bool {
    let Some((at, _)) = super::metadata::find_date_at(t, "") else {
        return false;
    };
    let words = t.split_whitespace().count();
    let before = t[..at.min(t.len())].split_whitespace().count();
    words <= 5 && before <= 1 && t.chars().filter(|c| c.is_alphabetic()).count() <= 24
}

/// What joins a page's title to its site's name (`Headline | Site`).
const SEPS: &[&str] = &[
    " | ", " – ", " — ", " - ", " :: ", " · ", " » ", " « ", " • ", " / ", " ｜ ", "｜", " _ ",
    // A Hangul vowel standing alone, a CJK stroke: pipes of Korean and
    // Chinese sites (`…-정치ㅣ한국일보`), never part of a word.
    "ㅣ", "丨",
];

/// `Headline | Site name` → `Headline`. The part kept is the one the
/// page's headline or other titles share, else the longest — the first
/// when it is about as long: a page names itself before its site (`Magic
/// Cleaning | sheego Magazin`), while a site that puts its name first
/// mostly has the shorter name (`Equipo Nizkor - Comunicado sobre el
/// ciberataque`).
fn without_site_name(t: &str, headline: Option<&str>, others: &[String]) -> String {
    let Some(sep) = SEPS.iter().find(|s| t.contains(**s)) else {
        return without_unspaced_site_name(t);
    };
    let parts: Vec<&str> = t
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return t.to_string();
    }
    if let Some(h) = headline {
        if similar(t, h) && visible_len(h) >= visible_len(t) * 3 / 4 {
            return t.to_string();
        }
        if let Some(p) = parts.iter().find(|p| similar(p, h)) {
            return p.to_string();
        }
    }
    // A title another of the page's titles holds whole, followed by
    // another separator (`og:title` `A – B – C`, `<title>` `A – B – C |
    // Blog`): its own separators are no site's.
    if others.iter().any(|o| {
        o.strip_prefix(t)
            .is_some_and(|rest| SEPS.iter().any(|s| *s != *sep && rest.starts_with(s)))
    }) {
        return t.to_string();
    }
    // A part that recurs in another title of the page is the title; one
    // that is only the site's name appears in no other.
    if let Some(p) = parts.iter().find(|p| {
        others
            .iter()
            .any(|o| o != t && similar(o, p) && visible_len(p) > 10)
    }) {
        return p.to_string();
    }
    let longest = parts.iter().map(|p| visible_len(p)).max().unwrap_or(0);
    if visible_len(parts[0]) * 4 >= longest * 3 {
        return parts[0].to_string();
    }
    parts
        .iter()
        .max_by_key(|p| visible_len(p))
        .map_or_else(|| t.to_string(), |p| p.to_string())
}

/// Titles in scripts without spaces join the site's name with a bare
/// `-`, `_` or `|` (`标题_科技_腾讯网`, `标题-新华网`): the first part, when it
/// is the long one and the others are short.
fn without_unspaced_site_name(t: &str) -> String {
    let unspaced = t.chars().filter(|&c| is_unspaced(c)).count();
    if unspaced * 2 < t.chars().count() {
        return t.to_string();
    }
    let parts: Vec<&str> = t.split(['-', '_', '|', '｜', '—']).map(str::trim).collect();
    if parts.len() < 2 {
        return t.to_string();
    }
    let first = visible_len(parts[0]);
    let rest_short = parts[1..].iter().all(|p| visible_len(p) <= 12);
    if first >= 6 && rest_short && parts[1..].iter().all(|p| visible_len(p) < first) {
        parts[0].to_string()
    } else {
        t.to_string()
    }
}

/// Whether `h` is the site's name: a part of a metadata title split at a
/// separator, next to a longer part that says something else.
fn is_site_name(h: &str, titles: &[String]) -> bool {
    titles.iter().any(|t| {
        SEPS.iter().any(|sep| {
            let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
            // The part the headline is: a site's name stands after the
            // headline (`Headline | Site`), or before it when it is much
            // the shorter (`Site | A longer headline`); a first part about
            // as long as the rest is the headline itself.
            let Some(at) = parts.iter().position(|p| similar(p, h) && similar(h, p)) else {
                return false;
            };
            let longest_other = parts
                .iter()
                .filter(|p| !similar(p, h))
                .map(|p| visible_len(p))
                .max()
                .unwrap_or(0);
            parts.len() >= 2
                && longest_other > visible_len(h)
                && (at > 0 || visible_len(h) * 2 < longest_other)
        })
    })
}

/// Whether two titles say the same: most of the shorter one's words (or
/// characters, in unspaced scripts) are in the longer one.
/// Whether two titles have a content word (a character, in an unspaced
/// script) in common, ignoring case: words of three letters or fewer
/// (`and`, `of`, `die`) say nothing.
fn shares_a_word(a: &str, b: &str) -> bool {
    let content = |s: &str| -> Vec<String> {
        title_words(s)
            .into_iter()
            .filter(|w| w.chars().count() > 3 || w.chars().any(is_unspaced))
            .collect()
    };
    let (wa, wb) = (content(a), content(b));
    wa.iter().any(|w| wb.contains(w))
}

/// Words of a title (characters of an unspaced script count one each).
fn word_count(t: &str) -> usize {
    title_words(t).len()
}

fn title_words(s: &str) -> Vec<String> {
    let low = s.to_lowercase();
    if low.chars().filter(|&c| is_unspaced(c)).count() * 2 > low.chars().count() {
        low.chars()
            .filter(|c| c.is_alphanumeric())
            .map(String::from)
            .collect()
    } else {
        low.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }
}

pub fn similar(a: &str, b: &str) -> bool {
    let (wa, wb) = (title_words(a), title_words(b));
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if short.is_empty() {
        return false;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    shared * 10 >= short.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::model::Candidate;

    fn doc(cands: &[(Origin, &str)], title: Option<&str>, blocks: Vec<Block>) -> Document {
        Document {
            title: title.map(str::to_string),
            blocks,
            candidates: cands
                .iter()
                .map(|(o, v)| Candidate {
                    field: Field::Title,
                    value: v.to_string(),
                    origin: *o,
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn the_texts_title_that_goes_on_from_the_headline_is_the_fuller_one() {
        let fascicle = "Proposed programme budget for 2027, Part IV, International cooperation for development, Section 10, Least developed countries";
        let d = doc(
            &[(Origin::Headline, "Proposed programme budget for 2027")],
            Some(fascicle),
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some(fascicle));
        // A text's title that is another phrase does not displace it.
        let d = doc(
            &[(Origin::Headline, "Proposed programme budget for 2027")],
            Some("Programme planning"),
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("Proposed programme budget for 2027")
        );
    }

    #[test]
    fn an_outlet_name_inside_the_metadata_title_is_no_headline() {
        // The h1 is the outlet's logo; its name is also in the article's
        // kicker, so the two "agree" word for word, but it covers little.
        let d = doc(
            &[
                (
                    Origin::MetaTag,
                    "[주간 뉴스타파] 부모를 빼앗긴 아기들, 해외 입양 비즈니스의 그늘",
                ),
                (Origin::Headline, "뉴스타파"),
            ],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("[주간 뉴스타파] 부모를 빼앗긴 아기들, 해외 입양 비즈니스의 그늘")
        );
    }

    #[test]
    fn a_section_banner_in_h1_yields_to_the_pages_title() {
        let page = |title: &str, h1: &str| {
            doc(
                &[(Origin::TitleElement, title), (Origin::Headline, h1)],
                None,
                vec![],
            )
        };
        // The `<h1>` names the site's section; the `<title>` the article.
        assert_eq!(
            decide(&page(
                "Superbugs: What They Are and How You Get Them",
                "Information and Resources"
            ))
            .as_deref(),
            Some("Superbugs: What They Are and How You Get Them")
        );
        // A two-word `<title>` may be the site's name alone: the headline.
        assert_eq!(
            decide(&page("Daily Planet", "Mayor opens the new bridge")).as_deref(),
            Some("Mayor opens the new bridge")
        );
        // A headline that shares a word with the `<title>` stays.
        assert_eq!(
            decide(&page(
                "Council budget approved after long debate",
                "Budget approved"
            ))
            .as_deref(),
            Some("Budget approved")
        );
    }

    #[test]
    fn a_headline_before_a_longer_site_name_is_the_headline() {
        let t =
            "ORSO MARSICANO: 2019 UN ANNO DA RECORD | Parco Nazionale d'Abruzzo, Lazio e Molise";
        let d = doc(
            &[
                (Origin::MetaTag, t),
                (Origin::Headline, "ORSO MARSICANO: 2019 UN ANNO DA RECORD"),
                (Origin::TitleElement, t),
            ],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("ORSO MARSICANO: 2019 UN ANNO DA RECORD")
        );
        // An `<h1>` that is the site's name, after the headline or much
        // shorter before it, is not the headline.
        for t in [
            "Mayor opens the new bridge | Daily Planet News",
            "Planet | Mayor opens the new bridge over the river",
        ] {
            let h = if t.starts_with("Mayor") {
                "Daily Planet News"
            } else {
                "Planet"
            };
            let d = doc(
                &[(Origin::TitleElement, t), (Origin::Headline, h)],
                None,
                vec![],
            );
            assert!(decide(&d).is_some_and(|x| x.starts_with("Mayor")), "{t}");
        }
    }

    #[test]
    fn a_slug_in_the_metadata_is_no_title() {
        let d = doc(
            &[
                (Origin::MetaTag, "adac-kindersitztest-herbst-2018"),
                (
                    Origin::Headline,
                    "18 Kindersitze im Test: Vier Modelle fallen durch",
                ),
            ],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("18 Kindersitze im Test: Vier Modelle fallen durch")
        );
        // Words with a hyphen or two are a title; so is an author's slug.
        assert!(!is_slug("e-mail"));
        assert!(!is_slug("Covid-19 in Wuhan"));
        assert!(!is_slug("2020-01-03"));
        let fm = doc(&[(Origin::FrontMatter, "my-first-post")], None, vec![]);
        assert_eq!(decide(&fm).as_deref(), Some("my-first-post"));
    }

    #[test]
    fn a_sites_logo_section_label_or_date_line_is_no_title() {
        for t in [
            "Logo",
            "Logo Network",
            "Actualités",
            "Nachrichten",
            "giovedì 24 marzo 2022",
            "Monday, 3 March 2025",
            "2025年3月3日 星期一",
        ] {
            assert!(!acceptable(t), "{t}");
        }
        for t in [
            "Logos and brands in court",
            "Communiqué of the twenty-third meeting of the Conference, 21 November 2002",
            "Actualités du Conseil de sécurité en mars",
        ] {
            assert!(acceptable(t), "{t}");
        }
    }

    #[test]
    fn a_files_path_is_no_title_and_separators_of_asian_sites_are_known() {
        let d = doc(
            &[
                (
                    Origin::TitleElement,
                    "httpd-2.2.31.tar.gz: .../invoking.html.ru.koi8-r",
                ),
                (Origin::Headline, "Запуск Apache"),
            ],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Запуск Apache"));
        assert!(!is_path("AC/DC live in Berlin"));
        assert!(!is_path("Covid-19: 1.5 million cases"));
        // A double underscore before an issue label, one before the site.
        let d = doc(
            &[(
                Origin::TitleElement,
                "全国人民代表大会常务委员会关于批准财政部发行特别国债的决议__2007年第23号国务院公报_中国政府网",
            )],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("全国人民代表大会常务委员会关于批准财政部发行特别国债的决议")
        );
        // A Hangul vowel as a pipe; an ellipsis of middle dots is no strip
        // of menu items.
        let d = doc(
            &[(
                Origin::MetaTag,
                "민주당 '선호투표제' 도입 또다시 불발··· 친청계 \"당규 개정 왜 밀어붙이나\"-정치ㅣ한국일보",
            )],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("민주당 '선호투표제' 도입 또다시 불발··· 친청계 \"당규 개정 왜 밀어붙이나\"-정치")
        );
        assert!(!acceptable("Home · News · Contact"));
        assert!(!acceptable("KENYA | LESOTHO | LIBERIA"));
        // A dated title line is no menu.
        assert!(acceptable(
            "Radio | Uutisviikko selkosuomeksi | lauantai 9.3.2024"
        ));
        assert!(!acceptable("Home | News | 2024 | Contact"));
        assert!(acceptable("马丁·路德·金的梦想"));
    }

    #[test]
    fn front_matter_wins() {
        let d = doc(
            &[
                (Origin::FrontMatter, "**Annual** report"),
                (Origin::Headline, "Other"),
            ],
            Some("x"),
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Annual report"));
    }

    #[test]
    fn a_page_names_itself_before_its_site() {
        // Two parts about as long: the first is the page's.
        let d = doc(
            &[(Origin::TitleElement, "Magic Cleaning | sheego ♥ Magazin")],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Magic Cleaning"));
        // The metadata title is the `<title>` without the blog's name: its
        // own dashes are no separators; the `<h1>` is the blog's name.
        let d = doc(
            &[
                (Origin::MetaTag, "Office 365 – HBDI – die Dritte"),
                (
                    Origin::TitleElement,
                    "Office 365 – HBDI – die Dritte | Damian Duchamps' Blog",
                ),
                (Origin::Headline, "Damian Duchamps' Blog"),
            ],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("Office 365 – HBDI – die Dritte")
        );
    }

    #[test]
    fn a_headline_stated_alike_in_json_ld_and_meta_keeps_its_separators() {
        let whole = "Minecraft 1.8 - The Bountiful Update";
        let d = doc(
            &[
                (Origin::JsonLd, whole),
                (Origin::MetaTag, whole),
                (
                    Origin::TitleElement,
                    "Minecraft 1.8 - The Bountiful Update - Minecraft 1.8 - The Bountiful Update - Minecraft Update News",
                ),
                (Origin::Headline, "Minecraft News"),
            ],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some(whole));
        // Stated once, a site's name after a separator still goes.
        let d = doc(
            &[
                (
                    Origin::MetaTag,
                    "Ransomware hits hospitals | The Daily Site",
                ),
                (Origin::JsonLd, "Ransomware hits hospitals"),
            ],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Ransomware hits hospitals"));
    }

    #[test]
    fn web_page_headline_and_site_name() {
        let d = doc(
            &[
                (
                    Origin::TitleElement,
                    "Ransomware hits hospitals | The Daily Site",
                ),
                (
                    Origin::Headline,
                    "Ransomware hits hospitals across the region",
                ),
            ],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("Ransomware hits hospitals across the region")
        );
        let d = doc(
            &[(
                Origin::TitleElement,
                "Equipo Nizkor - Comunicado sobre el ciberataque",
            )],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("Comunicado sobre el ciberataque")
        );
        // The headline differs from the page's title: the title without
        // the site's name (a headline that disagrees is often the name of
        // a section or a blog).
        let d = doc(
            &[
                (
                    Origin::TitleElement,
                    "Babies who eat peanuts early may avoid allergy - WebMD",
                ),
                (Origin::Headline, "Allergies Health Center"),
            ],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("Babies who eat peanuts early may avoid allergy")
        );
        // A <title> without a separator may be the site's name alone.
        let d = doc(
            &[
                (Origin::TitleElement, "Example News"),
                (Origin::Headline, "Countries agree to share data"),
            ],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Countries agree to share data"));
        // The site's name as the page's one h1.
        let d = doc(
            &[
                (
                    Origin::TitleElement,
                    "Countries agree to share data | Example News",
                ),
                (Origin::Headline, "Example News"),
            ],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Countries agree to share data"));
        // Chrome as the only h1: the page's metadata title is used.
        let d = doc(
            &[
                (Origin::Headline, "Tweets"),
                (Origin::MetaTag, "Cyber week opens"),
            ],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Cyber week opens"));
    }

    #[test]
    fn site_names_after_a_bare_separator_in_unspaced_titles() {
        let d = doc(
            &[(
                Origin::TitleElement,
                "武汉的声音：有英勇的你，才有英雄的城！-新华网",
            )],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("武汉的声音：有英勇的你，才有英雄的城！")
        );
        let d = doc(
            &[(
                Origin::TitleElement,
                "DeepMind新电脑已可利用记忆自学_科技_腾讯网",
            )],
            None,
            vec![],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("DeepMind新电脑已可利用记忆自学")
        );
        // A Latin title keeps its hyphens.
        let d = doc(
            &[(Origin::TitleElement, "Anti-money-laundering rules")],
            None,
            vec![],
        );
        assert_eq!(decide(&d).as_deref(), Some("Anti-money-laundering rules"));
    }

    #[test]
    fn refused_titles() {
        for bad in [
            "Always Enabled",
            "Tweets",
            "Information",
            "<missing-text>",
            "I. Introducción",
            "2. Background",
            "General Assembly Distr.: General 5 December 2025",
            "12",
            "Startseite",
            "目录",
        ] {
            assert!(!acceptable(&plain(bad).unwrap_or_default()), "{bad}");
        }
        for good in [
            "Viet Nam",
            "网络犯罪",
            "Resolution 2341 (2017)",
            "Report of the Secretary-General",
            "5G networks",
        ] {
            assert!(acceptable(good), "{good}");
        }
    }

    #[test]
    fn section_heading_loses_to_the_text() {
        let d = doc(
            &[],
            Some("I. Introducción"),
            vec![
                Block::Heading {
                    level: 2,
                    text: "I. Introducción".into(),
                },
                Block::para(
                    "El presente informe examina la ciberdelincuencia en la región. Luego sigue.",
                ),
            ],
        );
        assert_eq!(
            decide(&d).as_deref(),
            Some("El presente informe examina la ciberdelincuencia en la región")
        );
    }

    #[test]
    fn a_title_line_cut_short_is_made_whole_by_the_masthead() {
        let front = "United Nations\nGeneral Assembly Distr.: General 15 October 2025\nEightieth session Agenda item 140 Scale of assessments for the apportionment of the expenses of the United Nations\nResolution adopted by the General Assembly on 14 October 2025";
        let cut = "Scale of assessments for the apportionment of the expenses of the";
        assert_eq!(
            fuller_in_masthead(cut, front).as_deref(),
            Some(
                "Scale of assessments for the apportionment of the expenses of the United Nations"
            )
        );
        // A title that ends as a title does is left as it is.
        assert_eq!(fuller_in_masthead("Scale of assessments", front), None);
    }

    #[test]
    fn a_link_whose_address_holds_parentheses_is_its_text() {
        assert_eq!(
            plain("[See the text](https://undocs.org/S/RES/2118(2013)) of the resolution")
                .as_deref(),
            Some("See the text of the resolution")
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let long = "word ".repeat(2 * MAX_CHARS / 5);
        let t = plain(&long).expect("title");
        assert!(
            t.chars().count() <= MAX_CHARS + 1 && t.ends_with("word…"),
            "{t}"
        );
        let t = plain(&"网络犯罪".repeat(MAX_CHARS / 2)).expect("title");
        assert_eq!(t.chars().count(), MAX_CHARS + 1);
        // 72 KB of title is cut, never carried.
        assert!(plain(&"x ".repeat(36_000)).is_some_and(|t| t.len() <= MAX_CHARS + 3));
    }

    #[test]
    fn guillemets_are_quotes_not_a_strip_of_items() {
        assert!(acceptable(
            "Screenshot : «Vape Wave», «6 Days», «Alphonse Président»…"
        ));
        assert!(!acceptable("Accueil » Culture » Cinéma"));
    }

    #[test]
    fn a_kicker_is_not_the_title() {
        let rec = crate::ingest::entities::Recognizer::builtin();
        let (doc, _) = crate::ingest::process_text(
            "PRESS RELEASE\nMINISTERS AGREE ON CYBER RULES\n\nThe ministers met in Geneva today and agreed on rules.\n",
            &rec,
        );
        assert_eq!(doc.title.as_deref(), Some("MINISTERS AGREE ON CYBER RULES"));
    }

    #[test]
    fn first_sentence_at_a_word_boundary() {
        let s = first_sentence("The U.S. delegation said that cooperation on electronic evidence must improve across all regions of the world quickly and fairly. More.").expect("s");
        assert!(s.starts_with("The U.S. delegation said"), "{s}");
        assert!(s.chars().count() <= 121 && s.ends_with("quickly…"), "{s}");
    }
}
