//! Structure: cleaned lines → title, masthead, headings, numbered
//! paragraphs, lettered items, lists and footnotes.
//!
//! The document teaches its own structure: its table of contents gives the
//! section titles (also when a title is glued to a paragraph number, as in
//! `亚美尼亚11.`), its paragraph numbers must run in sequence (which tells
//! a paragraph number from a footnote marker glued to it, `421.` = note 4 +
//! paragraph 21), its footnotes sit at the ends of pages and number on
//! from one page to the next.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::clean::{Cleaned, PAGE_BREAK, TABLE_MARK};
use super::entities::{EntityKind, Recognizer};
use super::text::{
    is_alnum, is_cjk_punct, is_comma, is_han, is_letter, is_stop, is_terminal, is_unspaced,
    visible_len,
};

use super::metadata::MASTHEAD;
pub use super::model::{Block, Document as Structured, FN_CLOSE, FN_OPEN, ParaNum, TocEntry};

static ENUM_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    // 一. / I. / A. ; Arabic ordinals written out: أولا - مقدمة
    Regex::new(
        r"^(?:([一二三四五六七八九十]{1,3}|[IVX]{1,5}|[A-H])[.、．]|(أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)\s*[-–])\s*(.*)$",
    )
    .unwrap()
});
/// Whether `t` starts as an [`ENUM_HEAD`] can: with a Chinese numeral, a
/// Roman one, a capital A…H or the first letter of an Arabic ordinal
/// (most lines are not tried).
fn may_open_enum_head(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | 'A'
                ..='H' | 'I' | 'V' | 'X' | 'أ' | 'ث' | 'ر' | 'خ' | 'س' | 'ت' | 'ع'
        )
    })
}

/// Parts of a document named by a word and a number, alone on a line.
static PART_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:Annex|Annexe|Anexo|Appendix|Appendice|Apéndice|Chapter|Chapitre|Capítulo|Part|Partie|Parte|Приложение|Глава|Часть|المرفق|الفصل|الجزء)(?:\s+(?:[IVXLC]+|\d{1,3}|[A-Z]))?|附件[一二三四五六七八九十]*|第[一二三四五六七八九十]+[章部分节]+)$",
    )
    .unwrap()
});
static PARA_ALONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,6})\.$").unwrap());
/// `1. Text`, `1.大会…` (Chinese, no space), `1 - نص` (Arabic).
static PARA_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})(?:\.|\s+-)\s*([^\d\s.].*)$").unwrap());
static GLUED_PARA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.*?\D)(\d{1,4})\.$").unwrap());
// The paragraph-number patterns, tried only on lines that can match them
// (a digit first or a digit and a full stop last; `\d` is any decimal
// digit, all of them `char::is_numeric`): on a long line a pattern that
// fails still reads all of it.

fn starts_numeric(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_numeric)
}

fn ends_numbered(t: &str) -> bool {
    t.strip_suffix('.')
        .and_then(|r| r.chars().next_back())
        .is_some_and(char::is_numeric)
}

fn para_alone(t: &str) -> Option<regex::Captures<'_>> {
    (starts_numeric(t) && t.ends_with('.'))
        .then(|| PARA_ALONE.captures(t))
        .flatten()
}

fn is_para_alone(t: &str) -> bool {
    starts_numeric(t) && t.ends_with('.') && PARA_ALONE.is_match(t)
}

fn para_text(t: &str) -> Option<regex::Captures<'_>> {
    starts_numeric(t).then(|| PARA_TEXT.captures(t)).flatten()
}

/// `305. 2018年9月，…`: a paragraph whose text opens with a number. Taken
/// only as the next number of the numbering (`2. 5 million` is no
/// paragraph 2 of a text that is at 14).
static PARA_DIGIT_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})\.\s+(\d.*)$").unwrap());

fn is_para_text(t: &str) -> bool {
    starts_numeric(t) && PARA_TEXT.is_match(t)
}

fn glued_para(t: &str) -> Option<regex::Captures<'_>> {
    ends_numbered(t).then(|| GLUED_PARA.captures(t)).flatten()
}

/// A paragraph number within a section, `10.1` (UN programme budget
/// fascicles, many reports): the section (`10`, `29A`), the number, then
/// the text if the line goes on.
static DECIMAL_PARA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}[A-Z]?)\.(\d{1,3})\.?(?:\s+(\S.*))?$").unwrap());

/// A paragraph number within a section that opens a line: `10.1` alone,
/// or before the paragraph's prose (`10.1 The Office…`): its first word
/// starts with a letter that is no lower case (`1.5 million`, `2.3 per
/// cent` go on a sentence). Returns (section, number, text after it).
pub fn decimal_para(t: &str) -> Option<(&str, u32, &str)> {
    if !starts_numeric(t) {
        return None;
    }
    let c = DECIMAL_PARA.captures(t)?;
    let n: u32 = c.get(2)?.as_str().parse().ok()?;
    let rest = c.get(3).map_or("", |m| m.as_str());
    let first = rest
        .trim_start_matches(['“', '"', '‘', '\'', '«', '('])
        .chars()
        .next();
    if !rest.is_empty() && !first.is_some_and(|c| is_letter(c) && !c.is_lowercase()) {
        return None;
    }
    Some((c.get(1)?.as_str(), n, rest))
}

/// Whether the text numbers its paragraphs within sections (`10.1`,
/// `10.2`, `10.3`): `need` numbers in sequence from a small one, each
/// opening a paragraph — not a short line standing alone, which is a
/// numbered heading (`10.1 Objective`).
fn decimal_numbered(lines: &[String], need: usize) -> bool {
    let mut run = Run::new(need);
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim();
        let Some((sec, n, rest)) = decimal_para(t) else {
            continue;
        };
        let alone = |j: Option<usize>| {
            j.and_then(|j| lines.get(j))
                .is_none_or(|l| l.trim().is_empty())
        };
        if !rest.is_empty()
            && alone(i.checked_sub(1))
            && alone(Some(i + 1))
            && is_heading_like(rest)
        {
            continue;
        }
        if run.next(sec, n) {
            return true;
        }
    }
    false
}

/// Numbers in sequence (`1.`, `2.`, `3.`; `10.1`, `10.2` within one
/// section): a run starts at a small number and goes on by one; a larger
/// number out of sequence is passed over.
struct Run<K> {
    last: Option<(K, u32)>,
    run: usize,
    need: usize,
}

impl<K: PartialEq + Copy> Run<K> {
    fn new(need: usize) -> Self {
        Run {
            last: None,
            run: 0,
            need,
        }
    }

    /// Takes the next number of section `key`: whether the run now holds
    /// `need` numbers.
    fn next(&mut self, key: K, n: u32) -> bool {
        if self.last.is_some_and(|(k, m)| k == key && n == m + 1) {
            self.run += 1;
            if self.run + 1 >= self.need {
                return true;
            }
        } else if n <= 3 {
            self.run = 0;
        } else {
            return false;
        }
        self.last = Some((key, n));
        false
    }

    /// The number the run last took.
    fn last(&self) -> Option<u32> {
        self.last.map(|(_, n)| n)
    }
}

static MD_HEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(#{1,6})\s*(.*?)\s*#*$").unwrap());
static LIST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-*+•▪●]\s+(\S.*)$").unwrap());
/// A markdown ordered-list item (kept with its number).
pub static ORDERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,9}[.)]\s+\S").unwrap());
static SUMMARY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"摘要|Summary|Résumé|Resumen|Резюме|موجز|Tóm tắt").unwrap());
/// Leader dots before a Contents entry's page number (`. . . .`, `....`,
/// `…`).
static LEADERS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:\.\s?){4,}|…|·{3,}").unwrap());
static TOC_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:目录|目次|Contents|Table des matières|Índice|Содержание|المحتويات|Mục lục)\s*(?:页次|Page|Páginas?|Стр\.?|الصفحة|Trang)?\s*").unwrap()
});
/// The line that closes a General Assembly resolution, in the UN
/// languages: `45th plenary meeting`, `45e séance plénière`, `45ª sesión
/// plenaria`, `45-е пленарное заседание`, `第45次全体会议`, `الجلسة العامة 45`.
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\d{1,4}(?:st|nd|rd|th|e|ᵉ|a|ª|-?[ея])?\s+(?:plenary meeting|séance plénière|sesión plenaria|пленарное заседание)|第\s*\d{1,4}\s*次全体会议|الجلسة العامة\s*\d{1,4})",
    )
    .unwrap()
});
static ASTERISK_NOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\*+\s*\S{1,30}$").unwrap());

/// Builds the structure of a cleaned document.
pub fn build(cleaned: Cleaned, rec: &Recognizer) -> Structured {
    let Cleaned {
        mut lines,
        markdown,
        authored,
        furniture,
        set_aside,
        footnotes,
        tables,
    } = cleaned;
    let mut out = Structured {
        markdown,
        furniture,
        set_aside,
        ..Structured::default()
    };
    let (front, masthead_title) = split_masthead(&mut lines, markdown);
    out.front = front;
    out.toc = extract_toc(&mut lines, markdown);
    let hyphenated = hyphenated_words(&lines);
    out.footnotes = match footnotes {
        Some(found) => found,
        None => extract_footnotes(&mut lines, &hyphenated),
    };
    let han = han_dominant(&lines);
    // In markdown, `1. text` is an ordered list, not a paragraph number.
    // Under a UN masthead two numbered paragraphs are already the
    // document's numbering (a short resolution decides two things);
    // elsewhere `1.` and `2.` may be a list, three in a row are not.
    let need = if out.front.is_empty() { 3 } else { 2 };
    let numbered = !markdown && numbered(&lines, need);
    let mut seg = Segmenter::new(&out.toc, rec, numbered);
    seg.decimal = !markdown && decimal_numbered(&lines, 3);
    seg.markdown = markdown;
    seg.authored = authored;
    // Every line's visible length, measured once for both judgements.
    let lens: Vec<usize> = lines.iter().map(|l| visible_len(l)).collect();
    seg.width = line_width(&lens);
    seg.hard_wrapped = hard_wrapped(&lines, &lens, seg.width);
    seg.hyphenated = hyphenated;
    seg.tables = tables;
    seg.run(&lines);
    let mut blocks = seg.blocks;
    if han {
        for b in &mut blocks {
            for t in b.texts_mut() {
                if let Cow::Owned(p) = han_punct(t) {
                    *t = p;
                }
            }
        }
        for (_, t) in &mut out.footnotes {
            if let Cow::Owned(p) = han_punct(t) {
                *t = p;
            }
        }
    }
    drop_orphan_refs(&mut blocks, &out.footnotes);
    // The head of a resolution states how it was adopted, in bold in a
    // PDF: a line of text all the same, not a section of the document.
    for b in blocks.iter_mut().take(12) {
        if let Block::Heading { text, .. } = b
            && super::resolution_title::is_statement(text)
        {
            *b = Block::Para {
                num: None,
                text: std::mem::take(text),
                items: Vec::new(),
            };
        }
    }
    // A resolution or draft names itself below the masthead, which names
    // only its agenda item.
    let masthead_title =
        super::resolution_title::take(&mut blocks, &mut out.front).or(masthead_title);
    let set_title = masthead_title.is_none() && join_title_lines(&mut blocks, &lines);
    // A title is plain text: a footnote marker glued to the line it came
    // from has no place in front matter.
    out.title = masthead_title
        .or_else(|| take_title(&mut blocks, &out.toc, !set_title, lead_apart(&lines)))
        .map(|t| without_footnote_markers(&t))
        .filter(|t| !t.is_empty());
    // A dateline alone near the top is metadata, not text.
    if let Some(i) = blocks.iter().take(3).position(is_dateline)
        && let Block::Para { text, .. } | Block::Heading { text, .. } = blocks.remove(i)
    {
        if !out.front.is_empty() {
            out.front.push('\n');
        }
        out.front.push_str(&text);
    }
    out.blocks = blocks;
    out
}

/// A paragraph that is only a date (`21/02/2019`, `30 July 2019`).
fn is_dateline(b: &Block) -> bool {
    let text = match b {
        Block::Para {
            text,
            num: None,
            items,
        } if items.is_empty() => text,
        Block::Heading { text, .. } => text,
        _ => return false,
    };
    let letters = text.chars().filter(|&c| is_letter(c)).count();
    visible_len(text) <= 40 && letters <= 24 && super::metadata::find_date(text, "").is_some()
}

