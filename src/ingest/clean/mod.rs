//! Clean: remove what is not the document (web boilerplate at the head and
//! tail of a scrape, PDF page furniture, extraction tools' placeholders)
//! and tidy what is. The furniture stripped is kept for metadata.
//! Line re-joining happens in `structure`, which knows where paragraphs
//! start.

pub mod blocks;
pub mod boiler;
pub mod markdown;
pub mod pages;
pub mod placeholders;
pub mod teasers;

pub use pages::PAGE_BREAK;

/// The cleaned document: lines (blank lines kept as paragraph breaks,
/// [`PAGE_BREAK`] lines at page breaks) and whether the input was markdown.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub lines: Vec<String>,
    pub markdown: bool,
    /// Markdown its author wrote (a `.md` file): its headings are the ones
    /// it marks, never a short paragraph of its own.
    pub authored: bool,
    /// The running headers/footers stripped from the pages, most frequent
    /// first: not the body, but evidence for metadata (a document's own
    /// symbol may stand only in its page header).
    pub furniture: Vec<String>,
    /// The runs of lines cut as boilerplate (each run joined into one
    /// line): not the body, but a letterhead's list of member states is
    /// among them.
    pub set_aside: Vec<String>,
    /// Footnotes a reader already found (a PDF's footnote areas, a Word
    /// file's notes), their markers already in the lines: then
    /// `structure` looks for no others. `None`: not looked for.
    pub footnotes: Option<Vec<(String, String)>>,
    /// Tables a reader already found (a Word file's), each standing in
    /// the lines as a [`TABLE_MARK`] line with its index.
    pub tables: Vec<Vec<Vec<String>>>,
}

/// Starts a line that stands for a table of [`Cleaned::tables`]:
/// the mark, then the table's index.
pub const TABLE_MARK: &str = "\u{E003}table ";

/// Runs the cleaning rules in order; whether the text is markdown is
/// guessed from its lines.
pub fn clean(text: &str) -> Cleaned {
    clean_as(text, markdown::looks_like_markdown(text))
}

/// Runs the cleaning rules in order on text known to be (or not to be)
/// markdown.
fn clean_as(text: &str, markdown: bool) -> Cleaned {
    let mut raw = normalized_lines(text, markdown);
    let mut interner = boiler::Interner::default();
    let (span, tokens) = {
        let refs: Vec<&str> = raw.iter().map(String::as_str).collect();
        let (span, tokens) = boiler::content_span_tokens(&refs, &mut interner);
        (protect_structure(&refs, span), tokens)
    };
    // The kept lines' text, for the tokens `blocks` would compute again.
    let mut kept_text = String::with_capacity(
        span.clone()
            .filter(|&i| i < tokens.len())
            .map(|i| raw[i].len())
            .sum(),
    );
    let mut kept_at: Vec<(usize, usize, usize)> = Vec::new();
    for i in span.clone().filter(|&i| i < tokens.len()) {
        if !raw[i].trim().is_empty() {
            let start = kept_text.len();
            kept_text.push_str(&raw[i]);
            kept_at.push((start, kept_text.len(), i));
        }
    }
    let known: blocks::KnownTokens<'_> = kept_at
        .iter()
        .map(|&(s, e, i)| (&kept_text[s..e], tokens[i].as_slice()))
        .collect();
    let cut_tail = span.end < raw.len();
    // The lines kept are moved out, not copied.
    let tail = raw.split_off(span.end);
    let mut kept: Vec<String> = raw.split_off(span.start);
    let mut set_aside = runs(&raw);
    set_aside.extend(runs(&tail));
    if cut_tail {
        // `For more information, contact:` whose contacts were cut.
        while let Some(last) = kept.iter().rposition(|l| !l.trim().is_empty()) {
            if kept[last].trim_end().ends_with([':', '：']) {
                kept.truncate(last);
            } else {
                break;
            }
        }
    }
    boiler::drop_leading_menu(&mut kept);
    boiler::drop_trailing_chrome(&mut kept);
    let pages::Stripped {
        mut lines,
        furniture,
    } = pages::strip(kept, markdown);
    // The runs of lines cut, each joined into one line.
    let mut cut: Vec<(usize, String)> = Vec::new();
    blocks::drop_inner_boilerplate_into(&mut lines, markdown, &known, &mut interner, &mut cut);
    let mut next = usize::MAX;
    for (i, l) in cut {
        let l = l.trim();
        match set_aside.last_mut() {
            Some(run) if i == next => {
                run.push(' ');
                run.push_str(l);
            }
            _ => set_aside.push(l.to_string()),
        }
        next = i + 1;
    }
    Cleaned {
        lines,
        markdown,
        authored: false,
        furniture,
        set_aside,
        footnotes: None,
        tables: Vec::new(),
    }
}

