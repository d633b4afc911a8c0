//! Decode: bytes of any common encoding → NFC-normalised `String`;
//! HTML → text with its block structure kept.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::IngestError;

/// Decodes `bytes` read from `path`: a BOM wins, then valid UTF-8, then the
/// encoding chardetng guesses (GB18030, Big5, Shift_JIS, Windows-125x, …).
/// Binary data and mostly undecodable text are refused, never passed on;
/// mojibake is repaired and control characters dropped ([`super::mojibake`]).
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    let err = |message: String| IngestError::Input {
        path: path.to_path_buf(),
        message,
    };
    let text: String = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc == UTF_8 {
            return Err(err("invalid UTF-8 after a UTF-8 byte-order mark".into()));
        }
        cow.into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_owned()
    } else if let Some(enc) = utf16_without_bom(bytes) {
        enc.decode_without_bom_handling(bytes).0.into_owned()
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
        det.feed(bytes, true);
        let enc = det.guess(None, chardetng::Utf8Detection::Allow);
        let (cow, _, _) = enc.decode(bytes);
        cow.into_owned()
    };
    check_plausible(&text).map_err(err)?;
    let text = match super::mojibake::repair(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(repaired) => repaired,
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    // Most text is already NFC; the quick check is several times faster
    // than normalising.
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Ok(text);
    }
    Ok(text.nfc().collect())
}

/// UTF-16 without a BOM shows up as every other byte being NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let half = sample.len() / 2;
    if odd_nul * 10 > half * 6 && even_nul * 10 < half {
        Some(UTF_16LE)
    } else if even_nul * 10 > half * 6 && odd_nul * 10 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuses binary data and text that is mostly undecodable. A few stray
/// control characters (a NEL, a DEL) or replacement characters in text
/// that is otherwise fine are not fatal: [`super::mojibake`] removes the
/// controls, and the replacement characters stay as marks of what was lost.
fn check_plausible(text: &str) -> Result<(), String> {
    // One pass over the bytes: a UTF-8 character starts at every byte that
    // is not a continuation byte; U+FFFD is EF BF BD; C0 controls and DEL
    // (the marks of binary data) are single bytes. C1 controls are what
    // mojibake is made of, and are handled there.
    let (mut total, mut replacement, mut control) = (0usize, 0usize, 0usize);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        total += usize::from(b & 0xC0 != 0x80);
        control += usize::from(
            (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0B | 0x0C)) || b == 0x7F,
        );
        replacement += usize::from(b == 0xEF && bytes.get(i + 1..i + 3) == Some(&[0xBF, 0xBD]));
    }
    if control >= 4 && control * 50 > total {
        return Err(format!(
            "looks like binary data ({control} control characters in {total}), not text"
        ));
    }
    if replacement >= 16 && replacement * 10 > total {
        return Err(format!(
            "cannot be decoded cleanly ({replacement} undecodable sequences in {total} \
             characters); convert it to UTF-8 first"
        ));
    }
    Ok(())
}

/// Elements whose whole content is dropped.
const DROP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "form",
    "iframe", "button", "select", "head", "menu", "dialog", "title",
];
/// Elements without content (never closed).
const VOID: &[&str] = &[
    "br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed",
    "param", "track",
];
/// Elements that start a new block.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "br",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "body",
];

/// Page chrome named by its class, id or role (`class="sidebar"`,
/// `id="related-posts"`, `role="navigation"`): the usual words of site
/// templates, as in jusText/trafilatura.
static CHROME_ATTR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r#"(?i)\b(?:class|id|role)\s*=\s*["']?[^"'>]*\b(?:nav|navbar|navigation|menu|footer|sidebar|side-bar|related|share|sharing|social|comments?|cookie|breadcrumbs?|banner|advert\w*|ads?|promo|subscribe|newsletter|widget|pagination|tags?|tagcloud)\b"#,
    )
    .unwrap()
});