/// Footnote markers whose note the extraction lost are dropped.
fn drop_orphan_refs(blocks: &mut [Block], notes: &[(String, String)]) {
    let fix = |s: &mut String| {
        if !s.contains(FN_OPEN) {
            return;
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(i) = rest.find(FN_OPEN) {
            out.push_str(&rest[..i]);
            let after = &rest[i + FN_OPEN.len_utf8()..];
            let Some(j) = after.find(FN_CLOSE) else {
                rest = after;
                break;
            };
            let label = &after[..j];
            if notes.iter().any(|(l, _)| l == label) {
                out.push(FN_OPEN);
                out.push_str(label);
                out.push(FN_CLOSE);
            }
            rest = &after[j + FN_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        *s = out;
    };
    for b in blocks {
        b.texts_mut().into_iter().for_each(fix);
    }
}

/// Whether most letters are Han: then ASCII punctuation between Han
/// characters is an extraction artifact.
fn han_dominant(lines: &[String]) -> bool {
    let (mut h, mut l) = (0usize, 0usize);
    for c in lines.iter().flat_map(|l| l.chars()) {
        if is_han(c) {
            h += 1;
        } else if is_letter(c) {
            l += 1;
        }
    }
    h > 3 * l
}

/// `.` `,` `;` `:` `?` `!` written between Han characters → full width.
/// (Borrowed: `s` holds none of the marks.)
pub fn han_punct(s: &str) -> Cow<'_, str> {
    // The marks are ASCII: they are found by their bytes (each one a
    // character of its own).
    let is_punct = |b: u8| matches!(b, b'.' | b',' | b';' | b':' | b'?' | b'!' | b'"');
    let bytes = s.as_bytes();
    let Some(first) = bytes.iter().position(|&b| is_punct(b)) else {
        return Cow::Borrowed(s);
    };
    // Room for marks made full width (one byte becomes three): the text
    // is seldom copied twice.
    let mut out = String::with_capacity(s.len() + s.len() / 8 + 8);
    // Straight double quotes in pairs around Han text become “ ”.
    let curly = memchr::memchr_iter(b'"', bytes).count().is_multiple_of(2);
    let mut quote_open = false;
    let mut open_curly = false;
    // Only the punctuation is looked at (with its neighbours); the text
    // between is copied as it stands.
    let mut last = 0;
    let marks = bytes[first..]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| is_punct(b))
        .map(|(k, &b)| (first + k, b));
    for (i, b) in marks {
        out.push_str(&s[last..i]);
        last = i + 1;
        let c = char::from(b);
        let mut before = s[..i].chars();
        let prev = before.next_back();
        let next = s[last..].chars().next();
        let hanish = |c: char| is_han(c) || c == FN_CLOSE;
        let han_before =
            prev.is_some_and(|p| hanish(p) || matches!(p, '》' | '」' | '”' | ')' | '）' | '"'));
        let han_after = next.is_none_or(|n| {
            is_han(n) || n == FN_OPEN || matches!(n, '《' | '“' | '"' | '(' | '（' | '\n')
        });
        let mapped = match c {
            '.' if han_before && han_after && prev != Some(')') => Some('。'),
            '.' if prev == Some(')')
                && han_before
                && next.is_none_or(is_han)
                && before.next_back().is_some_and(hanish) =>
            {
                Some('。')
            }
            ',' if han_before && han_after => Some('，'),
            ';' if han_before && (han_after || next == Some('(')) => Some('；'),
            ':' if han_before && (han_after || next == Some('(')) => Some('：'),
            '?' if han_before && han_after => Some('？'),
            '!' if han_before && han_after => Some('！'),
            '"' if curly => {
                let han_side = prev.is_some_and(|p| is_han(p) || is_cjk_punct(p))
                    || next.is_some_and(|n| is_han(n) || is_cjk_punct(n));
                let mapped = if quote_open {
                    (open_curly || han_side).then_some('”')
                } else {
                    open_curly = han_side;
                    han_side.then_some('“')
                };
                quote_open = !quote_open;
                mapped
            }
            _ => None,
        };
        out.push(mapped.unwrap_or(c));
    }
    out.push_str(&s[last..]);
    Cow::Owned(out)
}

// ---------------------------------------------------------------- masthead

/// The masthead of a UN-style document (symbol, `Distr.`, date, languages,
/// job number, agenda item) ends where the summary or the text begins.
/// Returns its text and the title it states.
fn split_masthead(lines: &mut Vec<String>, markdown: bool) -> (String, Option<String>) {
    let first_page_end = lines
        .iter()
        .position(|l| l == PAGE_BREAK)
        .unwrap_or(lines.len())
        .min(40);
    let signals = lines[..first_page_end]
        .iter()
        .take(12)
        .filter(|l| MASTHEAD.is_match(l))
        .count();
    if signals == 0 {
        // A meeting record's masthead has no `Distr.` line, but its first
        // line names the Organization and the symbol (`United Nations
        // S/PV.9876`): that line is the masthead.
        if let Some(at) = lines.iter().position(|l| !l.trim().is_empty())
            && super::text::is_un_head(&lines[at])
        {
            let front = lines[at].trim().to_string();
            lines.drain(..=at);
            return (front, None);
        }
        return (String::new(), None);
    }
    // Where does the masthead end? At the summary heading if there is
    // one, else after the last line that carries a masthead signal.
    let mut end_line = 0;
    let mut end_col = 0;
    let mut summary_word = None;
    for (i, l) in lines[..first_page_end].iter().enumerate() {
        if MASTHEAD.is_match(l) {
            end_line = i;
            end_col = l.len();
        }
    }
    for (i, l) in lines[..first_page_end].iter().enumerate().skip(end_line) {
        if let Some(m) = SUMMARY.find(l) {
            end_line = i;
            end_col = m.start();
            summary_word = Some((m.as_str().to_string(), m.end()));
            break;
        }
    }
    // No summary: the masthead goes on through the short lines that are
    // not sentences (job number, session, agenda item, title, issuing
    // body) up to the first line of text.
    // Each line with whether it goes on with the line above as one
    // phrase (a title broken over lines).
    let mut extension: Vec<(String, bool)> = Vec::new();
    if summary_word.is_none() {
        let mut i = end_line + 1;
        // After the title written twice, one more short line (the issuing
        // body) and the masthead is over.
        let mut after_title: Option<usize> = None;
        // Lines with text seen (blank lines between the masthead's parts
        // do not count), and whether a blank line came since the last.
        let (mut seen, mut gap) = (0usize, false);
        // Whether the lines since the agenda item, with no blank line
        // between, are its title (`Agenda item 18 (e)` / `Sustainable
        // development: implementation of the United Nations` / `Convention
        // to Combat Desertification in Those Countries` / …).
        let mut agenda_title = false;
        // Whether the lines since a communication's title line, with no
        // blank line between, are its title (`Identical letters dated 19
        // March 2025 from the Permanent` / `Observer of the State of …`).
        let mut communication = false;
        while i < first_page_end {
            // A PDF or Word file sets the masthead's lines (session, agenda
            // item, its title) in bold or larger type: headings of the
            // layout, not of the text. An author's markdown heading is.
            let head = (!markdown)
                .then(|| MD_HEAD.captures(lines[i].trim()))
                .flatten()
                .map(|c| c.get(2).map_or("", |m| m.as_str()).to_string());
            let t = head.as_deref().unwrap_or(lines[i].trim());
            // A title broken over lines may break after a comma
            // (`…the Use, Stockpiling,` / `Production and Transfer…`): a
            // line the one above goes on into is no text yet.
            let label =
                super::resolution_title::is_draft_label(t) || super::resolution_title::is_issuer(t);
            let prev = extension.last().map(|(p, _)| p.as_str());
            let after_agenda = prev.is_some_and(is_agenda_item);
            let joins = !gap
                && !label
                && !after_agenda
                && prev.is_some_and(|p| {
                    agenda_title || communication || continues(p, t) || ends_with_comma(p)
                });
            let goes_on = !gap && visible_len(t) <= 100 && (after_agenda || joins);
            let text_starts = visible_len(t) > 100
                || (t.ends_with(|c| is_stop(c) || is_comma(c)) && !goes_on)
                || is_para_text(t)
                || is_para_alone(t)
                || ENUM_HEAD.is_match(t)
                || TOC_HEAD.is_match(t)
                || MD_HEAD.is_match(t)
                || super::resolution_title::opens_head(t)
                || after_title.is_some_and(|n| n >= 1 || visible_len(t) > 60)
                || (gap && opens_paragraph(&lines[i..first_page_end]))
                || (communication
                    && prev.is_some_and(|p| !continues(p, t) && !ends_with_comma(p))
                    && opens_sentence(&lines[i..first_page_end]));
            if text_starts || seen >= 10 {
                break;
            }
            let label_closed = t.ends_with(is_stop);
            if t.is_empty() {
                gap = true;
                agenda_title = false;
                communication = false;
            } else {
                agenda_title = !gap && !label && (after_agenda || agenda_title);
                communication = !label && (communication && !gap || is_communication(t));
                gap = false;
                seen += 1;
                if let Some(n) = after_title.as_mut() {
                    *n += 1;
                } else if prev == Some(t) {
                    after_title = Some(0);
                }
                extension.push((t.to_string(), joins));
            }
            if let Some(h) = head {
                lines[i] = h;
            }
            end_line = i;
            end_col = lines[i].len();
            i += 1;
            // A draft's label (`Chile and Mexico: draft resolution`) ends
            // the masthead: the title it introduces follows. So does the
            // issuing body below a title (`Note by the Secretariat`). A
            // label the next line goes on with in lower case (`…the draft
            // resolution contained` / `in document S/2025/112`) ends there.
            if label {
                while i < first_page_end
                    && !label_closed
                    && lines[i]
                        .trim()
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                {
                    extension.push((lines[i].trim().to_string(), true));
                    end_line = i;
                    end_col = lines[i].len();
                    i += 1;
                }
                break;
            }
        }
    }
    // A layout's heading marks say how a line was set, not what it is:
    // the masthead's text is without them.
    let unmarked = |l: &str| -> String {
        match MD_HEAD.captures(l.trim()) {
            Some(c) if !markdown => c.get(2).map_or("", |m| m.as_str()).to_string(),
            _ => l.to_string(),
        }
    };
    let mut front = lines[..end_line]
        .iter()
        .map(|l| unmarked(l))
        .collect::<Vec<_>>()
        .join("\n");
    if !front.is_empty() {
        front.push('\n');
    }
    front.push_str(&unmarked(&lines[end_line][..end_col]));
    let rest = match &summary_word {
        Some((_, e)) => lines[end_line][*e..].to_string(),
        None => lines[end_line][end_col..].to_string(),
    };
    let mut new_lines: Vec<String> = Vec::new();
    if let Some((w, _)) = &summary_word {
        new_lines.push(format!("# {w}"));
    }
    if !rest.trim().is_empty() {
        new_lines.push(rest);
    }
    // Asterisk notes of the first page (`*A/74/150.`: the agenda list).
    for l in &lines[end_line + 1..] {
        new_lines.push(l.clone());
    }
    let first_break = new_lines
        .iter()
        .position(|l| l == PAGE_BREAK)
        .unwrap_or(new_lines.len());
    let mut i = 0;
    new_lines.retain(|l| {
        i += 1;
        !(i <= first_break && ASTERISK_NOTE.is_match(l.trim()))
    });
    *lines = new_lines;
    let title = fascicle_title(&front)
        .or_else(|| masthead_title(&front))
        .or_else(|| extension_title(&extension));
    (front, title)
}

/// The title of a fascicle of the proposed programme budget, which its
/// masthead states in three lines: the budget, its part and its section
/// (`Proposed programme budget for 2027` / `Part IV International
/// cooperation for development` / `Section 10 Least developed countries…`)
/// → `Proposed programme budget for 2027, Part IV, International
/// cooperation for development, Section 10, Least developed countries…`.
fn fascicle_title(front: &str) -> Option<String> {
    static PART: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(Part|Partie|Titre|Parte|Часть)\s+([IVXLC]+)\.?\s+(\S.*)$").unwrap()
    });
    static SECTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(Section|Chapitre|Sección|Раздел)\s+(\d{1,2}[A-Z]?)\.?\s+(\S.*)$").unwrap()
    });
    let lines: Vec<&str> = front
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let at = lines.iter().position(|l| PART.is_match(l))?;
    let part = PART.captures(lines[at])?;
    let section = SECTION.captures(lines.get(at + 1)?)?;
    let budget = lines[..at].last()?;
    if budget.chars().count() > 80 || !budget.chars().any(char::is_numeric) {
        return None;
    }
    Some(format!(
        "{budget}, {} {}, {}, {} {}, {}",
        &part[1], &part[2], &part[3], &section[1], &section[2], &section[3]
    ))
}

/// Without a repeated title, the masthead's last lines are the title and
/// its issuing body (`Letter dated … from …` / `Report of …`).
fn extension_title(ext: &[(String, bool)]) -> Option<String> {
    // Job numbers, bar codes, session and adoption lines (with a date)
    // are not the title.
    // An editorial note in brackets (`[on the report of the Fourth
    // Committee (A/80/412)]`) is not part of the title either.
    let is_meta = |l: &str| {
        !is_communication(l)
            && (l.starts_with('*')
                || (l.starts_with('[') && l.ends_with(']'))
                || is_officer_line(l)
                || l.chars().filter(|c| c.is_ascii_digit()).count() * 2 > visible_len(l)
                || visible_len(l) < 4
                || super::metadata::find_date(l, "").is_some())
    };
    // A title broken over lines is one phrase (`…OF THE PEOPLE'S
    // REPUBLIC` / `OF CHINA IN THE UNITED NATIONS`; `…the Use,
    // Stockpiling,` / `Production and Transfer…`), whatever it mentions
    // (`…Law of the` / `Sea of 10 December 1982 relating to the`).
    let mut phrases: Vec<Vec<&str>> = Vec::new();
    for (l, joins) in ext {
        match phrases.last_mut() {
            Some(p) if *joins || p.last().is_some_and(|prev| continues(prev, l)) => p.push(l),
            _ => phrases.push(vec![l]),
        }
    }
    let lines: Vec<String> = phrases
        .iter()
        .filter(|p| p.len() > 1 || !is_meta(p[0]))
        .map(|p| p.join(" "))
        .collect();
    let last = lines.last()?;
    match lines.len() {
        0 => None,
        1 => Some(last.to_string()),
        n => {
            let prev = &lines[n - 2];
            if visible_len(last) <= 60 && visible_len(prev) > visible_len(last) {
                Some(super::text::with_issuer(prev, last))
            } else {
                Some(last.to_string())
            }
        }
    }
}

/// The opening of a UN communication's title, which states the day the
/// communication is dated (`Letter dated 30 June 2025 from …`, `Identical
/// letters dated …`, `Note verbale dated …`), in the six UN languages: a
/// title, never a masthead's line of a date, and its block of lines is one
/// phrase.
fn is_communication(line: &str) -> bool {
    static OPENING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:identical )?letters? dated|notes? verbales? dated|(?:lettres? (?:identiques )?datées?|notes? verbales? datées?) du|(?:cartas? (?:idénticas )?|notas? verbal(?:es)? )de fecha|(?:идентичные )?письм[оа] |вербальная нота|(?:رسالة|رسالتان|رسائل|مذكرة شفوية) (?:متطابقة |متطابقتان )?مؤرخ|\d{4}年\d{1,2}月\d{1,2}日.{2,80}(?:的信|的普通照会|的同文信)$)",
        )
        .unwrap()
    });
    OPENING.is_match(line.trim())
}

/// Whether the lines from here, up to a blank line, are a paragraph of
/// text rather than a title broken over lines: the first line indented
/// further than the next, as a text dump sets a paragraph, or lines that
/// run on to a sentence's end (a title states no sentence; a masthead's
/// note, `* Reissued …`, `[on the report of …]`, is no paragraph).
fn opens_paragraph(lines: &[String]) -> bool {
    if let [first, second, ..] = lines
        && !second.trim().is_empty()
        && indent(first) >= indent(second) + 2
        && visible_len(second.trim()) > visible_len(first.trim()) / 2
    {
        return true;
    }
    lines
        .first()
        .is_some_and(|l| !l.trim().starts_with(['*', '[']))
        && opens_sentence(lines)
}

/// How many spaces a line is indented by.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether the lines from here run on, over two lines or more and 100
/// characters, to a sentence's end: a letter's first paragraph where a
/// dump lost the blank line after its title (`Tengo el honor de transmitir
/// …` / `… (véase el anexo).`); a title states no sentence.
fn opens_sentence(lines: &[String]) -> bool {
    let mut length = 0;
    for (k, l) in lines.iter().take(12).enumerate() {
        let t = l.trim();
        if t.is_empty() {
            return false;
        }
        length += visible_len(t) + 1;
        if t.ends_with(is_stop) {
            return k >= 1 && length > 100;
        }
    }
    false
}

/// `Rapporteur: Ms. Riitta Resch (Finland)`, `Chair: …`: a committee
/// report's officer, a field of its masthead, not part of its title.
fn is_officer_line(line: &str) -> bool {
    static OFFICER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:rapporteure?|chair(?:man|woman|person)?|vice-chair\w*|président(?:e)?|presidente|relator(?:a)?|докладчик|председатель|المقرر|主席|报告员)\s*[:：]").unwrap()
    });
    OFFICER.is_match(line.trim())
}

/// `Agenda item 18 (e)`, `Item 4 of the provisional agenda`, and the same
/// in the other UN languages: the masthead line above the agenda item's
/// title.
fn is_agenda_item(line: &str) -> bool {
    static AGENDA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:provisional )?agenda items?\s+\d|items?\s+\d+(?:\s*\([a-z]{1,2}\))?\s+of the (?:provisional )?agenda|points?\s+\d+.{0,12}\s+de l['’]ordre du jour|temas?\s+\d+.{0,12}\s+del programa|пункты?\s+\d+.{0,12}\s+(?:предварительной\s+)?повестки дня|(?:临时)?议程项目\s*\d|البند\s+\d+.{0,12}\s+من جدول الأعمال)",
        )
        .unwrap()
    });
    let t = line.trim();
    visible_len(t) <= 60 && AGENDA.is_match(t)
}

fn ends_with_comma(line: &str) -> bool {
    line.trim_end().ends_with(is_comma)
}

/// Whether `next` goes on with the phrase `line` leaves open: it starts
/// in lower case or with a function word of the language (`of`, `de`,
/// `и`), or `line` ends with one.
fn continues(line: &str, next: &str) -> bool {
    let Some(first) = next.split_whitespace().next() else {
        return false;
    };
    if first.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let Some(stops) = super::clean::blocks::document_stopwords(&[line, next]) else {
        return false;
    };
    let word = |w: &str| super::clean::blocks::is_function_token(stops, w);
    // A label in brackets (`Agenda item 97 (a)`) is no article `a`.
    let bare = |w: &str| w.chars().next().is_some_and(char::is_alphabetic);
    word(first)
        || line
            .split_whitespace()
            .next_back()
            .is_some_and(|w| bare(w) && word(w))
}

/// The title stated in a masthead: the agenda item's title is repeated as
/// the document's title (`…项目109 XX XX 秘书长的报告`), so the longest
/// phrase written twice in a row is the title, and what follows it (the
/// issuing body, `Report of the Secretary-General`) completes it.
fn masthead_title(front: &str) -> Option<String> {
    // Bounded: a masthead is short, and a title is not a page long.
    let chars: Vec<char> = front.chars().filter(|&c| c != '\n').take(2000).collect();
    let n = chars.len();
    let mut best: Option<(usize, usize)> = None; // (start, len)
    for len in (6..=(n / 2).min(250)).rev() {
        for start in 0..=n - 2 * len {
            if chars[start..start + len] == chars[start + len..start + 2 * len]
                && is_letter(chars[start])
            {
                best = Some((start, len));
                break;
            }
        }
        if best.is_some() {
            break;
        }
    }
    let (start, len) = best?;
    let title: String = chars[start..start + len].iter().collect();
    let tail: String = chars[start + 2 * len..].iter().collect();
    let tail = tail.trim().trim_end_matches(['.', '*']);
    let title = title.trim().to_string();
    if !tail.is_empty() && tail.chars().count() <= 40 && !tail.contains(['.', ',', '。', '，']) {
        Some(super::text::with_issuer(&title, tail))
    } else {
        Some(title)
    }
}

// ---------------------------------------------------------------- TOC

