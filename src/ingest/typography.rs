//! Chinese punctuation: text converted from PDFs and web pages often has
//! ASCII `,` `;` `:` `?` `!` `.` where Chinese typography has full-width
//! marks (`蒙古还指出,IP地址` for `蒙古还指出，IP地址`). In Chinese text
//! (a block mostly of Han characters, without kana: Japanese has its own
//! marks), a mark that follows a Han character (or a full-width mark) is
//! written full width, and the ASCII spaces after it are dropped. Blocks
//! are judged one by one: an English report quoting Chinese gets Chinese
//! punctuation in the Chinese paragraphs only.
//!
//! What must stay as written: numbers (`1,000`, `5.2`), times (`10:30`),
//! symbols and addresses (`A/74/130,`, `https://…`), a full stop before a
//! Latin word (`报告.docx`), text in other scripts. A mark is changed only
//! when the character before it is Han, so none of these is touched.

use std::borrow::Cow;

use super::model::Document;
use super::text::{is_cjk_punct, is_han, is_letter};

/// The full-width form of an ASCII mark this pass converts.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '.' => '。',
        _ => return None,
    })
}

/// Chinese numerals, as in section numbers (`一.`, `十二.`).
fn is_chinese_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千".contains(c)
}

/// One of the ASCII marks this pass converts.
fn is_ascii_mark(b: u8) -> bool {
    matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'.')
}

/// Whether `text` holds one of the ASCII marks this pass converts.
fn has_ascii_mark(text: &str) -> bool {
    text.bytes().any(is_ascii_mark)
}

/// `text` with the ASCII marks that follow Han characters made full width.
pub fn full_width_punctuation(text: &str) -> Cow<'_, str> {
    // Only the marks are looked at, each with the characters beside it
    // in `text` as written; the text between is copied as it stands.
    let b = text.as_bytes();
    let mut out = String::new();
    // Bytes of `text` already in `out`; whether `text` holds Han (asked
    // once, when a mark would first change: nothing changes without it).
    let (mut copied, mut has_han) = (0, None);
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&x| is_ascii_mark(x)) {
        let i = from + k;
        from = i + 1;
        let c = char::from(b[i]);
        let after_han = text[..i]
            .chars()
            .next_back()
            .is_some_and(|p| is_han(p) || is_cjk_punct(p));
        if !after_han {
            continue;
        }
        let next = text[i + 1..].chars().next();
        let convert = match c {
            // A full stop ends a sentence only before Chinese, a space
            // or the end (`报告.docx` is a file name); after a Chinese
            // numeral that opens the text it numbers a section
            // (`一. 导言`).
            '.' => {
                next.is_none_or(|n| n.is_whitespace() || is_han(n) || is_cjk_punct(n))
                    && !text[..i].chars().all(|p| is_chinese_numeral(p) || p == ' ')
            }
            // `:` before `//` is an address's scheme.
            ':' => !matches!(next, Some('/')),
            // Two marks in a row (`..`, `?!`) are left alone.
            _ => next.is_none_or(|n| full_width(n).is_none()),
        };
        if !convert || !*has_han.get_or_insert_with(|| text.chars().any(is_han)) {
            continue;
        }
        let Some(w) = full_width(c) else {
            continue;
        };
        if out.capacity() == 0 {
            out.reserve(text.len() + 8);
        }
        out.push_str(&text[copied..i]);
        out.push(w);
        // Full-width marks carry their own spacing.
        let mut j = i + 1;
        while b.get(j) == Some(&b' ') {
            j += 1;
        }
        copied = j;
        from = j;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Whether `text` is Chinese: most of its letters Han, hardly any kana.
fn is_chinese(text: &str) -> bool {
    let (mut letters, mut han, mut kana) = (0usize, 0usize, 0usize);
    // U+5000…U+9FFF (lead bytes E5…E9): Han letters, counted by their
    // first byte without decoding; the characters between decoded.
    let b = text.as_bytes();
    let core_han = |x: u8| (0xE5..=0xE9).contains(&x);
    let mut at = 0;
    while at < b.len() {
        let start = at;
        while at < b.len() && core_han(b[at]) {
            at += 3;
        }
        letters += (at - start) / 3;
        han += (at - start) / 3;
        let from = at;
        while at < b.len() && !core_han(b[at]) {
            at += 1;
        }
        for c in text[from..at].chars().filter(|&c| is_letter(c)) {
            letters += 1;
            if is_han(c) {
                han += 1;
            } else if matches!(c as u32, 0x3040..=0x30FF) {
                kana += 1;
            }
        }
    }
    han * 2 > letters && kana * 20 < letters.max(1)
}

/// A lettered or roman item label that opens Chinese text in ASCII
/// parentheses (`(a)国际文书`, `(iv) 培训`) in full-width ones, as Chinese
/// typography sets them (`（a）国际文书`); `None` when the text opens
/// with no such label before Han text.
fn full_width_label(text: &str) -> Option<String> {
    let rest = text.strip_prefix('(')?;
    let close = rest.find(')')?;
    let label = &rest[..close];
    let lettered = (1..=2).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_lowercase());
    let roman = (1..=5).contains(&label.len()) && label.bytes().all(|b| b"ivxlc".contains(&b));
    let after = rest[close + 1..].trim_start_matches(' ');
    // In Chinese text whatever follows but Latin words (`2018年`, `《法》`).
    let chinese_after = after
        .chars()
        .next()
        .is_some_and(|c| is_han(c) || !c.is_ascii_alphabetic() && !c.is_whitespace());
    ((lettered || roman) && chinese_after).then(|| format!("（{label}）{after}"))
}