/// The runs of non-blank lines, each joined into one line.
fn runs(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for l in lines {
        let t = l.trim();
        if t.is_empty() || t == PAGE_BREAK {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(t);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Markdown an author wrote (a `.md` file): no page chrome to cut and no
/// pages, so only the characters are tidied. The web-boilerplate rules,
/// run on an authored post, take its dateline and headings for chrome.
pub fn clean_authored(text: &str) -> Cleaned {
    Cleaned {
        lines: normalized_lines(text, true),
        markdown: true,
        authored: true,
        furniture: Vec::new(),
        set_aside: Vec::new(),
        footnotes: None,
        tables: Vec::new(),
    }
}

/// Lines with invisible characters dropped, full-width ASCII folded, dead
/// links reduced (markdown), rules and address bars blanked.
fn normalized_lines(text: &str, markdown: bool) -> Vec<String> {
    let raw: Vec<String> = text
        .lines()
        .map(|l| {
            // No replacement is longer than the character it replaces:
            // the line's length is enough.
            let mut out = String::with_capacity(l.len());
            // The runs of characters that stay are copied whole. Every
            // character replaced is a tab or starts with byte C2, E2 or EF:
            // in a line without tabs only those are decoded (memchr3), so
            // Han text is passed over by its bytes.
            let mut copied = 0;
            let mut replace = |i: usize| {
                let Some(c) = l[i..].chars().next() else {
                    return;
                };
                let with = match c {
                    '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => None,
                    '\t' | '\u{A0}' => Some(' '),
                    // Full-width digits and Latin letters (２０１９, ＵＮＯＤＣ)
                    // are the ASCII ones; CJK punctuation stays as it is.
                    // `１．` numbers paragraphs: its dot is the ASCII one.
                    '．' => Some('.'),
                    '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                        Some(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
                    }
                    _ => return,
                };
                out.push_str(&l[copied..i]);
                out.extend(with);
                copied = i + c.len_utf8();
            };
            if memchr::memchr(b'\t', l.as_bytes()).is_some() {
                l.char_indices().for_each(|(i, _)| replace(i));
            } else {
                memchr::memchr3_iter(0xC2, 0xE2, 0xEF, l.as_bytes()).for_each(replace);
            }
            out.push_str(&l[copied..]);
            let mut l = out;
            l.truncate(l.trim_end().len());
            if markdown {
                markdown::reduce_dead_links(&l)
            } else {
                l
            }
        })
        .collect();
    // Rules drawn with characters (the line above a page's footnotes) and
    // lines that are only addresses (a contact bar) carry no text.
    raw.into_iter()
        .map(|l| {
            if is_rule(&l, markdown) || is_address_bar(&l) {
                String::new()
            } else {
                l
            }
        })
        .collect()
}

/// The boilerplate cut never takes a document's own structure: its
/// masthead (from the top, when `Distr.` stands in the first lines, else
/// from the symbol's line above it) and its numbered paragraphs (through
/// the end of the last one's block, its text too when the cut left only
/// its number).
fn protect_structure(lines: &[&str], span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    static PARA: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*\d{1,4}(?:\.\s*$|\.\s+\S|\.\p{Han}|\s+-\s+\S)").unwrap()
    });
    let (mut start, mut end) = (span.start, span.end);
    if let Some(i) = lines[..start]
        .iter()
        .position(|l| crate::ingest::metadata::MASTHEAD.is_match(l))
    {
        // The masthead opens the document: what stands above its
        // `Distr.` line in the first lines (`United Nations`, the symbol,
        // the organ) is the masthead too.
        let near_top = lines[..i].iter().filter(|l| !l.trim().is_empty()).count() <= 6;
        let above = i > 0 && crate::ingest::metadata::first_symbol(lines[i - 1]).is_some();
        start = if near_top {
            0
        } else if above {
            i - 1
        } else {
            i
        };
    }
    if let Some(i) = lines[..start].iter().position(|l| PARA.is_match(l)) {
        start = i;
    }
    // A numbered paragraph cut off, its number the span's last line (`2.`
    // with its text on the lines below), or after the span: kept whole.
    let from = end.saturating_sub(1).max(start);
    if let Some(i) = lines[from..].iter().rposition(|l| PARA.is_match(l)) {
        let last = from + i;
        end = lines[last..]
            .iter()
            .position(|l| l.trim().is_empty())
            .map_or(lines.len(), |k| last + k);
    }
    start..end.max(start)
}