/// The document's own table of contents: entries `title page` (glued or
/// spaced, dotted leaders allowed) after a `Contents`/`目录` heading, for
/// as long as the page numbers do not go down. Removed from the lines.
/// In a layout's lines (not markdown) the heading and entries set in bold
/// or larger type carry heading marks: they say how a line was set, not
/// that a Contents entry is a heading.
fn extract_toc(lines: &mut Vec<String>, markdown: bool) -> Vec<TocEntry> {
    let unmarked = |l: &str| -> String {
        match MD_HEAD.captures(l.trim()) {
            Some(c) if !markdown => c.get(2).map_or("", |m| m.as_str()).to_string(),
            _ => l.to_string(),
        }
    };
    let limit = lines.len().min(200);
    let Some((start, head_end)) = lines[..limit].iter().enumerate().find_map(|(i, l)| {
        TOC_HEAD
            .find(&unmarked(l))
            .filter(|m| m.start() == 0)
            .map(|m| (i, m.end()))
    }) else {
        return Vec::new();
    };
    // The lines from the heading on, unmarked, while the entries may run.
    let plain: Vec<String> = lines
        .iter()
        .skip(start)
        .scan(0usize, |size, l| {
            *size += l.len();
            (*size <= 40_000).then(|| unmarked(l))
        })
        .collect();
    // The text after the heading, with (line, col) of every char.
    let mut text = String::new();
    let mut pos: Vec<(usize, usize)> = Vec::new();
    for (li, l) in plain.iter().enumerate() {
        if l == PAGE_BREAK {
            continue;
        }
        let from = if li == 0 { head_end } else { 0 };
        for (ci, c) in l[from..].char_indices() {
            text.push(c);
            pos.push((li, from + ci));
        }
        text.push('\n');
        pos.push((li, l.len()));
        if text.len() > 20_000 {
            break;
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut entries: Vec<TocEntry> = Vec::new();
    let mut i = 0;
    let mut end_char = 0;
    let mut last_page = 0;
    while i < chars.len() {
        // Title: up to a digit run that is no part of it. A number the
        // title goes on after is the title's (`for 2024/25 . . . 6`, `in
        // 2025 and beyond`, `resolution 79/1`): one glued to `/`, `-`,
        // `–` (on either side) or a decimal point, or followed by a word in
        // lower case.
        let t0 = i;
        let mut d0;
        loop {
            while i < chars.len() && !chars[i].is_ascii_digit() {
                i += 1;
            }
            d0 = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            // Or a note's asterisks after it, escaped or not (`in
            // 2025\*\*\*`), or a full stop and a word (`Subprogramme 1.
            // Least developed countries`): a page number ends its entry.
            let starred = chars.get(i) == Some(&'*')
                || chars.get(i) == Some(&'\\') && chars.get(i + 1) == Some(&'*');
            let numbering = chars.get(i) == Some(&'.')
                && chars.get(i + 1) == Some(&' ')
                && chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
            // A number the leader dots come after is the title's when
            // another number ends them (`for 2027 . . . . 26`).
            let before_leaders = {
                let mut k = i;
                let mut dots = 0;
                while let Some(&c) = chars.get(k)
                    && matches!(c, ' ' | '.' | '…' | '\u{a0}')
                {
                    dots += usize::from(c != ' ' && c != '\u{a0}');
                    k += 1;
                }
                dots >= 2 && chars.get(k).is_some_and(char::is_ascii_digit)
            };
            let glued = starred
                || numbering
                || before_leaders
                || matches!(chars.get(i), Some('/' | '-' | '–'))
                || d0 > t0 && matches!(chars[d0 - 1], '/' | '-' | '–')
                || chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            let goes_on =
                chars.get(i) == Some(&' ') && chars.get(i + 1).is_some_and(|c| c.is_lowercase());
            if d0 == i || !(glued || goes_on) {
                break;
            }
        }
        let raw: String = chars[t0..d0].iter().collect();
        if d0 == i {
            break;
        }
        let page: u32 = chars[d0..i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(u32::MAX);
        let (level, title) = toc_title(&raw);
        // Leaders (`. . . .`) make an entry whatever its length or commas.
        let sentence = !LEADERS.is_match(&raw)
            && (raw.contains([',', '，', '。', ';', '；']) || visible_len(&title) > 80);
        // (A page far past the last one is a year in the body: `in 2025`.)
        let leap = last_page > 0 && page > last_page * 10 + 100;
        if title.is_empty() || sentence || page < last_page || page > 5000 || leap {
            break;
        }
        // `1.` right after a page number is the body's first paragraph.
        if i < chars.len() && chars[i] == '.' && raw.trim().is_empty() {
            break;
        }
        last_page = page;
        entries.push(TocEntry { level, title, page });
        end_char = i;
    }
    if entries.len() < 3 {
        return Vec::new();
    }
    // Remove the TOC: from its heading line to the end of the last entry.
    let (end_line, end_col) = pos.get(end_char).copied().unwrap_or((plain.len() - 1, 0));
    let rest = plain[end_line][end_col..].to_string();
    let mut new_lines: Vec<String> = lines[..start].to_vec();
    if !rest.trim().is_empty() {
        new_lines.push(rest);
    }
    new_lines.extend(lines[start + end_line + 1..].iter().cloned());
    *lines = new_lines;
    entries
}

fn toc_title(raw: &str) -> (u8, String) {
    static PAGE_WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:页次|Page|Páginas?|Стр\.?|الصفحة|Trang)\s+").unwrap());
    let t = raw.trim().trim_start_matches(['.', ' ']).trim();
    let t = PAGE_WORD.replace(t, "");
    let t = t.trim();
    let (level, t) = match ENUM_HEAD.captures(t) {
        Some(c) => {
            let e = c.get(1).or(c.get(2)).unwrap().as_str();
            let lvl = if e.len() == 1
                && e.chars()
                    .all(|c| c.is_ascii_uppercase() && !"IVX".contains(c))
            {
                2
            } else {
                1
            };
            (lvl, c.get(3).unwrap().as_str().to_string())
        }
        None => (2, t.to_string()),
    };
    let t = t
        .trim()
        .trim_end_matches(|c: char| c == '.' || c == '…' || c == '·' || c.is_whitespace())
        .replace('\n', " ");
    (level, t.trim().to_string())
}

// ---------------------------------------------------------------- footnotes

/// Footnotes at the ends of pages: a run of lines at the bottom of a page
/// starting with the next expected note numbers (`1…`, `2…`), found on
/// pages delimited by page breaks. Their markers in the page's text are
/// wrapped in [`FN_OPEN`]/[`FN_CLOSE`].
fn extract_footnotes(lines: &mut Vec<String>, keep: &HashSet<String>) -> Vec<(String, String)> {
    let mut notes: Vec<(String, String)> = Vec::new();
    if !lines.iter().any(|l| l == PAGE_BREAK) {
        return notes;
    }
    let mut next: u32 = 1;
    let mut page_start = 0;
    let mut n = lines.len();
    let mut i = 0;
    while i <= n {
        if i == n || lines[i] == PAGE_BREAK {
            let mut page = page_start..i;
            // A note may be missing from the extraction: allow a skip.
            let mut block = (next..next + 3)
                .find_map(|k| footnote_block(&lines[page.clone()], k).map(|b| (k, b)));
            // The first note glued to the page's last line of text
            // (`…《计算机犯罪9根据《计算机犯罪法》…`): split it off when
            // its marker is found earlier on the page.
            if block.is_none()
                && let Some((li, at, k)) = glued_note(lines, page.clone(), next)
            {
                // The note is that line's rest; the lines after it on the
                // page are text, so the note moves to the page's end.
                let tail = lines[li].split_off(at);
                lines.insert(i, tail);
                n += 1;
                i += 1;
                page = page_start..i;
                block = footnote_block(&lines[page.clone()], k).map(|b| (k, b));
            }
            if let Some((first, (block_start, found))) = block {
                next = first;
                let abs = page.start + block_start;
                // Definitions.
                let mut cur: Option<(u32, String)> = None;
                for l in &lines[abs..page.end] {
                    let t = l.trim();
                    if let Some((num, body)) = note_start(t)
                        && num == cur.as_ref().map_or(next, |c| c.0 + 1)
                    {
                        if let Some(c) = cur.take() {
                            notes.push((c.0.to_string(), c.1));
                        }
                        cur = Some((num, body.to_string()));
                    } else if let Some(c) = cur.as_mut() {
                        join_keeping(&mut c.1, t, keep);
                    }
                }
                if let Some(c) = cur.take() {
                    notes.push((c.0.to_string(), c.1));
                }
                for l in &mut lines[abs..page.end] {
                    l.clear();
                }
                // References in the page body.
                let mut from = (page.start, 0usize);
                for k in next..next + found {
                    if let Some(at) = find_ref(&lines[..abs], page.start, from, k) {
                        let (li, s, e) = at;
                        let l = &mut lines[li];
                        let label = format!("{FN_OPEN}{k}{FN_CLOSE}");
                        l.replace_range(s..e, &label);
                        from = (li, s + label.len());
                    }
                }
                next += found;
            }
            page_start = i + 1;
        }
        i += 1;
    }
    notes
}

/// A note number `k` (next..next+3) glued after text in one of a page's
/// last lines, followed by Han text, whose marker also appears earlier on
/// the page: (line, byte offset, k).
fn glued_note(
    lines: &[String],
    page: std::ops::Range<usize>,
    next: u32,
) -> Option<(usize, usize, u32)> {
    let nonempty: Vec<usize> = page
        .clone()
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    for &li in nonempty.iter().rev().take(6) {
        let l = &lines[li];
        for k in next..next + 3 {
            let ks = k.to_string();
            let mut from = 0;
            while let Some(off) = l[from..].find(&ks) {
                let at = from + off;
                from = at + ks.len();
                let prev = l[..at].chars().next_back();
                let after = &l[at + ks.len()..];
                let nxt = after.chars().next();
                let ok = prev
                    .is_some_and(|p| (is_han(p) || matches!(p, '》' | '”' | '"')) && p != '第')
                    && nxt.is_some_and(|c| is_han(c) || c == '《')
                    && !after.starts_with(|c: char| {
                        matches!(
                            c,
                            '年' | '月' | '日' | '号' | '条' | '个' | '名' | '项' | '次'
                        )
                    })
                    && at > 0;
                if ok && find_ref(&lines[..li], page.start, (page.start, 0), k).is_some() {
                    return Some((li, at, k));
                }
            }
        }
    }
    None
}

/// `12Text…` (a note number glued to its text, or followed by a space).
fn note_start(t: &str) -> Option<(u32, &str)> {
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 3 {
        return None;
    }
    let rest = &t[d..];
    let c = rest.chars().next()?;
    if c == '.' || c == '/' || c == '-' || c == ',' || c.is_ascii_digit() || c == ')' {
        return None;
    }
    if !(is_han(c) || c == ' ' || is_letter(c) || c == '《' || c == '"' || c == '“') {
        return None;
    }
    Some((t[..d].parse().ok()?, rest.trim_start()))
}

/// The footnote block of a page: the last line starting with note `next`
/// after which every note start is the following number. Returns its
/// index in the page and how many notes it holds.
fn footnote_block(page: &[String], next: u32) -> Option<(usize, u32)> {
    let starts: Vec<(usize, u32)> = page
        .iter()
        .enumerate()
        .filter_map(|(i, l)| note_start(l.trim()).map(|(n, _)| (i, n)))
        .collect();
    let candidates: Vec<usize> = starts.iter().filter(|s| s.1 == next).map(|s| s.0).collect();
    for &c in candidates.iter().rev() {
        if c == 0 && page.len() > 1 {
            continue;
        }
        let mut expect = next;
        let mut ok = true;
        for &(i, num) in starts.iter().filter(|s| s.0 >= c) {
            if num == expect {
                expect += 1;
            } else if num > expect || num + 1 != expect {
                let _ = i;
                ok = false;
                break;
            }
        }
        // Notes fill the page's end, and are not most of it.
        let body: usize = page[..c].iter().map(|l| l.len()).sum();
        let notes: usize = page[c..].iter().map(|l| l.len()).sum();
        if ok && body > notes / 2 {
            return Some((c, expect - next));
        }
    }
    None
}

/// Where note `k`'s marker sits in a page body: the digits `k` standing
/// alone after text or punctuation (`报告》1进行`, `做法.` + `3在…`), or
/// in front of a paragraph number (`421.`).
fn find_ref(
    lines: &[String],
    page_start: usize,
    from: (usize, usize),
    k: u32,
) -> Option<(usize, usize, usize)> {
    let ks = k.to_string();
    let mut weak = None;
    for li in from.0.max(page_start)..lines.len() {
        let l = &lines[li];
        let start_col = if li == from.0 { from.1 } else { 0 };
        let t = l.as_str();
        // Before a paragraph number.
        if start_col == 0
            && let Some(c) = para_alone(t.trim())
        {
            let d = c.get(1).unwrap().as_str();
            let prev = prev_para_number(lines, li);
            let rest_is_next = d.len() > ks.len()
                && d.starts_with(&ks)
                && !d[ks.len()..].starts_with('0')
                && prev.is_some_and(|p| d[ks.len()..].parse::<u32>().ok() == Some(p + 1))
                && prev.is_some_and(|p| d.parse::<u32>().ok() != Some(p + 1));
            if rest_is_next {
                let s = l.find(&ks).unwrap_or(0);
                return Some((li, s, s + ks.len()));
            }
            continue;
        }
        let b = t.as_bytes();
        let mut search = start_col;
        while let Some(off) = t.get(search..).and_then(|s| s.find(&ks)) {
            let s = search + off;
            let e = s + ks.len();
            search = e;
            let prev = t[..s].chars().next_back();
            let next = t[e..].chars().next();
            // `Convention2 and`: a marker glued to a lowercase word (Latin,
            // Cyrillic…) before a space or punctuation.
            if prev.is_some_and(|p| p.is_lowercase())
                && !(s > 0 && b[s - 1].is_ascii_digit())
                && next
                    .is_none_or(|n| n.is_whitespace() || matches!(n, ',' | ';' | ':' | '.' | ')'))
                && weak.is_none()
            {
                weak = Some((li, s, e));
                continue;
            }
            if prev.is_some_and(|p| {
                p.is_ascii_alphanumeric() || matches!(p, '/' | '-' | ',' | '第' | '(' | '（')
            }) || (s > 0 && b[s - 1].is_ascii_digit())
                || next.is_some_and(|n| {
                    n.is_ascii_alphanumeric()
                        || matches!(
                            n,
                            '/' | '-'
                                | ','
                                | '%'
                                | '年'
                                | '月'
                                | '日'
                                | '号'
                                | '条'
                                | '个'
                                | '名'
                                | '项'
                                | '次'
                        )
                })
            {
                continue;
            }
            // `决定6.` at a line end: a marker after the last word of a
            // sentence, but also the shape of a glued paragraph number, so
            // only a weak candidate.
            let after_dot = t[e..].strip_prefix('.');
            if let Some(rest) = after_dot {
                if prev.is_some_and(is_han)
                    && rest.chars().next().is_none_or(is_han)
                    && weak.is_none()
                {
                    weak = Some((li, s, e));
                }
                continue;
            }
            let strong =
                prev.is_none_or(|p| matches!(p, '》' | '」' | '”' | '"' | ')' | '）' | '.' | '。'));
            if strong {
                return Some((li, s, e));
            }
            if weak.is_none()
                && prev.is_some_and(|p| is_han(p) || is_cjk_punct(p))
                && next.is_none_or(|n| is_han(n) || is_cjk_punct(n) || matches!(n, ')' | '）'))
            {
                weak = Some((li, s, e));
            }
        }
    }
    weak
}

/// The paragraph number last seen before line `li` (alone on its line or
/// glued after a title).
fn prev_para_number(lines: &[String], li: usize) -> Option<u32> {
    lines[..li].iter().rev().take(400).find_map(|l| {
        let t = l.trim();
        para_alone(t)
            .map(|c| c[1].to_string())
            .or_else(|| glued_para(t).map(|c| c[2].to_string()))
            .and_then(|d| d.parse().ok())
    })
}

// ---------------------------------------------------------------- segmentation

/// Text from a PDF has page breaks, or most of its long lines stop
/// mid-sentence; a web page's lines are whole paragraphs. (`lens`: the
/// lines' visible lengths; `width`: their [`line_width`].)
fn hard_wrapped(lines: &[String], lens: &[usize], width: usize) -> bool {
    if lines.iter().any(|l| l == PAGE_BREAK) {
        return true;
    }
    let long: Vec<(&String, usize)> = lines
        .iter()
        .zip(lens)
        .filter(|&(_, &n)| n >= 30)
        .map(|(l, &n)| (l, n))
        .collect();
    if long.len() < 4 {
        return false;
    }
    let open = long.iter().filter(|(l, _)| !ends_sentence(l)).count();
    // Wrapped lines are nearly as long as a page's width (at most ~120
    // characters); a web page's lines (whole paragraphs) are longer and
    // vary without measure.
    let regular = long
        .iter()
        .filter(|&&(_, n)| n * 4 >= width * 3 && n <= width + 5)
        .count();
    open * 10 >= long.len() * 6 || ((30..=120).contains(&width) && regular * 10 >= long.len() * 7)
}

/// The width text was wrapped at: the 90th percentile of the visible
/// lengths (`lens`) of lines long enough to be text.
fn line_width(lens: &[usize]) -> usize {
    let mut lens: Vec<usize> = lens.iter().copied().filter(|&n| n >= 20).collect();
    if lens.len() < 5 {
        return 0;
    }
    lens.sort_unstable();
    lens[lens.len() * 9 / 10]
}

/// Whether the text numbers its paragraphs: `need` numbers in sequence
/// (`1.`, `2.`, `3.`) from a small one.
fn numbered(lines: &[String], need: usize) -> bool {
    let mut run = Run::new(need);
    for l in lines {
        let t = l.trim();
        let n = para_alone(t)
            .or_else(|| para_text(t))
            .map(|c| c[1].to_string())
            .or_else(|| glued_para(t).map(|c| c[2].to_string()))
            .and_then(|d| d.parse::<u32>().ok())
            // `3. 2018年…`: a number before text that opens with one, if
            // it is the next.
            .or_else(|| {
                let c = starts_numeric(t)
                    .then(|| PARA_DIGIT_TEXT.captures(t))
                    .flatten()?;
                let n = c[1].parse::<u32>().ok()?;
                (Some(n) == run.last().map(|l| l + 1)).then_some(n)
            });
        let Some(n) = n else { continue };
        if run.next((), n) {
            return true;
        }
    }
    false
}

#[derive(Debug)]
enum OpenKind {
    Para(Option<ParaNum>),
    List,
}

struct Segmenter<'a> {
    toc: Vec<&'a TocEntry>,
    /// Indices into `toc` (in its order) by their title's first
    /// character: a line is compared only with the titles it may start
    /// with (a report's TOC has dozens of entries, and most lines are
    /// looked up). `None` when a title is empty (it starts every line).
    toc_by_first: Option<HashMap<char, Vec<usize>>>,
    rec: &'a Recognizer,
    numbered: bool,
    expected: u32,
    /// Whether the text numbers its paragraphs within sections (`10.1`),
    /// and the next such number: section and number.
    decimal: bool,
    expected_decimal: Option<(String, u32)>,
    blocks: Vec<Block>,
    /// The enumerator (`一.`, `II.`, `A.`) of the heading being read.
    enum_label: Option<String>,
    markdown: bool,
    open: Option<(OpenKind, String)>,
    /// Visible length of the last line added to the open block.
    last_len: usize,
    /// Words the document writes with a hyphen.
    hyphenated: HashSet<String>,
    /// The text's line width (90th percentile of line lengths).
    width: usize,
    /// Whether the text was wrapped at a fixed width (PDF extraction):
    /// then a long line that stops mid-sentence goes on in the next one.
    hard_wrapped: bool,
    /// Tables a reader found, placed by [`TABLE_MARK`] lines.
    tables: Vec<Vec<Vec<String>>>,
    /// Whether a page break came before the line being read.
    after_break: bool,
    /// Markdown its author wrote: no heading but the ones it marks.
    authored: bool,
    /// Whether the last paragraph closed ended with a comma (a
    /// resolution's preamble: each paragraph ends so).
    comma_para: bool,
}

impl<'a> Segmenter<'a> {
    fn new(toc: &'a [TocEntry], rec: &'a Recognizer, numbered: bool) -> Self {
        let mut toc: Vec<&TocEntry> = toc.iter().collect();
        // Longest titles first, so `伊朗伊斯兰共和国` wins over a prefix.
        toc.sort_by_key(|e| std::cmp::Reverse(e.title.len()));
        let mut toc_by_first: Option<HashMap<char, Vec<usize>>> = Some(HashMap::new());
        for (i, e) in toc.iter().enumerate() {
            match (e.title.chars().next(), &mut toc_by_first) {
                (Some(c), Some(map)) => map.entry(c).or_default().push(i),
                _ => toc_by_first = None,
            }
        }
        Segmenter {
            toc,
            toc_by_first,
            rec,
            numbered,
            expected: 1,
            decimal: false,
            expected_decimal: None,
            blocks: Vec::new(),
            enum_label: None,
            markdown: false,
            open: None,
            last_len: 0,
            after_break: false,
            authored: false,
            comma_para: false,
            hard_wrapped: false,
            hyphenated: HashSet::new(),
            width: 0,
            tables: Vec::new(),
        }
    }

    fn close(&mut self) {
        if let Some((kind, text)) = self.open.take() {
            let text = text.trim().to_string();
            if text.is_empty() && !matches!(kind, OpenKind::Para(Some(_))) {
                return;
            }
            match kind {
                OpenKind::List => self.blocks.push(Block::ListItem(text)),
                OpenKind::Para(num) => {
                    self.comma_para = text.ends_with(is_comma);
                    let (text, items) = split_items(&text);
                    self.blocks.push(Block::Para { num, text, items });
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        self.close();
        let trimmed = text.trim().trim_end_matches(['.', '。', ':', '：']).trim();
        // An abbreviation keeps its last period (`…from the U.N.`; an
        // ellipsis is no abbreviation).
        let text = match text.trim().strip_suffix('.') {
            Some(t)
                if t.rsplit(char::is_whitespace).next().is_some_and(|w| {
                    w.contains('.') && w.chars().next_back().is_some_and(char::is_alphabetic)
                }) =>
            {
                text.trim()
            }
            _ => trimmed,
        };
        // The source's own enumerator stays with its heading: `一. 导言`.
        let label = self.enum_label.take();
        if !text.is_empty() {
            let text = match label {
                Some(l) => format!("{l} {text}"),
                None => text.to_string(),
            };
            self.blocks.push(Block::Heading { level, text });
        }
    }

    fn start_para(&mut self, num: u32) {
        self.close();
        self.expected = num + 1;
        self.open = Some((OpenKind::Para(Some(num.into())), String::new()));
    }

    /// A paragraph number within a section for this line, if it is the
    /// next of the numbering: the next number of the section (or one or
    /// two further on, after a blank line or alone on its line: a number
    /// the source lost), or the first of another section. `standalone`:
    /// the line stands between blank lines (then a short one is a
    /// numbered heading, `10.1 Objective`). Returns the number and the
    /// text after it.
    fn decimal_number<'t>(
        &self,
        t: &'t str,
        bb: bool,
        standalone: bool,
    ) -> Option<(ParaNum, &'t str)> {
        if !self.decimal {
            return None;
        }
        let (sec, n, rest) = decimal_para(t)?;
        if !rest.is_empty() && standalone && is_heading_like(rest) {
            return None;
        }
        let next = match &self.expected_decimal {
            Some((s, e)) if s == sec => n == *e || (bb || rest.is_empty()) && n > *e && n <= e + 2,
            Some(_) => n == 1,
            None => n <= 3,
        };
        next.then(|| {
            (
                ParaNum {
                    section: Some(sec.to_string()),
                    n,
                },
                rest,
            )
        })
    }

    fn start_decimal(&mut self, num: ParaNum) {
        self.close();
        if let Some(s) = &num.section {
            self.expected_decimal = Some((s.clone(), num.n + 1));
        }
        self.open = Some((OpenKind::Para(Some(num)), String::new()));
    }

    /// A paragraph number for this line, if it is one: `17.` when 17 is
    /// expected (or one or two further on), or `421.` = note marker `4` +
    /// paragraph 21 (the marker is moved to the previous paragraph's end).
    fn para_number(&mut self, t: &str) -> Option<u32> {
        let (markers, t) = split_leading_refs(t);
        let c = para_alone(t)?;
        let d = c.get(1).unwrap().as_str();
        let n: u32 = d.parse().ok()?;
        let accept = |n: u32, e: u32| n >= e && n <= e + 2;
        if self.numbered && accept(n, self.expected) {
            self.append_to_last(&markers);
            return Some(n);
        }
        if !self.numbered {
            return None;
        }
        let e = self.expected.to_string();
        if d.len() > e.len() && d.ends_with(&e) {
            let prefix = &d[..d.len() - e.len()];
            self.append_to_last(&markers);
            self.append_to_last(&format!("{FN_OPEN}{prefix}{FN_CLOSE}"));
            return Some(self.expected);
        }
        None
    }

    fn append_to_last(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some((_, text)) = self.open.as_mut() {
            text.push_str(s);
            return;
        }
        match self.blocks.last_mut() {
            Some(Block::Para { text, items, .. }) => match items.last_mut() {
                Some(i) => i.push_str(s),
                None => text.push_str(s),
            },
            Some(Block::ListItem(text)) => text.push_str(s),
            _ => {}
        }
    }

    /// A line that starts with a section title from the TOC.
    fn toc_prefix(&self, t: &str) -> Option<&'a TocEntry> {
        let Some(by_first) = &self.toc_by_first else {
            return self.toc.iter().copied().find(|e| t.starts_with(&e.title));
        };
        let toc = &self.toc;
        by_first
            .get(&t.chars().next()?)?
            .iter()
            .map(|&i| toc[i])
            .find(|e| t.starts_with(&e.title))
    }

    /// A whole line (or line minus a glued paragraph number) that is
    /// exactly one recognised country name: a per-country section.
    fn country_heading(&self, t: &str) -> bool {
        if t.chars().count() > 40 {
            return false;
        }
        let m = self.rec.find(t);
        m.len() == 1
            && m[0].start == 0
            && m[0].end == t.len()
            && m[0].entity.kind == EntityKind::Country
    }

    /// Handles text that may start with section titles and end with a
    /// paragraph number: `从各国政府收到的答复阿根廷5.`.
    fn heading_chunk(&mut self, mut s: &str, enum_level: Option<u8>) -> bool {
        let mut any = false;
        let mut level = enum_level;
        loop {
            let s_trim = s.trim().trim_start_matches(['.', ' ']);
            if s_trim.is_empty() {
                return any;
            }
            if let Some(e) = self.toc_prefix(s_trim) {
                let rest = s_trim[e.title.len()..].trim_start_matches(['.', ' ']);
                let rest_ok = rest.is_empty()
                    || self.toc_prefix(rest).is_some()
                    || is_para_alone(rest)
                    || is_para_text(rest)
                    || level.is_some();
                if !rest_ok {
                    return any;
                }
                let lvl = level.unwrap_or(e.level + 1).max(2);
                self.heading(lvl, &e.title);
                any = true;
                level = None;
                s = rest;
                continue;
            }
            // A paragraph number after a heading (the patterns are tried
            // only then: on a long line they read all of it).
            if any
                && is_para_alone(s_trim)
                && let Some(n) = self.para_number(s_trim)
            {
                self.start_para(n);
                return true;
            }
            if any
                && let Some(c) = para_text(s_trim)
                && c[1].parse::<u32>().ok() == Some(self.expected)
            {
                let n: u32 = c[1].parse().unwrap_or(self.expected);
                self.start_para(n);
                self.add_text(c.get(2).unwrap().as_str(), false);
                return true;
            }
            if let Some(lvl) = level
                && self.toc.is_empty()
            {
                // No TOC entry: the line itself is the title (minus a glued
                // paragraph number).
                if visible_len(s_trim) <= 100 && !s_trim.contains(['。', ',', '，']) {
                    if let Some(c) = glued_para(s_trim)
                        && c[2].parse::<u32>().ok() == Some(self.expected)
                        && self.numbered
                    {
                        self.heading(lvl.max(2), &c[1]);
                        self.start_para(self.expected);
                    } else {
                        self.heading(lvl.max(2), s_trim);
                    }
                    return true;
                }
                return any;
            }
            if any {
                self.add_text(s_trim, false);
            }
            return any;
        }
    }

    /// Whether `t` continues the open block across a blank line: the block
    /// stops mid-word (a letter, no closing punctuation) and `t` starts
    /// with a letter that cannot begin a sentence (Han, lowercase).
    fn continues_broken(&self, t: &str) -> bool {
        let Some((_, text)) = &self.open else {
            return false;
        };
        let last = text.trim_end().chars().next_back();
        let first = t.chars().next();
        visible_len(text) >= 20
            && last.is_some_and(|c| is_alnum(c) && !is_terminal(c))
            && first.is_some_and(|c| is_han(c) || c.is_lowercase() || is_unspaced(c))
    }

    fn add_text(&mut self, t: &str, blank_before: bool) {
        let t = t.trim();
        if t.is_empty() {
            return;
        }
        // (`LIST` needs its bullet first: most lines are not tried.)
        let list = t
            .starts_with(['-', '*', '+', '•', '▪', '●'])
            .then(|| LIST.captures(t))
            .flatten()
            .map(|c| c.get(1).unwrap().as_str().to_string())
            .or_else(|| {
                // Markdown ordered items keep their number: `1. text`.
                (self.markdown && ORDERED.is_match(t)).then(|| t.to_string())
            });
        if let Some(item) = list {
            self.close();
            self.open = Some((OpenKind::List, item));
            return;
        }
        let continue_open = match &self.open {
            None => false,
            Some((OpenKind::Para(Some(_)), _)) => true,
            Some((_, text)) => {
                let last = text.trim_end().chars().next_back();
                let first = t.chars().next();
                let broken = last
                    .is_some_and(|c| (is_alnum(c) || c == '-' || c == '(') && !is_terminal(c))
                    && first.is_some_and(|c| is_han(c) || c.is_lowercase() || is_unspaced(c));
                // A line that stops short of the sentence's end and filled
                // the width goes on, whatever the next word's case.
                let wrapped = self.hard_wrapped && !ends_sentence(text) && self.last_len >= 50;
                // In wrapped text a paragraph ends on a short line; a full
                // line that happens to end a sentence goes on.
                let full =
                    self.hard_wrapped && self.width >= 30 && self.last_len * 10 >= self.width * 9;
                // In wrapped Han text, where every line runs into the next,
                // a line well short of the width ends its paragraph (a
                // title line, an article number standing alone).
                let short_han = self.hard_wrapped
                    && self.width >= 20
                    && self.last_len * 10 < self.width * 6
                    && last.is_some_and(is_han);
                // Across a page break, in a run of paragraphs that end with
                // a comma (a preamble), a line in capitals after a comma
                // opens the next one (`…Ban Treaty,` / page / `Recalling
                // that…`): the page's end hid the paragraph break.
                let preamble_break = self.after_break
                    && self.comma_para
                    && text.trim_end().ends_with(is_comma)
                    && first.is_some_and(char::is_uppercase);
                if blank_before || short_han || preamble_break {
                    false
                } else {
                    broken
                        || wrapped
                        || full
                        || !ends_sentence(text) && !first.is_some_and(|c| c.is_uppercase())
                }
            }
        };
        // (Read only for hard-wrapped text.)
        if self.hard_wrapped {
            self.last_len = visible_len(t);
        }
        if continue_open {
            if let Some((_, text)) = self.open.as_mut() {
                // A markdown quote's lines each carry its `>`: the joined
                // quote carries one.
                let t = match t.strip_prefix('>') {
                    Some(rest) if self.markdown && text.starts_with('>') => rest.trim_start(),
                    _ => t,
                };
                join_keeping(text, t, &self.hyphenated);
            }
        } else {
            self.close();
            self.open = Some((OpenKind::Para(None), t.to_string()));
        }
    }

    fn run(&mut self, lines: &[String]) {
        let mut pending_enum: Option<u8> = None;
        let mut blank_before = true;
        let mut pending_break = false;
        let mut i = 0;
        while i < lines.len() {
            let raw = &lines[i];
            i += 1;
            if raw == PAGE_BREAK {
                pending_break = true;
                continue;
            }
            if let Some(k) = raw.strip_prefix(TABLE_MARK) {
                self.close();
                if let Some(t) = k.parse::<usize>().ok().and_then(|k| self.tables.get(k)) {
                    self.blocks.push(Block::Table(t.clone()));
                }
                blank_before = true;
                continue;
            }
            // Markdown's fenced code: kept verbatim, with its language.
            if self.markdown
                && let Some((marker, info)) = fence_open(raw)
            {
                self.close();
                let mut code: Vec<&str> = Vec::new();
                while i < lines.len() && !fence_closes(&lines[i], &marker) {
                    code.push(&lines[i]);
                    i += 1;
                }
                i += 1; // the closing fence (or the end)
                let lang = info.split_whitespace().next().map(|l| {
                    l.trim_matches(|c: char| c == '{' || c == '}' || c == '.')
                        .to_ascii_lowercase()
                });
                self.blocks.push(Block::Code {
                    lang,
                    text: code.join("\n"),
                });
                blank_before = true;
                continue;
            }
            let t = raw.trim();
            if t.is_empty() {
                blank_before = true;
                continue;
            }
            self.after_break = std::mem::take(&mut pending_break);
            let blank_after = lines.get(i).is_none_or(|l| l.trim().is_empty());
            let bb = std::mem::replace(&mut blank_before, false);
            if let Some(level) = pending_enum.take() {
                if self.heading_chunk(t, Some(level)) {
                    continue;
                }
                self.enum_label = None;
            }
            if let Some(c) = t.starts_with('#').then(|| MD_HEAD.captures(t)).flatten() {
                let level = c[1].len() as u8;
                self.heading(level.max(2), &c[2]);
                continue;
            }
            // `Annex I`, `Annexe`, `Приложение II`, `附件一`, `第三章`…
            if PART_HEAD.is_match(t)
                && !self
                    .open
                    .as_ref()
                    .is_some_and(|(_, text)| !ends_sentence(text) && !text.is_empty())
            {
                self.heading(2, t);
                continue;
            }
            if let Some(c) = may_open_enum_head(t)
                .then(|| ENUM_HEAD.captures(t))
                .flatten()
            {
                let e = c.get(1).or(c.get(2)).unwrap().as_str();
                let level = if e
                    .chars()
                    .all(|c| c.is_ascii_uppercase() && !"IVX".contains(c))
                {
                    3
                } else {
                    2
                };
                let rest_at = c.get(3).unwrap().start();
                let rest = c.get(3).unwrap().as_str();
                let in_sentence = self.open.as_ref().is_some_and(|(_, text)| {
                    let t = text.trim_end();
                    // `…第B.` + `E.`: an abbreviation, not a heading.
                    let abbrev = t.len() >= 2
                        && t.ends_with('.')
                        && t[..t.len() - 1].ends_with(|c: char| c.is_ascii_uppercase());
                    (!ends_sentence(t) && !t.is_empty()) || abbrev
                });
                if !in_sentence {
                    self.enum_label = Some(t[..rest_at].trim().to_string());
                    if rest.is_empty() {
                        pending_enum = Some(level);
                        continue;
                    }
                    if self.heading_chunk(rest, Some(level)) {
                        continue;
                    }
                    self.enum_label = None;
                }
            }
            if let Some(n) = self.para_number(t) {
                self.start_para(n);
                continue;
            }
            if let Some((num, rest)) = self.decimal_number(t, bb, bb && blank_after) {
                self.start_decimal(num);
                self.add_text(rest, false);
                continue;
            }
            // Numbered like a paragraph but short and standing alone: a
            // section's heading (`10.2 Objective`), which no numbered
            // paragraph runs on into.
            if self.decimal
                && bb
                && blank_after
                && decimal_para(t).is_some_and(|(_, _, rest)| is_heading_like(rest))
            {
                self.heading(3, t);
                continue;
            }
            // The next number, or one or two further on at the start of a
            // paragraph: a number the source lost (`26 Condemns`, its full
            // stop missing) must not stop the numbering of the rest.
            if self.numbered
                && let Some(c) = para_text(t)
                && let Some(n) = c[1].parse::<u32>().ok()
                && (n == self.expected || bb && n > self.expected && n <= self.expected + 2)
            {
                self.start_para(n);
                self.add_text(c.get(2).unwrap().as_str(), false);
                continue;
            }
            if self.numbered
                && bb
                && starts_numeric(t)
                && let Some(c) = PARA_DIGIT_TEXT.captures(t)
                && c[1].parse::<u32>().ok() == Some(self.expected)
            {
                self.start_para(self.expected);
                self.add_text(c.get(2).map_or("", |m| m.as_str()), false);
                continue;
            }
            if !self.toc.is_empty() && self.heading_chunk(t, None) {
                continue;
            }
            if self.numbered && self.toc.is_empty() {
                let (name, num) = match glued_para(t) {
                    Some(c) if c[2].parse::<u32>().ok() == Some(self.expected) => {
                        (c[1].to_string(), true)
                    }
                    _ => (t.to_string(), false),
                };
                if self.country_heading(name.trim()) {
                    self.heading(2, name.trim());
                    if num {
                        self.start_para(self.expected);
                    }
                    continue;
                }
            }
            // A word broken across a blank line (one blank, no indent):
            // the text goes on.
            let one_blank =
                i >= 3 && lines[i - 2].trim().is_empty() && !lines[i - 3].trim().is_empty();
            if bb
                && one_blank
                && !raw.starts_with(' ')
                && self.continues_broken(t)
                && let Some((_, text)) = self.open.as_mut()
            {
                join_keeping(text, t, &self.hyphenated);
                continue;
            }
            // A resolution's closing line (`45th plenary meeting`) after
            // its last paragraph is no part of it.
            if bb && MEETING.is_match(t) {
                self.close();
                self.open = Some((OpenKind::Para(None), String::new()));
                self.add_text(t, false);
                continue;
            }
            // A short standalone line between blank lines is a heading —
            // unless an author wrote the markdown: it marks its headings,
            // and a short paragraph of its own (`My favourite things`
            // over a list) stays one.
            let in_numbered_para = matches!(self.open, Some((OpenKind::Para(Some(_)), _)));
            let standalone = bb && blank_after && !self.authored;
            // The first line of a web text, short and without a full stop,
            // is its headline even when a dateline follows at once.
            // Not when the next line goes on with it: in lower case, with
            // a bracket a clause goes on from (`…letter dated 25 June 2025`
            // / `(S/2025/433), concerning …`; not `(Reuters) — The …`),
            // or set back to the left of a line indented as a paragraph's
            // first (`     I have the honour to …` / `the members …`).
            let goes_on = lines.get(i).is_some_and(|next| {
                let n = next.trim();
                !n.is_empty()
                    && ((starts_mid_sentence(n) && t.chars().any(char::is_uppercase))
                        || bracket_goes_on(n)
                        || indent(raw) >= indent(next) + 2)
            });
            let first_line =
                self.blocks.is_empty() && self.open.is_none() && !self.hard_wrapped && !goes_on;
            // In wrapped text (a PDF, a text dump) a line that starts in
            // the middle of a sentence — its first word in lower case, no
            // item's label — is a wrapped line set apart (a table's cell,
            // a column's line), not a heading.
            let mid_sentence = self.hard_wrapped && starts_mid_sentence(t);
            // A headline may ask or exclaim (`Will the Council act on
            // Gaza?`): the first line of a web text, standing alone.
            let asks = || {
                let q = t.trim_end_matches(['?', '!', '？', '！']);
                first_line
                    && blank_after
                    && q.len() < t.len()
                    && q.split_whitespace().count() >= 3
                    && !q.ends_with(is_terminal)
                    && is_heading_like(q)
            };
            if (standalone || first_line)
                && !in_numbered_para
                && !mid_sentence
                && (is_heading_like(t) || asks())
            {
                self.heading(2, t);
                continue;
            }
            self.add_text(t, bb);
        }
        self.close();
    }
}

/// Whether a line opens with a bracket that a clause goes on from, in
/// lower case or after a comma or semicolon (`(S/2025/433), concerning`,
/// `(A/79/1) and the`): the middle of a sentence.
fn bracket_goes_on(line: &str) -> bool {
    let close = match line.chars().next() {
        Some('(') => ')',
        Some('[') => ']',
        _ => return false,
    };
    line.find(close).is_some_and(|e| {
        let after = line[e + 1..].trim_start();
        after.starts_with([',', ';']) || starts_mid_sentence(after)
    })
}

/// Whether text ends a sentence (footnote markers after the full stop or
/// before it do not count).
fn ends_sentence(text: &str) -> bool {
    let mut t = text.trim_end();
    while t.ends_with(FN_CLOSE) {
        match t.rfind(FN_OPEN) {
            Some(i) => t = t[..i].trim_end(),
            None => break,
        }
    }
    t.chars().next_back().is_some_and(is_terminal)
}

fn is_heading_like(t: &str) -> bool {
    let len = visible_len(t);
    let words = t.split_whitespace().count();
    let han = t.chars().filter(|&c| is_han(c)).count();
    let letters = t.chars().filter(|&c| is_letter(c)).count();
    let last = t.chars().next_back().unwrap_or('.');
    // A line in capitals is set as a heading, however long (a press
    // release's headline of 26 words): a sentence of text is not.
    let capitals =
        t.chars().filter(|c| c.is_uppercase()).count() >= 12 && !t.chars().any(char::is_lowercase);
    let short = if han * 2 > len {
        len <= 40
    } else if capitals {
        words <= 40 && len <= 300
    } else {
        words <= 20 && len <= 140
    };
    letters * 2 >= len
        && short
        && !is_terminal(last)
        && !is_comma(last)
        && !t.contains(['，', '。', '；', ';', '؛', '@', '•'])
        && !t.contains("://")
        && !t.contains("www.")
        && t.matches(", ").count() + t.matches("، ").count() <= 1
        && !LIST.is_match(t)
}

/// Whether a line's first word starts in lower case and is no item's
/// label (`(a)`, `b)`, `iv.`): it goes on a sentence.
pub(crate) fn starts_mid_sentence(t: &str) -> bool {
    let Some(w) = t.split_whitespace().next() else {
        return false;
    };
    let label = w.len() <= 6
        && (w.ends_with(['.', ')']))
        && w.trim_start_matches('(')
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_lowercase());
    w.chars().next().is_some_and(char::is_lowercase) && !label
}

/// Moves footnote markers at the start of a line out of it.
fn split_leading_refs(t: &str) -> (String, &str) {
    let mut markers = String::new();
    let mut rest = t;
    while rest.starts_with(FN_OPEN) {
        match rest.find(FN_CLOSE) {
            Some(e) => {
                markers.push_str(&rest[..e + FN_CLOSE.len_utf8()]);
                rest = &rest[e + FN_CLOSE.len_utf8()..];
            }
            None => break,
        }
    }
    (markers, rest)
}

/// Joins a broken line onto text: no space for unspaced scripts, de-hyphenates
/// Latin words broken at a line end, keeps URLs whole.
pub fn join_into(text: &mut String, next: &str) {
    join_keeping(text, next, &HashSet::new());
}

/// Words written with a hyphen somewhere in a document (`state-owned`):
/// when one is broken at its hyphen, the hyphen stays.
pub fn hyphenated_words(lines: &[String]) -> HashSet<String> {
    let mut out = HashSet::new();
    for l in lines.iter().filter(|l| l.contains('-')) {
        for w in l.split(|c: char| !(is_alnum(c) || c == '-')) {
            let w = w.trim_matches('-');
            if w.contains('-') && w.split('-').all(|p| p.chars().any(is_letter)) {
                out.insert(w.to_lowercase());
            }
        }
    }
    out
}

/// [`join_into`], keeping the hyphen of words in `keep`.
pub fn join_keeping(text: &mut String, next: &str, keep: &HashSet<String>) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    let last = text.chars().next_back().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    let before_last = text.chars().rev().nth(1).unwrap_or(' ');
    if last == '-' && is_letter(before_last) && first.is_lowercase() {
        let head = text[..text.len() - 1]
            .rsplit(|c: char| !(is_alnum(c) || c == '-'))
            .next()
            .unwrap_or("");
        let tail: String = next
            .chars()
            .take_while(|c| is_alnum(*c) || *c == '-')
            .collect();
        if !keep.contains(&format!("{head}-{tail}").to_lowercase()) {
            text.pop();
        }
        text.push_str(next);
        return;
    }
    // Only looked at after a full stop, and only its last 4 KiB: in
    // unspaced text the last "word" is the whole paragraph.
    let last_word = || {
        let mut from = text.len().saturating_sub(4096);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        text[from..]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
    };
    let url_like = last == '.'
        && first.is_ascii_lowercase()
        && (last_word().contains("www.")
            || last_word().contains("://")
            || last_word().contains('/')
            || {
                let w = last_word();
                w.len() <= 6
                    && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
                    && !w.is_empty()
                    && w.starts_with(|c: char| c.is_ascii_lowercase())
            });
    // Curly quotes are CJK punctuation only beside CJK text: `entitled`
    // + `“Building…` keeps its space, `题为` + `“打击…` has none.
    let quote = |c: char| ('\u{2018}'..='\u{201F}').contains(&c);
    let second = next.chars().nth(1).unwrap_or(' ');
    let cjk_punct = |c: char, before: char, after: char| {
        is_cjk_punct(c) && (!quote(c) || is_unspaced(before) || is_unspaced(after))
    };
    let tight = is_unspaced(last)
        || is_unspaced(first)
        || cjk_punct(last, before_last, first)
        || cjk_punct(first, last, second)
        || last == FN_CLOSE
        || first == FN_OPEN
        || (matches!(last, '.' | ',' | ';' | ':' | ')' | '"')
            && text.chars().rev().nth(1).is_some_and(is_han))
        || url_like
        || last.is_whitespace();
    if !tight {
        text.push(' ');
    }
    text.push_str(next);
}