/// HTML → text: blocks become paragraphs (blank lines), `<li>` becomes
/// `- item`, headings become `#` lines, scripts, styles and page chrome
/// (by element or by class/id/role) vanish, entities are decoded. A small
/// tolerant tokenizer keeps a stack of open elements; no DOM is built.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    // Open elements: (name, dropped).
    let mut stack: Vec<(String, bool)> = Vec::new();
    let dropping = |stack: &[(String, bool)]| stack.iter().any(|e| e.1);
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if !dropping(&stack) {
                push_text(&mut out, rest);
            }
            break;
        };
        if !dropping(&stack) {
            push_text(&mut out, &rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        // Raw text elements: skip to their end tag.
        if !closing && (name == "script" || name == "style") {
            static END: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                regex::Regex::new(r"(?i)</(script|style)\s*>").unwrap()
            });
            rest = END
                .find_iter(rest)
                .find(|m| m.as_str()[2..2 + name.len()].eq_ignore_ascii_case(&name))
                .map_or("", |m| &rest[m.end()..]);
            continue;
        }
        let was_dropping = dropping(&stack);
        if closing {
            if let Some(pos) = stack.iter().rposition(|e| e.0 == name) {
                stack.truncate(pos);
            }
        } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            // A `<header>` inside the article holds its title: kept.
            let in_article = stack.iter().any(|e| e.0 == "article" || e.0 == "main");
            let drop = (DROP.contains(&name.as_str()) && !(name == "header" && in_article))
                || CHROME_ATTR.is_match(tag);
            stack.push((name.clone(), drop));
        }
        if was_dropping || dropping(&stack) {
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            if name == "br" {
                out.push('\n');
            } else {
                out.push_str("\n\n");
            }
            if !closing {
                match name.as_str() {
                    "li" => out.push_str("- "),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        let level = name[1..].parse::<usize>().unwrap_or(1);
                        out.push_str(&"#".repeat(level));
                        out.push(' ');
                    }
                    _ => {}
                }
            }
        }
    }
    // Tidy: trim lines, collapse runs of blank lines, drop empty markers.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let line = line.trim();
        if line.is_empty() || line == "-" || line.trim_start_matches('#').trim().is_empty() {
            blank += 1;
            continue;
        }
        if !tidy.is_empty() {
            tidy.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        tidy.push_str(line);
    }
    tidy.push('\n');
    // A page without a headline of its own: its <title> (without the
    // site name after a separator) stands in.
    if !tidy.lines().any(|l| l.starts_with("# "))
        && let Some(title) = html_title(html)
    {
        tidy = format!("# {title}\n\n{tidy}");
    }
    tidy
}

fn html_title(html: &str) -> Option<String> {
    static TITLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?is)<title[^>]*>(.*?)</title\s*>").unwrap()
    });
    let raw = TITLE.captures(html)?.get(1)?.as_str();
    let mut t = String::new();
    push_text(&mut t, raw);
    let t = t.trim();
    let t = [" | ", " – ", " — ", " - ", " :: "]
        .iter()
        .filter_map(|sep| t.rsplit_once(sep).map(|(head, _)| head))
        .max_by_key(|h| h.len())
        .unwrap_or(t)
        .trim();
    (t.chars().filter(|c| c.is_alphabetic()).count() >= 3).then(|| t.to_string())
}

fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    let mut last_space = out.ends_with(' ') || out.ends_with('\n') || out.is_empty();
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{A0}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(if c == '\u{A0}' { ' ' } else { c });
            last_space = false;
        }
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let ent = &rest[1..end];
            let c = if let Some(num) = ent.strip_prefix('#') {
                if let Some(hex) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                } else {
                    num.parse::<u32>().ok().and_then(char::from_u32)
                }
            } else {
                match ent {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{A0}'),
                    "mdash" => Some('—'),
                    "ndash" => Some('–'),
                    "hellip" => Some('…'),
                    "laquo" => Some('«'),
                    "raquo" => Some('»'),
                    "ldquo" => Some('“'),
                    "rdquo" => Some('”'),
                    "lsquo" => Some('‘'),
                    "rsquo" => Some('’'),
                    _ => None,
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.txt")
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("阿根廷".as_bytes(), p()).unwrap(), "阿根廷");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Việt Nam".as_bytes());
        assert_eq!(decode(&b, p()).unwrap(), "Việt Nam");
    }

    #[test]
    fn utf16_with_bom() {
        let s = "Résolution 2341 (2017) — Россия";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, p()).unwrap(), s);
        assert_eq!(decode(&be, p()).unwrap(), s);
    }

    #[test]
    fn legacy_encodings() {
        let zh = "联合国大会第七十四届会议，打击为犯罪目的使用信息和通信技术行为。秘书长的报告。";
        let (gbk, _, _) = encoding_rs::GBK.encode(zh);
        assert_eq!(decode(&gbk, p()).unwrap(), zh);
        let ru = "Государства-члены подчеркнули важность международного сотрудничества в борьбе с киберпреступностью.";
        let (w1251, _, _) = encoding_rs::WINDOWS_1251.encode(ru);
        assert_eq!(decode(&w1251, p()).unwrap(), ru);
        let fr = "La résolution adoptée à l'unanimité : coopération, sécurité et société civile.";
        let (w1252, _, _) = encoding_rs::WINDOWS_1252.encode(fr);
        assert_eq!(decode(&w1252, p()).unwrap(), fr);
    }

    #[test]
    fn nfc_normalises_vietnamese() {
        let nfd = "Vie\u{0323}\u{0302}t Nam";
        assert_eq!(decode(nfd.as_bytes(), p()).unwrap(), "Việt Nam");
    }

    #[test]
    fn binary_is_refused_with_the_file_name() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        let e = decode(&bytes, Path::new("seeds/bad.txt")).unwrap_err();
        assert!(e.to_string().contains("seeds/bad.txt"), "{e}");
    }

    #[test]
    fn html_keeps_blocks_and_drops_chrome() {
        let html = "<html><head><title>t</title><style>p{}</style></head><body>\
            <nav><a href='/'>Home</a></nav><h1>Titre</h1><p>Premier&nbsp;paragraphe &amp; suite.</p>\
            <script>alert(1)</script><ul><li>un</li><li>deux</li></ul><footer>© 2020</footer></body></html>";
        let t = html_to_text(html);
        assert_eq!(
            t,
            "# Titre\n\nPremier paragraphe & suite.\n\n- un\n\n- deux\n"
        );
    }

    #[test]
    fn article_header_is_kept() {
        let html =
            "<header>Site</header><article><header><h1>Titre</h1></header><p>Texte.</p></article>";
        assert_eq!(html_to_text(html), "# Titre\n\nTexte.\n");
    }

    #[test]
    fn utf16_without_bom_and_mangled_text() {
        let s = "Résolution 2341 (2017) du Conseil de sécurité";
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le, p()).unwrap(), s);
        // Text that was already mangled before it reached us is refused.
        let mangled = "Nghị quyết \u{FFFD}\u{FFFD} ".repeat(40);
        let e = decode(mangled.as_bytes(), Path::new("seeds/vi.txt")).unwrap_err();
        assert!(e.to_string().contains("seeds/vi.txt"), "{e}");
    }

    #[test]
    fn title_element_stands_in_for_a_missing_headline() {
        let html = "<html><head><title>Cooperación contra el ciberdelito | Noticias ONU</title></head>\
            <body><p>Texto.</p></body></html>";
        assert_eq!(
            html_to_text(html),
            "# Cooperación contra el ciberdelito\n\nTexto.\n"
        );
        let html = "<title>Site</title><h1>Real headline</h1><p>Text.</p>";
        assert_eq!(html_to_text(html), "# Real headline\n\nText.\n");
    }
}