/// Applies [`full_width_punctuation`] to every running text that is
/// Chinese (headings, paragraphs, items, quotes, table cells, footnotes,
/// the title), and sets item labels in full-width parentheses.
pub fn apply(doc: &mut Document) {
    let fix = |s: &mut String| {
        let label = s.starts_with('(');
        // Text without a mark or label to convert is not read for its script.
        if !(has_ascii_mark(s) || label) || !is_chinese(s) {
            return;
        }
        if let Cow::Owned(o) = full_width_punctuation(s) {
            *s = o;
        }
        if label && let Some(l) = full_width_label(s) {
            *s = l;
        }
    };
    for block in &mut doc.blocks {
        for t in block.texts_mut() {
            fix(t);
        }
    }
    for (_, note) in &mut doc.footnotes {
        fix(note);
    }
    if let Some(title) = &mut doc.title {
        fix(title);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_labels_of_chinese_text_in_full_width_parentheses() {
        assert_eq!(
            full_width_label("(a)国际文书的范围。").as_deref(),
            Some("（a）国际文书的范围。")
        );
        assert_eq!(full_width_label("(iv) 培训").as_deref(), Some("（iv）培训"));
        assert_eq!(
            full_width_label("(b)《第81/2018号法律》").as_deref(),
            Some("（b）《第81/2018号法律》")
        );
        // Not an item label, or not before Chinese: as written.
        assert_eq!(full_width_label("(2017)号决议"), None);
        assert_eq!(full_width_label("(a) the laws adopted;"), None);
        assert_eq!(full_width_label("(UNODC)的报告"), None);
    }

    #[test]
    fn marks_after_han_become_full_width() {
        for (raw, want) in [
            ("蒙古还指出,IP地址", "蒙古还指出，IP地址"),
            (
                "在网络挑战赛上, 15支年轻创新者团队",
                "在网络挑战赛上，15支年轻创新者团队",
            ),
            ("图片来源:反恐办公室", "图片来源：反恐办公室"),
            ("风险不断增加;成本较低", "风险不断增加；成本较低"),
            ("是否需要?是的!", "是否需要？是的！"),
            ("已经生效.下一步", "已经生效。下一步"),
            ("已经生效.", "已经生效。"),
            ("“数字证据”,以及", "“数字证据”，以及"),
            ("见网站:https://www.un.org", "见网站：https://www.un.org"),
        ] {
            assert_eq!(full_width_punctuation(raw), want, "{raw}");
        }
    }

    #[test]
    fn only_chinese_blocks_change() {
        let mut doc = Document {
            blocks: vec![
                crate::ingest::model::Block::Para {
                    num: None,
                    text: "在网络挑战赛上, 15支团队".into(),
                    items: Vec::new(),
                },
                crate::ingest::model::Block::Para {
                    num: None,
                    text: "The office (联合国反恐办公室), said:".into(),
                    items: Vec::new(),
                },
                crate::ingest::model::Block::Para {
                    num: None,
                    text: "東京で会議が開かれました,そして".into(),
                    items: Vec::new(),
                },
            ],
            ..Document::default()
        };
        apply(&mut doc);
        let texts: Vec<&str> = doc.blocks.iter().flat_map(|b| b.texts()).collect();
        assert_eq!(
            texts,
            [
                "在网络挑战赛上，15支团队",
                "The office (联合国反恐办公室), said:",
                "東京で会議が開かれました,そして"
            ]
        );
    }

    #[test]
    fn numbers_symbols_addresses_and_other_scripts_stay() {
        for keep in [
            "共1,000份报告",
            "第5.2段",
            "会议于10:30开始",
            "见A/74/130,第5段",
            "网站https://www.un.org/zh,见",
            "附件报告.docx已发送",
            "Member States, as noted: yes.",
            "Việt Nam, Trung Quốc.",
            "等等...",
            "真的?!",
            "第2341(2017)号决议",
            "一. 导言",
            "十二. 结论和建议",
        ] {
            let got = full_width_punctuation(keep);
            assert_eq!(got, keep, "{keep}");
            assert!(matches!(got, Cow::Borrowed(_)), "{keep}");
        }
    }
}