/// Splits `(a)…(b)…` out of a paragraph when the letters run in order.
fn split_items(text: &str) -> (String, Vec<String>) {
    // Every label closes with a parenthesis.
    if !text.contains([')', '）']) {
        return (text.to_string(), Vec::new());
    }
    // Labels in the alphabets of the UN languages: `(a)` (English,
    // Chinese), `a)` after a space or colon (French, Spanish), `а)`/`(а)`
    // (Russian), `(أ)` (Arabic). The style that runs furthest in sequence wins.
    const LATIN: &str = "abcdefghijklmnopqrstuvwxyz";
    const CYRILLIC: &str = "абвгдежзиклмнопрстуфхцчшщэюя";
    const ARABIC: &[&str] = &[
        "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص",
        "ق", "ر",
    ];
    let after_space =
        |before: &str| before.is_empty() || before.ends_with([' ', ':', ';', '\n', '：', '；']);
    // `(a)` glued to a word or number (`5(a)`, `Art.3(b)`) is a reference,
    // not a label; glued to Han text (`包括:(a)`, `；(b)`) it is a label.
    let not_in_word = |before: &str| {
        before
            .chars()
            .next_back()
            .is_none_or(|c| !is_alnum(c) || is_han(c))
    };
    // The labels of each style, made once.
    type Labels = LazyLock<Vec<String>>;
    fn labels(letters: Vec<String>, label: fn(&str) -> String) -> Vec<String> {
        letters.iter().map(|l| label(l)).collect()
    }
    static LATIN_P: Labels = LazyLock::new(|| {
        labels(LATIN.chars().map(String::from).collect(), |l| {
            format!("({l})")
        })
    });
    static LATIN_R: Labels = LazyLock::new(|| {
        labels(LATIN.chars().map(String::from).collect(), |l| {
            format!("{l})")
        })
    });
    static CYRILLIC_P: Labels = LazyLock::new(|| {
        labels(CYRILLIC.chars().map(String::from).collect(), |l| {
            format!("({l})")
        })
    });
    static CYRILLIC_R: Labels = LazyLock::new(|| {
        labels(CYRILLIC.chars().map(String::from).collect(), |l| {
            format!("{l})")
        })
    });
    static ARABIC_P: Labels = LazyLock::new(|| {
        labels(ARABIC.iter().map(|s| s.to_string()).collect(), |l| {
            format!("({l})")
        })
    });
    // Chinese: (一) (二) (三) or full-width （一）.
    static HAN_P: Labels = LazyLock::new(|| {
        labels(
            "一二三四五六七八九十".chars().map(String::from).collect(),
            |l| format!("({l})"),
        )
    });
    static HAN_F: Labels = LazyLock::new(|| {
        labels(
            "一二三四五六七八九十".chars().map(String::from).collect(),
            |l| format!("（{l}）"),
        )
    });
    let candidates = [
        item_cuts(text, &LATIN_P, not_in_word),
        item_cuts(text, &LATIN_R, after_space),
        item_cuts(text, &CYRILLIC_P, not_in_word),
        item_cuts(text, &CYRILLIC_R, after_space),
        item_cuts(text, &ARABIC_P, not_in_word),
        item_cuts(text, &HAN_P, |_| true),
        item_cuts(text, &HAN_F, |_| true),
    ];
    let cuts = candidates
        .into_iter()
        .max_by_key(Vec::len)
        .unwrap_or_default();
    if cuts.len() < 2 {
        // Only roman sub-items, `(i) … (ii) …`?
        let sub = roman_cuts(text);
        if sub.len() < 2 {
            return (text.to_string(), Vec::new());
        }
        return (text[..sub[0]].trim().to_string(), pieces(text, &sub));
    }
    let intro = text[..cuts[0]].trim().to_string();
    let mut items = Vec::new();
    for item in pieces(text, &cuts) {
        // An item's own sub-items `(i)`, `(ii)` get lines of their own.
        let sub = roman_cuts(&item);
        if sub.len() >= 2 {
            let head = item[..sub[0]].trim();
            if !head.is_empty() {
                items.push(head.to_string());
            }
            items.extend(pieces(&item, &sub));
        } else {
            items.push(item);
        }
    }
    (intro, items)
}