/// `www.x.int/news • press@x.int • +41 22 730 6039 • twitter.com/x`:
/// two or more web or mail addresses and hardly a word besides.
fn is_address_bar(line: &str) -> bool {
    static DOMAIN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:https?://|www\.)\S+$|^[a-z0-9_.+-]+@[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$|^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$").unwrap()
    });
    if !crate::ingest::text::holds_address_mark(line) {
        return false;
    }
    let mut links = 0;
    let mut words = 0;
    for tok in line.split_whitespace() {
        let tok = tok
            .trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '<' | '>' | '，' | '。'));
        if DOMAIN.is_match(tok) {
            links += 1;
        } else if tok.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            words += 1;
        }
    }
    links >= 2 && words <= 2
}

fn is_rule(line: &str, markdown: bool) -> bool {
    let t = line.trim();
    // Most lines fail at their first character: counted only after.
    t.chars()
        .all(|c| matches!(c, '_' | '—' | '─' | '=' | '━') || (!markdown && matches!(c, '-' | '*')))
        && t.chars().count() >= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spam_head_and_tail_go() {
        let mut text =
            String::from("美国免费虚拟主机\n\n美国免费虚拟主机  时间:2020-12-29  阅读:()\n\n");
        for i in 0..30 {
            text.push_str(&format!(
                "{i}. 会员国在打击为犯罪目的使用信息和通信技术行为方面面临挑战,需要加强国际合作和数字证据的获取.\n"
            ));
        }
        text.push_str("\n欲了解更多信息，请联系：\n");
        text.push_str("\n腾讯云2核4GB内存8M带宽 年74元 便宜 主机 优惠\n");
        text.push_str("双线虚拟主机 duniu 42u机柜尺寸 美国php主机 网站被封 嘟牛 蜗牛魔方 腾讯实名认证中心 qq对话框\n");
        let c = clean(&text);
        let all = c.lines.join("\n");
        assert!(!all.contains("虚拟主机"), "{all}");
        assert!(!all.contains("腾讯云"), "{all}");
        assert!(!all.contains("请联系"), "{all}");
        assert!(all.contains("0. 会员国"));
        assert!(all.contains("29. 会员国"));
    }

    #[test]
    fn ordinary_prose_is_untouched() {
        let text = "Title line\n\nLa coopération internationale est essentielle pour lutter contre la cybercriminalité.\n\
                    Les États membres ont souligné la nécessité de renforcer la coopération.\n\
                    La cybercriminalité exige une coopération internationale renforcée entre États.\n";
        let c = clean(text);
        assert_eq!(c.lines.len(), 5);
    }

    #[test]
    fn address_bars_go_prose_with_an_address_stays() {
        assert!(is_address_bar(
            "www.itu.int/newsroom • pressinfo@itu.int • +41 22 730 6039 • twitter.com/ITU_News"
        ));
        assert!(is_address_bar(
            "Email: info@example.org | https://example.org"
        ));
        assert!(!is_address_bar(
            "The compilation is available at www.unodc.org/cybercrime and in print."
        ));
        assert!(!is_address_bar("电子邮件：alexander.ntoko@itu.int，"));
    }

    #[test]
    fn full_width_digits_and_letters_are_ascii() {
        let c = clean("２０１９年５月１９日，ＵＮＯＤＣ（毒品和犯罪问题办公室）。\n１．大会\n");
        assert_eq!(c.lines[0], "2019年5月19日，UNODC（毒品和犯罪问题办公室）。");
        assert_eq!(c.lines[1], "1.大会");
    }
}