fn pieces(text: &str, cuts: &[usize]) -> Vec<String> {
    cuts.iter()
        .enumerate()
        .map(|(k, &c)| {
            let end = cuts.get(k + 1).copied().unwrap_or(text.len());
            text[c..end].trim().to_string()
        })
        .collect()
}

/// `(i)`, `(ii)`, `(iii)`… in order.
fn roman_cuts(text: &str) -> Vec<usize> {
    const ROMAN: [&str; 12] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    static NUMERALS: LazyLock<Vec<String>> =
        LazyLock::new(|| ROMAN.iter().map(|l| format!("({l})")).collect());
    item_cuts(text, &NUMERALS, |before: &str| {
        before
            .chars()
            .next_back()
            .is_none_or(|c| !is_alnum(c) || is_han(c))
    })
}

/// Positions of the labels of an alphabet, in order (each found by
/// memchr's SIMD substring search: seven alphabets are tried on every
/// paragraph holding a parenthesis).
fn item_cuts(text: &str, labels: &[String], before_ok: impl Fn(&str) -> bool) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut from = 0;
    for pat in labels {
        let mut found = None;
        let mut search = from;
        while let Some(off) = memchr::memmem::find(&text.as_bytes()[search..], pat.as_bytes()) {
            let at = search + off;
            if before_ok(&text[..at]) {
                found = Some(at);
                break;
            }
            search = at + pat.len();
        }
        match found {
            Some(at) => {
                cuts.push(at);
                from = at + pat.len();
            }
            None => break,
        }
    }
    cuts
}

/// `text` without the footnote markers (`FN_OPEN` label `FN_CLOSE`) that
/// structure puts in running text.
fn without_footnote_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(FN_OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + FN_OPEN.len_utf8()..];
        rest = match after.find(FN_CLOSE) {
            Some(j) => &after[j + FN_CLOSE.len_utf8()..],
            None => after,
        };
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// A title from the leading short lines (the longest one, so a kicker like
/// `Press release` loses to the headline), else the first heading.
/// A title set in capitals over three or more lines of the document's
/// first block (`UNDANG-UNDANG REPUBLIK INDONESIA` / `NOMOR 7 TAHUN 2024` /
/// `TENTANG` / `PERLINDUNGAN ARSIP DAERAH`, a law's or a treaty's heading)
/// is one heading: the lines stand together, with no blank line between.
/// Two lines are left to [`join_broken_title`] (a kicker over a headline
/// is two headings).
fn join_title_lines(blocks: &mut Vec<Block>, lines: &[String]) -> bool {
    let lead: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .skip_while(|l| l.is_empty() || *l == PAGE_BREAK)
        .take_while(|l| !l.is_empty() && *l != PAGE_BREAK)
        .take(6)
        .collect();
    let caps = |s: &str| {
        let letters: Vec<char> = s.chars().filter(|&c| is_letter(c)).collect();
        !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
    };
    let k = blocks
        .iter()
        .zip(&lead)
        .take_while(|(b, l)| {
            let text = match b {
                Block::Heading { text, .. } => text,
                Block::Para {
                    num: None,
                    text,
                    items,
                } if items.is_empty() => text,
                _ => return false,
            };
            text == *l && caps(l)
        })
        .count();
    if k < 3 || k < lead.len() {
        return false;
    }
    let joined = lead.join(" ");
    if visible_len(&joined) > 250 {
        return false;
    }
    blocks.splice(
        0..k,
        [Block::Heading {
            level: 1,
            text: joined,
        }],
    );
    true
}

/// A title broken over two leading lines (`COMMUNIQUÉ … ST` / `VINCENT AND
/// THE GRENADINES, 18 - 21 NOVEMBER 2002`) is one heading: the first line
/// ends without punctuation and the second goes on in the same case, or in
/// lower case.
fn join_broken_title(blocks: &mut Vec<Block>, apart: bool) {
    let continues = |a: &str, b: &str| -> bool {
        let a = a.trim_end();
        let Some(first_b) = b.trim_start().chars().next() else {
            return false;
        };
        let ends_open = !a.ends_with(|c: char| {
            is_terminal(c) || matches!(c, ':' | '：' | ')' | '）' | '»' | '"' | '”')
        });
        let caps = |s: &str| {
            let letters: Vec<char> = s.chars().filter(|&c| is_letter(c)).collect();
            // Caseless scripts (Arabic, Han) have no capitals to match.
            letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
        };
        // A line that is only a date (`10 ΔΕΚΕΜΒΡΙΟΥ 1948`) dates the
        // title; a place and days go on it (`…, 18 - 21 NOVEMBER 2002`).
        let only_date = || {
            b.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .count()
                <= 2
                && super::metadata::find_date(b, "").is_some()
        };
        // A lower-case start continues a line only in a text that writes
        // capitals (Georgian letters are lower case, and every line
        // starts with one).
        let lower_start = first_b.is_lowercase() && a.chars().any(char::is_uppercase);
        // A capitals line of one word (`ПРЕАМБУЛА`) under a capitals title,
        // or one a blank line sets apart (`UNITED NATIONS` under `UNIVERSAL
        // DECLARATION OF HUMAN RIGHTS`), is its own heading unless the
        // title breaks after a short word left hanging (`CONVENTION ON THE
        // RIGHTS OF THE` / `CHILD`).
        let hanging = || {
            !apart && b.split_whitespace().count() >= 2
                || a.split_whitespace()
                    .last()
                    .is_some_and(|w| w.chars().filter(|&c| is_letter(c)).count() <= 3)
        };
        ends_open
            && visible_len(a) >= 25
            && !ENUM_HEAD.is_match(b.trim_start())
            && !super::text::is_adoption_statement(b)
            && !is_byline(b)
            && !only_date()
            && (lower_start || (caps(a) && caps(b) && hanging()))
    };
    if blocks.len() < 2 {
        return;
    }
    let second = match &blocks[1] {
        Block::Heading { text, .. } => Some(text),
        Block::Para {
            num: None,
            text,
            items,
        } if items.is_empty() && visible_len(text) <= 120 => Some(text),
        _ => None,
    };
    if let (Block::Heading { text: a, .. }, Some(b)) = (&blocks[0], second)
        && continues(a, b)
    {
        let joined = format!("{} {}", a.trim_end(), b.trim_start());
        blocks.remove(1);
        if let Block::Heading { text, .. } = &mut blocks[0] {
            *text = joined;
        }
    }
}

/// Whether a blank line stands between the text's first two lines (a
/// title broken in two runs on; a heading under a title stands apart).
/// `false` when the lines are not known.
fn lead_apart(lines: &[String]) -> bool {
    let mut rest = lines
        .iter()
        .map(|l| l.trim())
        .skip_while(|l| l.is_empty() || *l == PAGE_BREAK);
    rest.next().is_some() && rest.next().is_some_and(|l| l.is_empty() || l == PAGE_BREAK)
}

/// `by Viktor Ageyev`, `von Anna Schmidt`, `par Jean Dupont`: the
/// author's line under a title, not the title's second line.
fn is_byline(t: &str) -> bool {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:by|von|par|por|di|door|av|af|przez|od|от|tác giả|oleh)\s+\p{Lu}").unwrap()
    });
    let t = t.trim();
    visible_len(t) <= 80 && BYLINE.is_match(t)
}

/// A markdown link and nothing else (`[Home](https://…)`).
fn is_only_a_link(text: &str) -> bool {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^!?\[[^\]]*\]\([^)\s]*(?:\s+[^)]*)?\)$").unwrap());
    LINK.is_match(text.trim())
}

fn take_title(
    blocks: &mut Vec<Block>,
    toc: &[TocEntry],
    join: bool,
    apart: bool,
) -> Option<String> {
    if join {
        join_broken_title(blocks, apart);
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, b) in blocks.iter().enumerate().take(4) {
        match b {
            // A heading that is only a link (`### [返回首頁](https://…)`)
            // leads elsewhere: navigation, not this document's name.
            Block::Heading { text, .. } if is_only_a_link(text) => {}
            Block::Heading { text, .. } if !toc.iter().any(|e| text.ends_with(&e.title)) => {
                // An adoption statement is no title, however long.
                let l = if super::text::is_adoption_statement(text) {
                    0
                } else {
                    visible_len(text)
                };
                // A line a scraper saved twice (the page's `<title>` and
                // its `<h1>`) is the headline, over a longer subheading
                // or a site's tagline.
                let twice = blocks
                    .iter()
                    .take(4)
                    .skip(i + 1)
                    .any(|o| matches!(o, Block::Heading { text: t, .. } if t == text));
                let l = if twice && l > 0 { usize::MAX } else { l };
                if best.is_none_or(|(_, bl)| l > bl) {
                    best = Some((i, l));
                }
            }
            _ => break,
        }
    }
    if let Some((i, _)) = best
        && let Block::Heading { text, .. } = blocks.remove(i)
    {
        return Some(text);
    }
    // No headline above the text: the first heading names the document,
    // and stays where it is as the heading of its section.
    let first_heading = blocks.iter().find_map(|b| match b {
        Block::Heading { text, .. }
            if !is_only_a_link(text) && !toc.iter().any(|e| text.ends_with(&e.title)) =>
        {
            Some(text.clone())
        }
        _ => None,
    });
    // Else the title pass takes the first sentence.
    first_heading
}

/// A markdown code fence opening (up to three spaces, then three or more
/// backticks or tildes): its marker and its info string (`go {linenos}`).
fn fence_open(line: &str) -> Option<(String, String)> {
    let indent = indent(line);
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let c = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let marker: String = t.chars().take_while(|&x| x == c).collect();
    if marker.len() < 3 {
        return None;
    }
    let info = t[marker.len()..].trim();
    // A backtick fence's info string has no backtick (that is inline code).
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((marker, info.to_string()))
}

/// Whether `line` closes a fence opened with `marker`.
fn fence_closes(line: &str, marker: &str) -> bool {
    let t = line.trim();
    let c = marker.chars().next().unwrap_or('`');
    t.len() >= marker.len() && t.chars().all(|x| x == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_fascicle_is_titled_by_its_budget_part_and_section() {
        let front = "United Nations\nA/81/6 (Sect. 10)/Part A*\nGeneral Assembly\nDistr.: General\n19 February 2026\n\
                     Items 138 and 139 of the preliminary list**\n\nProposed programme budget for 2027\n\nProgramme planning\n\n\
                     Proposed programme budget for 2027\n\nPart IV International cooperation for development\n\n\
                     Section 10 Least developed countries, landlocked developing countries and small island developing States\n\n\
                     Programme 8 Least developed countries, landlocked developing countries and small island developing States\n";
        assert_eq!(
            fascicle_title(front).as_deref(),
            Some(
                "Proposed programme budget for 2027, Part IV, International cooperation for development, Section 10, Least developed countries, landlocked developing countries and small island developing States"
            )
        );
        // A masthead without a part and a section has no such title.
        assert_eq!(
            fascicle_title(
                "General Assembly\nDistr.: General\n\nPart of the report of the Committee\n"
            ),
            None
        );
    }

    #[test]
    fn a_masthead_title_broken_over_two_lines_is_one_title() {
        let lines = |v: &[&str]| v.iter().map(|l| (l.to_string(), false)).collect::<Vec<_>>();
        assert_eq!(
            extension_title(&lines(&[
                "RESTORATION OF THE LAWFUL RIGHTS OF THE PEOPLE'S REPUBLIC",
                "OF CHINA IN THE UNITED NATIONS",
            ]))
            .as_deref(),
            Some(
                "RESTORATION OF THE LAWFUL RIGHTS OF THE PEOPLE'S REPUBLIC OF CHINA IN THE UNITED NATIONS"
            )
        );
        // A committee report's officer is no part of its title.
        assert_eq!(
            extension_title(&lines(&[
                "Report of the Special Political and Decolonization Committee (Fourth Committee)",
                "Rapporteur: Ms. Riitta RESCH (Finland)",
            ]))
            .as_deref(),
            Some("Report of the Special Political and Decolonization Committee (Fourth Committee)")
        );
        // A title and the body that issues it stay two parts.
        assert_eq!(
            extension_title(&lines(&[
                "Promotion and protection of the rights of children",
                "Report of the Secretary-General",
            ]))
            .as_deref(),
            Some(
                "Promotion and protection of the rights of children: report of the Secretary-General"
            )
        );
    }
    use crate::ingest::clean::clean;

    fn structure(text: &str) -> Structured {
        build(clean(text), &Recognizer::builtin())
    }

    #[test]
    fn a_heading_that_is_only_a_link_is_no_title() {
        let text = "### [:house:返回首頁](https://github.com/example/txt)\n\n---\n\n## 联合国大会决议要求俄罗斯结束对乌克兰的进攻\n\n联合国大会周三以压倒性优势通过了一项决议。\n";
        let s = build(
            crate::ingest::clean::clean_authored(text),
            &Recognizer::builtin(),
        );
        assert_eq!(
            s.title.as_deref(),
            Some("联合国大会决议要求俄罗斯结束对乌克兰的进攻")
        );
    }

    #[test]
    fn an_authors_short_paragraph_is_no_heading() {
        let text = "The week was busy.\n\nMy favourite things\n\n- apples\n- pears\n\n## Marked heading\n\nSome closing words here.\n";
        let s = build(
            crate::ingest::clean::clean_authored(text),
            &Recognizer::builtin(),
        );
        assert_eq!(headings(&s), ["Marked heading"], "{:?}", s.blocks);
        // The same short line in a text between blank lines heads what follows.
        let s = structure(
            "The week was busy.\n\nMy favourite things\n\nApples and pears were on the list of things the author liked.\n",
        );
        assert!(
            s.blocks
                .iter()
                .any(|b| matches!(b, Block::Heading { text, .. } if text == "My favourite things")),
            "{:?}",
            s.blocks
        );
    }

    /// The text of a document's body's first block, if a paragraph.
    fn first_text(s: &Structured) -> String {
        match s.blocks.first() {
            Some(Block::Para { text, .. }) => text.clone(),
            other => format!("not a paragraph: {other:?}"),
        }
    }

    /// Structures `text`; asserts its title, and that its body opens with
    /// a paragraph that starts with `opens`. Returns the structure.
    fn titled(text: &str, title: &str, opens: &str) -> Structured {
        let s = structure(text);
        assert_eq!(s.title.as_deref(), Some(title));
        assert!(first_text(&s).starts_with(opens), "{:?}", first_text(&s));
        s
    }

    #[test]
    fn a_letters_title_stating_its_date_is_the_title_and_its_first_paragraph_stays_text() {
        // A letter as a layout-keeping text dump sets it: the masthead,
        // the title over two lines, a blank line, the paragraph with its
        // first line indented.
        let letter = |title: &str, para: &str| {
            format!(
                "   United Nations                                        S/2025/434\n   Security Council                         Distr.: General\n                                            30 June 2025\n\n                                            Original: English\n\n\n{title}\n\n{para}\n\n                                   (Signed) Jane Roe\n                                   President of the Security Council\n"
            )
        };
        let para = "        I have the honour to inform you that your letter dated 25 June 2025\n   (S/2025/433), concerning your intention to appoint a Special Representative, has been\n   brought to the attention of the members of the Security Council. They take note of\n   the intention expressed therein.";
        titled(
            &letter(
                "   Letter dated 30 June 2025 from the President of the\n   Security Council addressed to the Secretary-General",
                para,
            ),
            "Letter dated 30 June 2025 from the President of the Security Council addressed to the Secretary-General",
            "I have the honour",
        );
        // Without the layout's indents, the paragraph is told by its
        // sentence; a title on one line that states a date is the title.
        let flush: String = para.lines().map(str::trim).collect::<Vec<_>>().join("\n");
        titled(
            &letter(
                "Letter dated 25 June 2025 from the Secretary-General addressed to the President of the Security Council",
                &flush,
            ),
            "Letter dated 25 June 2025 from the Secretary-General addressed to the President of the Security Council",
            "I have the honour",
        );
        // A title broken after a word that does not leave the phrase open
        // (`…from the Permanent` / `Observer of …`) is one title still.
        titled(
            &letter(
                "Agenda item 5\nIllegal actions in the Territory\n\n   Identical letters dated 19 March 2025 from the Permanent\n   Observer of the State of Palestine to the United Nations addressed\n   to the Secretary-General and the President of the Security Council",
                para,
            ),
            "Identical letters dated 19 March 2025 from the Permanent Observer of the State of Palestine to the United Nations addressed to the Secretary-General and the President of the Security Council",
            "I have the honour",
        );
    }

    #[test]
    fn a_communications_title_is_known_in_the_six_languages() {
        for title in [
            "Letter dated 30 June 2025 from the President of the Security Council addressed to the Secretary-General",
            "Identical letters dated 19 March 2025 from the Permanent Observer",
            "Note verbale dated 20 August 2025 from the Permanent Mission of Poland",
            "Lettre datée du 30 juin 2025, adressée au Secrétaire général par le Président du Conseil de sécurité",
            "Lettres identiques datées du 19 mars 2025, adressées au Secrétaire général",
            "Carta de fecha 30 de junio de 2025 dirigida al Secretario General",
            "Cartas idénticas de fecha 19 de marzo de 2025 dirigidas al Secretario General",
            "Nota verbal de fecha 20 de agosto de 2025 dirigida a la Presidencia del Consejo de Seguridad",
            "Письмо Председателя Совета Безопасности от 30 июня 2025 года на имя Генерального секретаря",
            "Идентичные письма Постоянного наблюдателя от 19 марта 2025 года",
            "Вербальная нота Постоянного представительства Польши от 20 августа 2025 года",
            "رسالة مؤرخة 30 حزيران/يونيه 2025 موجهة إلى الأمين العام من رئيس مجلس الأمن",
            "رسالتان متطابقتان مؤرختان 19 آذار/مارس 2025 موجهتان إلى الأمين العام",
            "2025年6月30日安全理事会主席给秘书长的信",
            "2025年3月19日巴勒斯坦国常驻联合国观察员给秘书长和安全理事会主席的同文信",
        ] {
            assert!(is_communication(title), "{title}");
        }
        for line in [
            "Resolution adopted by the General Assembly on 14 November 2025",
            "Letters to the editor",
            "30 June 2025",
            "2025年6月30日",
        ] {
            assert!(!is_communication(line), "{line}");
        }
    }

    #[test]
    fn a_letters_title_ends_where_its_first_sentence_begins_with_no_blank_line_between() {
        // A dump that lost its blank lines: the title's lines, then the
        // letter's first paragraph at once.
        let text = "A/AC.154/383\nNaciones Unidas\nAsamblea General\nDistr. general\n16 de agosto de 2007\nOriginal: inglés\nComité de Relaciones con el País Anfitrión\nCarta de fecha 10 de agosto de 2007 dirigida al Presidente\ndel Comité de Relaciones con el País Anfitrión por el\nMinistro Consejero de la Misión de los Estados Unidos\nTengo el honor de transmitir una nota verbal de fecha 10 de agosto de 2007\nenviada por la Misión de los Estados Unidos (véase el anexo).\nSolicito que tenga a bien hacer distribuir la presente carta.\n";
        titled(
            text,
            "Carta de fecha 10 de agosto de 2007 dirigida al Presidente del Comité de Relaciones con el País Anfitrión por el Ministro Consejero de la Misión de los Estados Unidos",
            "Tengo el honor",
        );
    }

    #[test]
    fn a_headline_saved_twice_over_a_longer_subheading_is_the_title_and_a_kicker_is_not() {
        let body = "Το Συμβούλιο Ασφαλείας του ΟΗΕ υιοθέτησε σήμερα ομόφωνα το ψήφισμα 2506, με το οποίο ανανεώνεται η θητεία της αποστολής.\n";
        let s = structure(&format!(
            "Ανανεώθηκε ομόφωνα η θητεία της αποστολής\n\nΑνανεώθηκε ομόφωνα η θητεία της αποστολής\n\nΩς σημαντικό το κρίνει το Υπουργείο Εξωτερικών\n\n{body}"
        ));
        assert_eq!(
            s.title.as_deref(),
            Some("Ανανεώθηκε ομόφωνα η θητεία της αποστολής")
        );
        let s = structure(&format!(
            "Press release\n\nΑνανεώθηκε ομόφωνα η θητεία της αποστολής\n\n{body}"
        ));
        assert_eq!(
            s.title.as_deref(),
            Some("Ανανεώθηκε ομόφωνα η θητεία της αποστολής")
        );
    }

    #[test]
    fn a_headline_that_asks_is_the_title() {
        let s = structure(
            "Will the Security Council act on the ceasefire?\n\nThe members met on Monday and heard a briefing. No draft was put to the vote.\n",
        );
        assert_eq!(
            s.title.as_deref(),
            Some("Will the Security Council act on the ceasefire?")
        );
    }

    #[test]
    fn a_long_headline_in_capitals_is_the_title() {
        let headline = "FACE A LA MENACE TERRORISTE ET AU RISQUE POSE PAR LES ARMES DE DESTRUCTION MASSIVE, LE CONSEIL DE SECURITE ADRESSE UNE SERIE DE DEMANDES AUX ETATS";
        let s = structure(&format!(
            "CS/2669\n\n{headline}\n\n28/04/2004\n\nConseil de sécurité CS/2669\n\nLe Conseil de sécurité, gravement préoccupé par la menace du terrorisme, a ce matin adressé une série de demandes aux Etats Membres de l'Organisation.\n"
        ));
        assert_eq!(s.title.as_deref(), Some(headline));
    }

    #[test]
    fn a_headline_over_an_agencys_bracket_stays_the_headline() {
        let s = structure(
            "Ministers agree on new cyber rules\n(Reuters) - The ministers met in Geneva on Monday and agreed on the rules.\n",
        );
        assert_eq!(
            s.title.as_deref(),
            Some("Ministers agree on new cyber rules")
        );
    }

    #[test]
    fn an_amendments_label_broken_over_two_lines_is_one_title() {
        let text = "   United Nations                                        S/2025/117\n   Security Council                         Distr.: General\n                                            24 February 2025\n\n                                            Original: English\n\n\n   Russian Federation: amendment to the draft resolution contained\n   in document S/2025/112\n\n        In the operative paragraph, after “swift end of the conflict” insert “including\n   addressing its root causes”.\n";
        let s = titled(
            text,
            "Russian Federation: amendment to the draft resolution contained in document S/2025/112",
            "In the operative",
        );
        assert!(
            !s.blocks.iter().any(|b| matches!(b, Block::Heading { .. })),
            "{:?} {:?}",
            s.blocks,
            s.front
        );
    }

    #[test]
    fn an_agenda_title_broken_after_commas_stays_in_a_text_dumps_masthead() {
        // A PDF-to-text dump: blank lines between the masthead's parts,
        // the agenda item's title broken over lines after commas; the
        // resolution's own title is under its adoption statement.
        let text = "United Nations \nA/RES/79/34\n \n \nGeneral Assembly \nDistr.: General \n9 December 2024 \n \n24-23048 (E)     \n*2423048* \n \n \nSeventy-ninth session \nAgenda item 98 (l) \nGeneral and complete disarmament: implementation of the \nConvention on the Prohibition of the Use, Stockpiling, \nProduction and Transfer of Anti-Personnel Mines and on \nTheir Destruction \n \n \n \n \n Resolution adopted by the General Assembly \non 2 December 2024 \n \n \n[on the report of the First Committee (A/79/408, para. 114)] \n \n \n79/34. Implementation of the Convention on the Prohibition of the Use, \nStockpiling, Production and Transfer of Anti-Personnel Mines and \non Their Destruction \n \n \nThe General Assembly, \n \nRecalling its resolutions 54/54 B of 1 December 1999 and 55/33 V of 20 November 2000, \n \nWelcoming the entry into force of the Convention on 1 March 1999, \n";
        let s = structure(text);
        assert_eq!(
            s.title.as_deref(),
            Some(
                "Implementation of the Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on Their Destruction"
            )
        );
        assert!(s.front.contains("Their Destruction"), "{}", s.front);
        let first = s
            .blocks
            .first()
            .and_then(|b| b.texts().first().map(|t| t.to_string()));
        assert!(
            first
                .as_deref()
                .is_some_and(|t| t.starts_with("Resolution adopted")),
            "the body opens with the adoption statement: {first:?}"
        );
        // Without a resolution's own title, the whole agenda title is the
        // masthead's (a blank line after the agenda item's number's line
        // and ten lines of masthead before it are no end).
        let text = "United Nations \nA/79/7\n \nGeneral Assembly \nDistr.: General \n9 December 2024 \n \n24-23048 (E)     \n \n*2423048* \n \n \nSeventy-ninth session \n \nFirst Committee \n \nAgenda item 105 \nConvention on the Prohibition of the Development, \nProduction and Stockpiling of Bacteriological (Biological) \nand Toxin Weapons and on Their Destruction \n \n \nThe Committee met on 2 December 2024 and heard statements from the delegations listed below.\n";
        assert_eq!(
            structure(text).title.as_deref(),
            Some(
                "Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on Their Destruction"
            )
        );
    }

    /// The lines a PDF or Word reader hands over: headings already marked
    /// by type size and weight, not markdown of an author.
    fn structure_laid_out(lines: &[&str]) -> Structured {
        let cleaned = Cleaned {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            markdown: false,
            authored: false,
            furniture: Vec::new(),
            set_aside: Vec::new(),
            footnotes: Some(Vec::new()),
            tables: Vec::new(),
        };
        build(cleaned, &Recognizer::builtin())
    }

    /// The labels of a document's numbered paragraphs.
    fn labels(s: &Structured) -> Vec<String> {
        s.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { num: Some(n), .. } => Some(n.label()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn paragraphs_numbered_within_a_section_keep_their_numbers() {
        // A text dump of a budget fascicle: wrapped lines, a number a
        // line's wrap puts first (`1.5 million`) going on its sentence.
        let text = "A. Proposed programme plan for 2027\n\n\
            10.1 The Office of the High Representative is responsible for advocating,\n\
            undertaking research and analysis and mobilizing support and resources\n\
            for the least developed countries.\n\n\
            10.2 The work of the Office is grounded in the three programmes of action,\n\
            which reached some\n\
            1.5 million people in the countries concerned in the course of the year.\n\n\
            10.3 In 2027, the central task ahead is to strengthen the partnerships set\n\
            out in the plan of the previous year, as the General Assembly asked in\n\
            2.4 Annex II of its resolution, out of sequence: no paragraph of its own.\n\n\
            10.5 The Office will utilize its strategic position in supporting the\n\
            three groups of countries.\n\n\
            11.1 The next section numbers its paragraphs anew.\n";
        let s = structure(text);
        assert_eq!(labels(&s), ["10.1", "10.2", "10.3", "10.5", "11.1"]);
        assert!(
            s.blocks.iter().any(|b| matches!(b, Block::Para { text, .. }
                if text.contains("asked in 2.4 Annex II"))),
            "{:?}",
            s.blocks
        );
        assert!(
            s.blocks
                .iter()
                .any(|b| matches!(b, Block::Para { num: Some(n), text, .. }
                if n.label() == "10.2" && text.contains("some 1.5 million people"))),
            "{:?}",
            s.blocks
        );
        // As a PDF's layout hands them over: one line a paragraph, a
        // section's heading numbered the same way standing alone.
        let s = structure_laid_out(&[
            "### Mandates and background",
            "",
            "2.1 The Department provides substantive support to the General Assembly.",
            "",
            "2.2 Objective",
            "",
            "2.2 The mandates of the Department derive from the priorities of the Assembly.",
            "",
            "2.3 The Department will continue to assist Member States.",
            "",
            "29A.1 A fascicle's section may carry a letter.",
            "",
            "29A.2 Its paragraphs are numbered in it.",
            "",
        ]);
        assert_eq!(labels(&s), ["2.1", "2.2", "2.3", "29A.1", "29A.2"]);
        assert!(headings(&s).contains(&"2.2 Objective"), "{:?}", s.blocks);
    }

    #[test]
    fn a_wrapped_line_set_apart_is_no_heading() {
        // A table's cell wrapped over lines a PDF's layout set apart:
        // the lines that go on its sentence are no headings; an item's
        // label in lower case still opens one.
        let s = structure_laid_out(&[
            "### Mission support",
            "",
            PAGE_BREAK,
            "Implementation of pending audit",
            "",
            "recommendations, as accepted by",
            "",
            "management",
            "",
            "(b) Human resources",
            "",
            "The mission reduced its staff over the period, as planned.",
            "",
        ]);
        let h = headings(&s);
        assert!(!h.contains(&"management"), "{h:?}");
        assert!(!h.contains(&"recommendations, as accepted by"), "{h:?}");
        assert!(h.contains(&"(b) Human resources"), "{h:?}");
        assert!(starts_mid_sentence("management"));
        assert!(!starts_mid_sentence("(a) Human resources"));
        assert!(!starts_mid_sentence("iv. Staff"));
        assert!(!starts_mid_sentence("Management"));
    }

    #[test]
    fn numbered_headings_and_decimals_are_no_paragraph_numbers() {
        // Headings numbered `1.1`, `1.2` stand alone: the text under them
        // is not numbered.
        let text = "Report on the review\n\n1.1 Background\n\n\
            The review began in 2023 and covered every office of the organization.\n\n\
            1.2 Scope\n\nIt looked at the work of the offices in the field.\n\n\
            1.3 Method\n\nInterviews were held with the staff of each office.\n";
        let s = structure(text);
        assert!(labels(&s).is_empty(), "{:?}", s.blocks);
        // One decimal at a paragraph's start, in no sequence, is text.
        let s = structure(
            "Prices\n\n2.5 Million people were reached in the year under review.\n\nThe rest followed.\n",
        );
        assert!(labels(&s).is_empty(), "{:?}", s.blocks);
        assert_eq!(decimal_para("1.5 million people"), None);
        assert_eq!(
            decimal_para("10.12 The Office"),
            Some(("10", 12, "The Office"))
        );
        assert_eq!(decimal_para("29A.3"), Some(("29A", 3, "")));
        assert_eq!(decimal_para("3.5"), Some(("3", 5, "")));
        assert_eq!(decimal_para("10.1.2 Text"), None);
    }

    fn headings(s: &Structured) -> Vec<&str> {
        s.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_masthead_set_in_bold_is_the_masthead_not_the_first_headings() {
        let s = structure_laid_out(&[
            "United Nations",
            "General Assembly",
            "Distr.: General",
            "27 November 2023",
            "#### Seventy-eighth session",
            "",
            "Agenda item 11",
            "",
            "#### Sport for development and peace: building a peaceful and better world through sport",
            "",
            "## Resolution adopted by the General Assembly on 21 November 2023",
            "",
            "## [without reference to a Main Committee (A/78/L.9)]",
            "",
            "### 78/10. Building a peaceful and better world through sport and the Olympic ideal",
            "",
            "The General Assembly,",
            "",
            "Recalling its resolution 76/13 of 2 December 2021,",
            "",
            "1. Urges Member States to observe the Olympic Truce;",
            "",
            "2. Decides to include the sub-item in the agenda of its eightieth session.",
        ]);
        assert!(headings(&s).is_empty(), "{:?}", s.blocks);
        assert!(s.front.contains("Seventy-eighth session"), "{}", s.front);
        assert!(s.front.contains("Agenda item 11"), "{}", s.front);
        assert!(!s.front.contains('#'), "{}", s.front);
        assert_eq!(
            s.title.as_deref(),
            Some("Building a peaceful and better world through sport and the Olympic ideal")
        );
        // The adoption statement and the note under it stay text.
        assert!(
            matches!(&s.blocks[0], Block::Para { text, .. } if text.starts_with("Resolution adopted by"))
        );
        assert!(
            matches!(&s.blocks[1], Block::Para { text, .. } if text.starts_with("[without reference"))
        );
        assert_eq!(nums(&s), [1, 2]);
    }

    #[test]
    fn a_paragraph_whose_text_opens_with_a_year_keeps_its_number() {
        let s = structure_laid_out(&[
            "1. Serbia referred to its legislative and strategic framework.",
            "",
            "2. Recent reforms stressed the importance of the Convention.",
            "",
            "3. 2018年9月，塞尔维亚政府通过了《国家打击网络犯罪战略》。",
            "",
            "4. Serbia noted that experience had shown progress.",
        ]);
        assert_eq!(nums(&s), [1, 2, 3, 4]);
        assert!(matches!(&s.blocks[2], Block::Para { text, .. } if text.starts_with("2018年9月")));
    }

    #[test]
    fn an_authors_markdown_heading_below_a_masthead_stays_a_heading() {
        let mut lines = clean(
            "Distr.: General\n27 November 2023\n\n## Seventy-eighth session\n\nThe text of the note begins here and runs on as a sentence does.\n",
        );
        lines.markdown = true;
        let s = build(lines, &Recognizer::builtin());
        // The author's heading is the page's (its title here), not the
        // masthead's.
        assert!(!s.front.contains("Seventy-eighth"), "{:?}", s.front);
        assert_eq!(s.title.as_deref(), Some("Seventy-eighth session"));
    }

    #[test]
    fn the_issuing_body_ends_the_masthead_and_the_first_section_heading_stays() {
        let s = structure_laid_out(&[
            "General Assembly",
            "Distr.: Limited",
            "4 September 2025",
            "#### Eightieth session",
            "",
            "#### Third Committee",
            "",
            "#### Organization of the work of the Third Committee",
            "",
            "#### Note by the Secretariat",
            "",
            "#### Allocation of items",
            "",
            "1. The agenda items allocated by the General Assembly to the Third Committee will be issued in document A/C.3/80/1.",
            "",
            "#### Programme of work",
            "",
            "2. The draft programme of work has been prepared bearing in mind rule 99.",
        ]);
        assert_eq!(headings(&s), ["Allocation of items", "Programme of work"]);
        assert_eq!(
            s.title.as_deref(),
            Some("Organization of the work of the Third Committee: note by the Secretariat")
        );
    }

    fn nums(s: &Structured) -> Vec<u32> {
        s.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { num: Some(n), .. } => Some(n.n),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn curly_quotes_at_a_line_break_keep_the_space_latin_text_has() {
        let join = |a: &str, b: &str| {
            let mut t = a.to_string();
            join_into(&mut t, b);
            t
        };
        assert_eq!(
            join("the sub-item entitled", "“Building a peaceful world”"),
            "the sub-item entitled “Building a peaceful world”"
        );
        assert_eq!(
            join("the “Olympic Truce”", "calling for a truce"),
            "the “Olympic Truce” calling for a truce"
        );
        assert_eq!(
            join("大会在其题为", "“打击犯罪”的决议中"),
            "大会在其题为“打击犯罪”的决议中"
        );
        assert_eq!(join("“打击犯罪”", "的决议中"), "“打击犯罪”的决议中");
    }

    #[test]
    fn the_plenary_meeting_that_closes_a_resolution_is_no_part_of_its_last_paragraph() {
        let text = "United Nations A/RES/78/117\nGeneral Assembly Distr.: General\n12 December 2023\n\n\
            The General Assembly,\n\n\
            1. Decides to invite the Organization to participate in the sessions and the work of the General Assembly;\n\n\
            2. Requests the Secretary-General to take the action necessary to implement the present resolution.\n\n\
            45th plenary meeting\n7 December 2023\n";
        let s = structure(text);
        let last = s.blocks.iter().rev().find_map(|b| match b {
            Block::Para {
                num: Some(n), text, ..
            } if n.n == 2 => Some(text.clone()),
            _ => None,
        });
        assert_eq!(
            last.as_deref(),
            Some(
                "Requests the Secretary-General to take the action necessary to implement the present resolution."
            )
        );
    }

    #[test]
    fn a_number_the_source_lost_does_not_stop_the_numbering() {
        // `4` and `5` lost their full stops in the source.
        let text = "1. Reaffirms the principles of the Charter of the United Nations;\n\n\
            2. Condemns all acts of violence against persons in vulnerable situations;\n\n\
            3. Notes the report of the Special Rapporteur on contemporary forms of racism;\n\n\
            4 Affirms its deep commitment to the duty of remembrance of the Holocaust;\n\n\
            5 Recalls the conclusions of the Special Rapporteur on this question;\n\n\
            6. Calls upon States to take all appropriate measures against hate speech;\n\n\
            7. Decides to remain seized of the matter.\n";
        assert_eq!(nums(&structure(text)), [1, 2, 3, 6, 7]);
    }

    #[test]
    fn a_short_resolution_numbers_its_two_paragraphs() {
        let text = "United Nations A/RES/78/117\nGeneral Assembly Distr.: General\n12 December 2023\n\n\
            Seventy-eighth session\nAgenda item 171\n\n\
            78/117. Observer status for the Organization in the General Assembly\n\n\
            The General Assembly,\n\n\
            Wishing to promote cooperation between the United Nations and the Organization,\n\n\
            1. Decides to invite the Organization to participate in the sessions and the work of the General Assembly in the capacity of observer;\n\n\
            2. Requests the Secretary-General to take the action necessary to implement the present resolution.\n";
        assert_eq!(nums(&structure(text)), [1, 2]);
        // Without a masthead, two numbered lines may be a list.
        let list = "Things to bring to the meeting, as the organisers asked.\n\n\
            1. A copy of the agenda that was sent to everyone.\n\n\
            2. Your own notes from the last meeting of the group.\n";
        assert_eq!(nums(&structure(list)), Vec::<u32>::new());
    }

    #[test]
    fn a_short_han_line_ends_its_paragraph_in_wrapped_text() {
        // A regulation wrapped at ~38 characters: its title line and the
        // article numbers standing alone are not joined into the text.
        let text = include_str!("../../tests/ingest_data/banfa_zh_formfeed.txt");
        let (doc, _) = crate::ingest::process_text(text, &Recognizer::builtin());
        assert_eq!(
            doc.title.as_deref(),
            Some("国务院办公厅关于数据安全管理的办法")
        );
        let s = structure(text);
        assert!(
            s.blocks.iter().any(|b| b.texts() == vec!["第一条"]),
            "{:?}",
            &s.blocks[..3]
        );
    }

    #[test]
    fn a_title_in_capitals_over_several_lines_is_one_title() {
        let text = include_str!("../../tests/ingest_data/law_id_nofeed.txt");
        let (doc, _) = crate::ingest::process_text(text, &Recognizer::builtin());
        assert_eq!(
            doc.title.as_deref(),
            Some(
                "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 7 TAHUN 2024 TENTANG PERLINDUNGAN ARSIP DAERAH"
            )
        );
    }

    #[test]
    fn a_resolution_numbered_only_in_its_title_line_keeps_its_symbol() {
        let s = structure(
            "United Nations\nGeneral Assembly\nDistr.: General\n18 November 2025\n\nEightieth session\nAgenda item 89\n\nResolution adopted by the General Assembly on 14 November 2025\n\n[without reference to a Main Committee (A/80/L.7)]\n\n80/7. Report of the International Atomic Energy Agency\n\nThe General Assembly,\n\nHaving received the report of the Agency for 2024,\n\n1. Takes note of the report;\n\n2. Decides to remain seized of the matter.\n",
        );
        assert_eq!(
            s.title.as_deref(),
            Some("Report of the International Atomic Energy Agency")
        );
        let meta = crate::ingest::metadata::extract(&s);
        assert_eq!(meta.symbol.as_deref(), Some("A/RES/80/7"));
    }

    #[test]
    fn a_bracketed_note_in_a_masthead_is_not_the_title() {
        let s = structure(
            "A/RES/80/41\nUnited Nations\nGeneral Assembly\nDistr.: General\n10 December 2025\n\nEightieth session\nAgenda item 47\nResolution adopted by the General Assembly on 4 December 2025\n[on the report of the Fourth Committee (A/80/412)]\n\n80/41. Assistance in mine action\nThe General Assembly,\nRecalling its resolution 79/70 of 2 December 2024 and all its previous resolutions.\n",
        );
        // The resolution's number is not part of its title.
        assert_eq!(s.title.as_deref(), Some("Assistance in mine action"));
    }

    #[test]
    fn a_title_broken_over_two_lines_is_one_title() {
        let s = structure(
            "COMMUNIQUÉ OF THE TWENTY-THIRD MEETING OF THE CONFERENCE HELD IN ST\nVINCENT AND THE GRENADINES, 18 - 21 NOVEMBER 2002\n\nThe Conference of Heads of Government met in Kingstown. It discussed security.\n",
        );
        assert_eq!(
            s.title.as_deref(),
            Some(
                "COMMUNIQUÉ OF THE TWENTY-THIRD MEETING OF THE CONFERENCE HELD IN ST VINCENT AND THE GRENADINES, 18 - 21 NOVEMBER 2002"
            )
        );
        // A kicker above a headline is not a broken line.
        let s = structure(
            "PRESS RELEASE\nMINISTERS AGREE ON CYBER RULES\n\nThe ministers met in Geneva today and agreed.\n",
        );
        assert!(!s.title.is_some_and(|t| t.contains("RELEASE MINISTERS")));
        // Nor is a date under the title.
        let s = structure(
            "ΟΙΚΟΥΜΕΝΙΚΗ ΔΙΑΚΗΡΥΞΗ ΓΙΑ ΤΑ ΑΝΘΡΩΠΙΝΑ ΔΙΚΑΙΩΜΑΤΑ\n10 ΔΕΚΕΜΒΡΙΟΥ 1948\n\nΕπειδή η αναγνώριση της αξιοπρέπειας όλων των μελών της ανθρώπινης οικογένειας αποτελεί το θεμέλιο της ελευθερίας.\n",
        );
        assert_eq!(
            s.title.as_deref(),
            Some("ΟΙΚΟΥΜΕΝΙΚΗ ΔΙΑΚΗΡΥΞΗ ΓΙΑ ΤΑ ΑΝΘΡΩΠΙΝΑ ΔΙΚΑΙΩΜΑΤΑ")
        );
        // Nor the section heading under it, one word in capitals, nor a
        // heading in a script whose letters are all lower case.
        let body = "Адам баласы отбасының барлық мүшелеріне тән қадір-қасиетті және олардың тең әрі ажырамас құқықтарын тану бостандықтың, әділдік пен жалпыға бірдей бейбітшіліктің негізі болып табылады.\n";
        for (title, heading) in [
            ("АДАМ ҚҰҚЫҚТАРЫНЫҢ ЖАЛПЫҒА БІРДЕЙ ДЕКЛАРАЦИЯСЫ", "ПРЕАМБУЛА"),
            ("ადამიანის უფლებათა საყოველთაო დეკლარაცია", "პრეამბულა"),
        ] {
            let s = structure(&format!("{title}\n{heading}\n\n{body}"));
            assert_eq!(s.title.as_deref(), Some(title));
        }
        // Nor a line of capitals a blank line sets apart (the issuing body
        // on a cover page).
        let s = structure(&format!(
            "UNIVERSAL DECLARATION OF HUMAN RIGHTS\n\nUNITED NATIONS\n\nDepartment of Public Information\n\n{body}"
        ));
        assert_eq!(
            s.title.as_deref(),
            Some("UNIVERSAL DECLARATION OF HUMAN RIGHTS")
        );
        // A title that breaks after a short word goes on.
        let s = structure(&format!("CONVENTION ON THE RIGHTS OF THE\nCHILD\n\n{body}"));
        assert_eq!(
            s.title.as_deref(),
            Some("CONVENTION ON THE RIGHTS OF THE CHILD")
        );
    }

    #[test]
    fn every_enumerated_heading_passes_the_first_character_gate() {
        let ordinals = [
            "أولا",
            "ثانيا",
            "ثالثا",
            "رابعا",
            "خامسا",
            "سادسا",
            "سابعا",
            "ثامنا",
            "تاسعا",
            "عاشرا",
        ];
        let mut lines: Vec<String> = ordinals.iter().map(|o| format!("{o} - مقدمة")).collect();
        for label in ["一", "十二", "IV", "XX", "A", "H", "V", "X"] {
            for mark in [".", "、", "．"] {
                lines.push(format!("{label}{mark} 导言"));
            }
        }
        for line in &lines {
            assert!(ENUM_HEAD.is_match(line), "{line:?}");
            assert!(may_open_enum_head(line), "{line:?}");
        }
        for line in ["1. Text", "J. Scope", "大会", "(a) item", "i. small"] {
            assert!(
                !may_open_enum_head(line) && !ENUM_HEAD.is_match(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn han_punctuation_is_restored() {
        assert_eq!(han_punct("报告.在该决议中,大会"), "报告。在该决议中，大会");
        assert_eq!(han_punct("1,000个 www.un.org"), "1,000个 www.un.org");
        assert_eq!(han_punct("题为\"打击犯罪\"的决议"), "题为“打击犯罪”的决议");
        assert_eq!(han_punct("说\"x"), "说\"x");
        assert_eq!(han_punct("即\"InFraud\"。"), "即“InFraud”。");
        assert_eq!(han_punct("say \"hello\" 你好"), "say \"hello\" 你好");
        assert_eq!(
            han_punct("倡议\u{E000}7\u{E001}).即使"),
            "倡议\u{E000}7\u{E001})。即使"
        );
    }

    #[test]
    fn toc_sections_and_glued_paragraph_numbers() {
        let text = "目录页次一.\n导言3二.\n答复3甲国.\n3乙国5\n一.\n导言1.\n第一段.\n2.\n第二段.\n二.\n答复甲国3.\n\
                    甲国表示.\n乙国4.\n乙国说.\n5.\n更多.\n";
        let s = structure(text);
        assert_eq!(s.toc.len(), 4, "{:?}", s.toc);
        assert_eq!(nums(&s), vec![1, 2, 3, 4, 5], "{:?}", s.blocks);
        let heads: Vec<&str> = s
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(heads, vec!["一. 导言", "二. 答复", "甲国", "乙国"]);
    }

    #[test]
    fn contents_entries_with_a_notes_asterisks_or_a_numbered_title() {
        let text = "Contents\nPage\n\
                    A. Proposed programme plan for 2027 and programme performance in 2025*** . . . . . . . 2\n\
                    Overall orientation . . . . . . . . . . . . . . . . 2\n\
                    Subprogramme 1. Least developed countries . . . . . . . . . 6\n\
                    Subprogramme 2. Landlocked developing countries . . . . . . . 11\n\
                    B. Proposed post and non-post resource requirements for 2027 . . . . 26\n\n\
                    A. Proposed programme plan for 2027 and programme performance in 2025\n\n\
                    Overall orientation\n\nThe Office works for the least developed countries in every region of the world.\n";
        let s = structure(text);
        let titles: Vec<&str> = s.toc.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles.len(), 5, "{titles:?}");
        assert!(titles[2].starts_with("Subprogramme 1. Least"), "{titles:?}");
        let body: Vec<&str> = s.blocks.iter().flat_map(Block::texts).collect();
        assert!(!body.iter().any(|t| t.contains(". . .")), "{body:?}");
    }

    #[test]
    fn footnote_marker_glued_to_paragraph_number() {
        let text =
            "1.\nPremier paragraphe.\n2.\nDeuxième, avec une note.\n32.\nHmm.\n3.\nTroisième.\n";
        let s = structure(text);
        assert_eq!(nums(&s), vec![1, 2, 3]);
    }

    #[test]
    fn english_paragraphs_with_text_on_the_number_line() {
        let text = "I. Introduction\n\n1. The General Assembly, in its resolution 73/187, requested\nthe Secretary-General to seek views.\n\
                    2. Pursuant to that request, the Secretariat sent notes verbales.\n3. The following States replied.\n";
        let s = structure(text);
        assert_eq!(nums(&s), vec![1, 2, 3]);
        assert_eq!(s.title.as_deref(), Some("I. Introduction"));
        assert!(
            matches!(&s.blocks[0], Block::Para { text, .. } if text.contains("requested the Secretary-General"))
        );
    }

    #[test]
    fn lettered_items_are_split() {
        let (intro, items) =
            split_items("Les défis: (a) la portée; (b) les preuves; (c) la formation.");
        assert_eq!(intro, "Les défis:");
        assert_eq!(
            items,
            vec!["(a) la portée;", "(b) les preuves;", "(c) la formation."]
        );
    }

    #[test]
    fn broken_lines_rejoin() {
        let mut t = String::from("international coop-");
        join_into(&mut t, "eration");
        assert_eq!(t, "international cooperation");
        let keep: HashSet<String> = hyphenated_words(&["State-owned companies".to_string()]);
        let mut t = String::from("the state-");
        join_keeping(&mut t, "owned banks", &keep);
        assert_eq!(t, "the state-owned banks");
        let mut t = String::from("利用预");
        join_into(&mut t, "付卡");
        assert_eq!(t, "利用预付卡");
        let mut t = String::from("Hội thảo về");
        join_into(&mut t, "chống khủng bố");
        assert_eq!(t, "Hội thảo về chống khủng bố");
    }

    #[test]
    fn cjk_word_broken_across_a_blank_line() {
        let text = "标题\n\n第2462(2019)号决议注意到利用众筹平台为恐怖主义目的筹集资金，以及利用预\n\n付卡和移动支付等新兴支付方式。\n";
        let s = structure(text);
        assert_eq!(s.title.as_deref(), Some("标题"));
        assert_eq!(s.blocks.len(), 1, "{:?}", s.blocks);
    }

    #[test]
    fn page_footnotes_become_notes() {
        let text = "1.\n正文提到报告》1进行了分析.\n2.\n更多正文的内容在这里写得很长很长很长很长很长很长很长.\n1这是脚注.\nX/1/2V.\n11-111112/4\n\
                    3.\n第三段很长很长很长很长很长很长很长很长很长很长.\nX/1/23/4V.\n11-11111\n4.\n最后.\nX/1/2V.\n11-111114/4\n5.\n完.\n";
        let s = structure(text);
        assert_eq!(
            s.footnotes,
            vec![("1".to_string(), "这是脚注。".to_string())]
        );
        assert_eq!(nums(&s), vec![1, 2, 3, 4, 5]);
        assert!(
            matches!(&s.blocks[0], Block::Para { text, .. } if text.contains("报告》\u{E000}1\u{E001}进行")),
            "{:?}",
            s.blocks
        );
    }
}
#[cfg(test)]
mod dateline_tests {
    use super::*;
    #[test]
    fn datelines() {
        let b = Block::Heading {
            level: 2,
            text: "Ginebra, 14 de enero de 2019".into(),
        };
        assert!(is_dateline(&b));
        let b = Block::Para {
            num: None,
            text: "21/02/2019".into(),
            items: vec![],
        };
        assert!(is_dateline(&b));
        let b = Block::Heading {
            level: 2,
            text: "Conférence de Genève".into(),
        };
        assert!(!is_dateline(&b));
    }
}

#[cfg(test)]
mod item_tests {
    use super::*;

    #[test]
    fn items_in_several_alphabets() {
        let (intro, items) =
            split_items("Las dificultades: a) el alcance; b) las pruebas (véase a) supra).");
        assert_eq!(intro, "Las dificultades:");
        assert_eq!(
            items,
            vec!["a) el alcance;", "b) las pruebas (véase a) supra)."]
        );
        let (intro, items) =
            split_items("Проблемы: а) сфера действия; б) доказательства; в) подготовка.");
        assert_eq!(intro, "Проблемы:");
        assert_eq!(items.len(), 3);
        let (_, items) = split_items("التحديات: (أ) النطاق؛ (ب) الأدلة؛ (ج) التدريب.");
        assert_eq!(items, vec!["(أ) النطاق؛", "(ب) الأدلة؛", "(ج) التدريب."]);
        let (_, items) = split_items("只有一个(a)项。");
        assert!(items.is_empty());
        let (intro, items) = split_items(
            "Measures: (a) legislation: (i) substantive; (ii) procedural; (b) training.",
        );
        assert_eq!(intro, "Measures:");
        assert_eq!(
            items,
            vec![
                "(a) legislation:",
                "(i) substantive;",
                "(ii) procedural;",
                "(b) training."
            ]
        );
        let (intro, items) = split_items("侧重于四个支柱：(一) 评估；(二) 自律；(三) 合作。");
        assert_eq!(intro, "侧重于四个支柱：");
        assert_eq!(items, vec!["(一) 评估；", "(二) 自律；", "(三) 合作。"]);
        let (_, items) = split_items("Under article 5(a) and article 5(b) of the Convention.");
        assert!(items.is_empty());
        let (_, items) = split_items("挑战包括:(a)范围;(b)证据.");
        assert_eq!(items, vec!["(a)范围;", "(b)证据."]);
    }

    #[test]
    fn paragraph_number_forms() {
        for (line, n) in [
            ("1. The Assembly", "1"),
            ("12.大会请", "12"),
            ("3 - تطلب الجمعية", "3"),
        ] {
            assert_eq!(
                PARA_TEXT
                    .captures(line)
                    .map(|c| c[1].to_string())
                    .as_deref(),
                Some(n),
                "{line}"
            );
        }
        assert!(para_text("1.5 million people").is_none());
        assert!(para_text("2019 - 2020").is_none());
    }
}

#[cfg(test)]
mod country_sections {
    use super::*;
    use crate::ingest::clean::clean;

    fn heads(text: &str) -> (Vec<String>, Vec<u32>) {
        let s = build(clean(text), &Recognizer::builtin());
        let mut h = Vec::new();
        let mut n = Vec::new();
        for b in s.blocks {
            match b {
                Block::Heading { text, .. } => h.push(text),
                Block::Para { num: Some(x), .. } => n.push(x.n),
                _ => {}
            }
        }
        (h, n)
    }

    /// Without a table of contents, a line that is exactly a country name
    /// (also glued to the next paragraph number) opens that country's section.
    #[test]
    fn country_lines_without_toc() {
        let (h, n) = heads(
            "1.\n各国的答复如下.\n阿根廷\n2.\n阿根廷指出,挑战很大.\n亚美尼亚3.\n亚美尼亚表示,已采取措施.\n4.\n亚美尼亚还报告称.\n",
        );
        assert_eq!(h, vec!["阿根廷", "亚美尼亚"]);
        assert_eq!(n, vec![1, 2, 3, 4]);
        let (h, n) = heads(
            "1. Replies were received.\nArgentina\n2. Argentina noted that the challenges were great.\nArmenia\n3. Armenia stated that measures were taken.\n",
        );
        assert_eq!(h, vec!["Argentina", "Armenia"]);
        assert_eq!(n, vec![1, 2, 3]);
    }
}

#[cfg(test)]
mod glued_note_tests {
    use super::*;
    use crate::ingest::clean::clean;

    /// The page's first note glued to its last line of text.
    #[test]
    fn note_glued_to_the_last_line_of_a_page() {
        let text = "1.\n各国提到了该法》1的规定以及其他很多很多很多的内容和情况说明.\n2.\n正文继续写了很多很多很多很多很多很多很多的内容.\n\
                    该法案已在《计算机犯罪1根据该法的规定须获得令状.\n宪法第三章对若干权利做出了规定.\nX/1/2V.\n11-111112/4\n\
                    3.\n第三段.\nX/1/2V.\n11-111113/4\n4.\n第四段.\nX/1/2V.\n11-111114/4\n5.\n完.\n";
        let s = build(clean(text), &Recognizer::builtin());
        assert_eq!(
            s.footnotes,
            vec![("1".to_string(), "根据该法的规定须获得令状。".to_string())]
        );
        let all: String = s
            .blocks
            .iter()
            .flat_map(|b| b.texts().into_iter().take(1))
            .collect();
        assert!(
            all.contains("宪法第三章"),
            "the text after the note stays text: {all}"
        );
        assert!(all.contains("该法》\u{E000}1\u{E001}的规定"), "{all}");
    }
}

#[cfg(test)]
mod wrapped_text_tests {
    use super::*;
    use crate::ingest::clean::clean;

    /// Text wrapped at a fixed width: a sentence that ends at the end of a
    /// full line does not end the paragraph; a short line does.
    #[test]
    fn paragraphs_of_wrapped_text() {
        let text = "The Working Group met in Vienna from 27 to 29 March 2019 and\n\
                    considered the questions before it in detail at its session.\n\
                    It heard presentations from experts of all regions of the\n\
                    world and from the private sector on electronic evidence.\n\
                    The debate was lively.\n\
                    The second paragraph begins here and runs over more than one\n\
                    line of text so that the width of the text is clear to see.\n";
        let s = build(clean(text), &Recognizer::builtin());
        let paras: Vec<&str> = s
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(paras.len(), 2, "{paras:?}");
        assert!(paras[0].ends_with("The debate was lively."));
    }
}

#[cfg(test)]
mod part_tests {
    use super::*;
    use crate::ingest::clean::clean;

    #[test]
    fn annexes_and_chapters_are_headings() {
        let text = "1. First paragraph of the report.\n2. Second paragraph.\nAnnex I\nList of replies received.\n";
        let s = build(clean(text), &Recognizer::builtin());
        assert!(
            s.blocks.contains(&Block::Heading {
                level: 2,
                text: "Annex I".into()
            }),
            "{:?}",
            s.blocks
        );
        for t in ["附件二", "第三章", "Приложение", "Chapitre IV", "المرفق"] {
            assert!(PART_HEAD.is_match(t), "{t}");
        }
        assert!(!PART_HEAD.is_match("Part of the text"));
    }
}
