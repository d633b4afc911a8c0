//! Small character-level helpers shared by the ingest stages.

/// Han ideographs (CJK unified, extensions, compatibility).
/// A markdown link's destination inside its parentheses, as a regex: an
/// address may hold parentheses of its own
/// (`https://undocs.org/S/RES/2118(2013)`), which a `\([^)]*\)` would end
/// the link at.
pub const MD_LINK_TARGET: &str = r"(?:[^()\n]|\([^()\n]*\))*";

pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// `char::is_alphabetic`, answered for the Basic Multilingual Plane by
/// one bit test: text in Han or another non-Latin script asks for every
/// character, and the library's look-up is a search.
pub fn is_letter(c: char) -> bool {
    let n = c as u32;
    if n < 0x80 {
        return c.is_ascii_alphabetic();
    }
    if matches!(n, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
        // The core CJK ideographs: every one assigned, every one a letter.
        return true;
    }
    if n >= 0x10000 {
        return c.is_alphabetic();
    }
    letter_bits(n as usize / 64).0 & (1 << (n % 64)) != 0
}

/// `char::is_alphanumeric`, by the same table as [`is_letter`].
pub fn is_alnum(c: char) -> bool {
    let n = c as u32;
    if n < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if matches!(n, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
        return true;
    }
    if n >= 0x10000 {
        return c.is_alphanumeric();
    }
    letter_bits(n as usize / 64).1 & (1 << (n % 64)) != 0
}

const CHUNKS: usize = 0x10000 / 64;

/// Per 64 code points of the BMP: the alphabetic and the alphanumeric
/// ones, each chunk filled from the library's answers the first time a
/// character of it is asked about (a text uses few chunks; filling the
/// whole plane would cost more than a small input's whole ingest).
static ALPHA: [std::sync::atomic::AtomicU64; CHUNKS] =
    [const { std::sync::atomic::AtomicU64::new(0) }; CHUNKS];
static ALNUM: [std::sync::atomic::AtomicU64; CHUNKS] =
    [const { std::sync::atomic::AtomicU64::new(0) }; CHUNKS];
/// Which chunks are filled (one bit each).
static FILLED: [std::sync::atomic::AtomicU64; CHUNKS / 64] =
    [const { std::sync::atomic::AtomicU64::new(0) }; CHUNKS / 64];

fn letter_bits(k: usize) -> (u64, u64) {
    use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
    let flag = 1u64 << (k % 64);
    if FILLED[k / 64].load(Acquire) & flag == 0 {
        // Threads that fill the same chunk at once store the same bits.
        let (mut alpha, mut alnum) = (0u64, 0u64);
        for bit in 0..64u32 {
            if let Some(c) = char::from_u32(k as u32 * 64 + bit) {
                alpha |= u64::from(c.is_alphabetic()) << bit;
                alnum |= u64::from(c.is_alphanumeric()) << bit;
            }
        }
        ALPHA[k].store(alpha, Relaxed);
        ALNUM[k].store(alnum, Relaxed);
        FILLED[k / 64].fetch_or(flag, Release);
        return (alpha, alnum);
    }
    (ALPHA[k].load(Relaxed), ALNUM[k].load(Relaxed))
}

/// Scripts written without spaces between words (Han, kana, Thai, …).
pub fn is_unspaced(c: char) -> bool {
    is_han(c)
        || matches!(c as u32,
            0x3040..=0x30FF   // kana
            | 0x0E00..=0x0E7F // Thai
            | 0x0E80..=0x0EFF // Lao
            | 0x1000..=0x109F // Myanmar
            | 0x1780..=0x17FF) // Khmer
}

/// CJK and full-width punctuation (、。，《》“” …).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF65 | 0x2018..=0x201F | 0x2026)
}

/// A UN masthead's first line: the Organization's name, in one of the six
/// languages, and the document's symbol (`United Nations S/PV.9876`) —
/// a meeting record's whole masthead, never a title.
pub fn is_un_head(line: &str) -> bool {
    static HEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:united nations|nations unies|naciones unidas|организация объединенных наций|联合国|الأمم المتحدة)\s+[A-Z]{1,4}/\S+$")
            .expect("valid regex")
    });
    HEAD.is_match(line.trim())
}

/// A UN job number as printed at a page's foot or head: `25-04567 (E)`,
/// `19-12345 (R)    250719`, with the page counter a text dump may glue
/// to it (`25-19720 2/2`); the bar code's text (`*1912345*`) and the
/// recycling line that stand beside it on a first page.
pub fn is_un_job_number(t: &str) -> bool {
    static JOB: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:(?:\d{1,4}/\d{1,4}\s+)?\*?\d{2}-\d{5}\*?\s*(?:\([A-Z]\))?(?:\s+\d{6})?\s*\*?[\d*]*(?:\s+\d{1,4}/\d{1,4})?|\*\d{7}\*|(?i:please recycle)\W*)$",
        )
        .expect("valid regex")
    });
    JOB.is_match(t.trim())
}

/// A full stop, question or exclamation mark, semicolon or colon, in any
/// script: Latin and its fullwidth forms, Arabic (`؛` `؟`, Urdu `۔`),
/// Devanagari and Bengali (`।` `॥`), Armenian (`։`), Ethiopic (`።` `፤`
/// `፧`), Myanmar (`။`), Tibetan (`།`), Khmer (`។` `៕`), Greek (`;`, its
/// question mark), the ideographic full stop and its halfwidth form.
pub fn is_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | ';'
            | ':'
            | '。'
            | '｡'
            | '．'
            | '！'
            | '？'
            | '；'
            | '：'
            | '؛'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '։'
            | '።'
            | '፤'
            | '፧'
            | '။'
            | '།'
            | '។'
            | '៕'
            | '\u{037E}'
            | '‼'
            | '⁇'
    )
}

/// A comma in any script: Latin, fullwidth and ideographic (`，` `、`),
/// Arabic (`،`), Ethiopic (`፣`), Myanmar (`၊`).
pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '､' | '،' | '፣' | '၊')
}

/// Characters after which a sentence is complete: a [stop](is_stop), or
/// a closing quote or bracket (the stop is inside it), or an ellipsis.
pub fn is_terminal(c: char) -> bool {
    is_stop(c) || matches!(c, '"' | '”' | '»' | '…' | '」' | '』' | ')' | '）')
}

/// A statement of how a text was adopted (`Adopted by General Assembly
/// resolution 217 A (III) of 10 December 1948`, `Adoptée et proclamée par
/// …`, `Принята резолюцией …`, `…第217A(III)号决议通过并颁布`): it gives the
/// document's date, never its title.
pub fn is_adoption_statement(t: &str) -> bool {
    // Anchored at the start: its Unicode `\b` sends a non-ASCII text to
    // the slow engines, which stop at once when nothing matches there.
    static ADOPTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:\W*)(?:adopted|proclaimed|approved|adoptée?s?|proclamée?s?|adoptad[ao]s?|proclamad[ao]s?|aprobad[ao]s?|aprovad[ao]s?|adotad[ao]s?|angenommen|verabschiedet|принят[аоы]?|провозглашен[аоы]?|اعتمد|اعتُمد|أقر|aangenomen|disahkan|diterima dan diumumkan|được thông qua|được (?:\S+ ){1,8}?thông qua|adottat[aoie]|przyjęt[aey]|прийнят[аоі]?|ухвален[аоі]?|مصوب|تصویب شده|منظور شدہ|अंगीकृत|स्वीकृत)\b",
        )
        .unwrap()
    });
    // The Chinese forms end the (trimmed) text: a suffix test, not a
    // search of the whole text.
    const ADOPTED_ZH: [&str; 5] = [
        "通过并颁布",
        "通过并宣布",
        "决议通过",
        "號決議通過",
        "号决议通过",
    ];
    let t = t.trim();
    ADOPTED_ZH.iter().any(|s| t.ends_with(s)) || ADOPTED.is_match(t)
}

/// Whether `t` holds `://`, `www.` or `@`, the marks of a web or mail
/// address: the three searched at once by their first bytes (`:`, `w`,
/// `@`), which Han text seldom holds, instead of a searcher per needle.
pub fn holds_address_mark(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr3_iter(b':', b'w', b'@', b).any(|i| match b[i] {
        b'@' => true,
        b':' => b[i + 1..].starts_with(b"//"),
        _ => b[i + 1..].starts_with(b"ww."),
    })
}

/// Number of non-whitespace characters.
pub fn visible_len(s: &str) -> usize {
    // Characters are the bytes that are not continuation bytes; ASCII
    // white space is known by its byte, and the non-ASCII white space
    // (U+0085, U+00A0, U+1680, U+2000…U+200A, U+2028, U+2029, U+202F,
    // U+205F, U+3000) by its encoding. Every test is branch-free over
    // slices of equal length, counted in bytes per chunk of 128, so the
    // compiler vectorises it: ingest asks for the length of every line
    // more than once. The passes for the pairs and triples run only when
    // the first one saw their lead bytes (C2; E1…E3).
    const CHUNK: usize = 128;
    let b = s.as_bytes();
    let mut n = 0usize;
    let (mut lead_c2, mut lead_e1_e3) = (0u8, 0u8);
    for chunk in b.chunks(CHUNK) {
        let mut c = 0u8;
        for &x in chunk {
            let starts = u8::from((x as i8) >= -0x40);
            let ascii_space =
                u8::from(x == b' ') | u8::from(x.wrapping_sub(b'\t') <= b'\r' - b'\t');
            c += starts & (ascii_space ^ 1);
            lead_c2 |= u8::from(x == 0xC2);
            lead_e1_e3 |= u8::from(x.wrapping_sub(0xE1) <= 0xE3 - 0xE1);
        }
        n += usize::from(c);
    }
    if lead_c2 != 0 && b.len() >= 2 {
        // U+0085, U+00A0: C2 85, C2 A0.
        let pairs = b.len() - 1;
        let mut k = 0;
        while k < pairs {
            let end = (k + CHUNK).min(pairs);
            let (c0, c1) = (&b[k..end], &b[k + 1..end + 1]);
            let mut c = 0u8;
            for j in 0..c0.len() {
                let (x, y) = (c0[j], c1[j]);
                c += u8::from(x == 0xC2) & (u8::from(y == 0x85) | u8::from(y == 0xA0));
            }
            n -= usize::from(c);
            k = end;
        }
    }
    if lead_e1_e3 != 0 && b.len() >= 3 {
        // U+1680: E1 9A 80; U+2000…U+200A, U+2028, U+2029, U+202F: E2 80
        // 80…8A, A8, A9, AF; U+205F: E2 81 9F; U+3000: E3 80 80.
        let triples = b.len() - 2;
        let mut k = 0;
        while k < triples {
            let end = (k + CHUNK).min(triples);
            let (c0, c1, c2) = (&b[k..end], &b[k + 1..end + 1], &b[k + 2..end + 2]);
            let mut c = 0u8;
            for j in 0..c0.len() {
                let (x, y, z) = (c0[j], c1[j], c2[j]);
                let e2_80 = u8::from(x == 0xE2)
                    & u8::from(y == 0x80)
                    & (u8::from(z.wrapping_sub(0x80) <= 0x0A)
                        | u8::from(z == 0xA8)
                        | u8::from(z == 0xA9)
                        | u8::from(z == 0xAF));
                let e2_81 = u8::from(x == 0xE2) & u8::from(y == 0x81) & u8::from(z == 0x9F);
                let e1 = u8::from(x == 0xE1) & u8::from(y == 0x9A) & u8::from(z == 0x80);
                let e3 = u8::from(x == 0xE3) & u8::from(y == 0x80) & u8::from(z == 0x80);
                c += e2_80 | e2_81 | e1 | e3;
            }
            n -= usize::from(c);
            k = end;
        }
    }
    n
}

/// Escapes characters that would change the meaning of plain text in markdown.
pub fn escape_md(s: &str) -> String {
    escape_md_from(s, true)
}

/// Like [`escape_md`]; `at_line_start` says whether `s` begins a line.
pub fn escape_md_from(s: &str, at_line_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_md_into(&mut out, s, at_line_start);
    out
}

/// [`escape_md_from`], appended to `out`.
pub fn escape_md_into(out: &mut String, s: &str, at_line_start: bool) {
    // Every character escaped is ASCII: the text is scanned by bytes and
    // copied in runs between them.
    let b = s.as_bytes();
    let mut line_start = at_line_start;
    let mut last = 0;
    for (i, &x) in b.iter().enumerate() {
        // `>` only matters at a line start; `_` inside a word is harmless
        // in CommonMark but escaping keeps it simple.
        let escape = match x {
            b'*' | b'_' | b'[' | b']' | b'`' | b'\\' | b'|' | b'<' => true,
            b'>' | b'#' | b'+' | b'-' | b'=' => line_start,
            b'~' => b.get(i + 1) == Some(&b'~'),
            b'^' => i > 0 && b[i - 1] == b'[',
            _ => false,
        };
        if escape {
            out.push_str(&s[last..i]);
            out.push('\\');
            last = i;
        }
        line_start = x == b'\n';
    }
    out.push_str(&s[last..]);
}

/// A short ASCII slug: lowercase letters and digits, runs of anything else
/// collapsed to `-`; `None` when the text has too few ASCII letters.
pub fn ascii_slug(s: &str, max_len: usize) -> Option<String> {
    let mut out = String::new();
    let mut letters = 0usize;
    let mut other = 0usize;
    use unicode_normalization::UnicodeNormalization;
    let folded: String = s
        .nfd()
        .filter(|c| !matches!(*c as u32, 0x0300..=0x036F))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            'ø' | 'Ø' => 'o',
            'ł' | 'Ł' => 'l',
            'ß' => 's',
            // Turkish dotless i; Icelandic eth.
            'ı' => 'i',
            'ð' | 'Ð' => 'd',
            _ => c,
        })
        .collect();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            if c.is_ascii_alphabetic() {
                letters += 1;
            }
        } else {
            if c.is_alphanumeric() {
                other += 1;
            }
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    }
    if letters < 3 || other > letters {
        return None;
    }
    if out.len() > max_len {
        let cut = out[..max_len].rfind('-').unwrap_or(max_len);
        out.truncate(cut);
    }
    while out.ends_with('-') {
        out.pop();
    }
    Some(out)
}

/// A title and the issuing body under it as a library catalogues them
/// (`Credentials of … : report of the Secretary-General`): a colon, the
/// issuer's first word in lower case unless it is an acronym or a name
/// (`UNICEF`); after Han text the full-width colon (`…行为：秘书长的报告`).
pub fn with_issuer(title: &str, issuer: &str) -> String {
    if title.ends_with(is_han) {
        return format!("{title}：{issuer}");
    }
    let mut chars = issuer.chars();
    let issuer = match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            let rest = &issuer[a.len_utf8()..];
            format!("{}{rest}", a.to_lowercase())
        }
        _ => issuer.to_string(),
    };
    format!("{title}: {issuer}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_marks_are_found_wherever_they_stand() {
        for t in [
            "见 https://un.org",
            "www.un.org",
            "a@b",
            "x://",
            "会员国www.x",
        ] {
            assert!(holds_address_mark(t), "{t}");
        }
        for t in [
            "",
            "会员国：2019",
            "www",
            "ww.x",
            "http:/x",
            "we won: wow",
            "w",
        ] {
            assert!(!holds_address_mark(t), "{t}");
        }
    }

    #[test]
    fn visible_length_sees_white_space_across_chunk_boundaries() {
        // The pairs and triples of the non-ASCII spaces straddle the
        // 128-byte chunks the count runs in.
        for space in [
            '\u{85}', '\u{A0}', '\u{1680}', '\u{2009}', '\u{205F}', '\u{3000}',
        ] {
            for pad in 120..136 {
                for s in [
                    format!("{}{space}y", "x".repeat(pad)),
                    format!("{}{space}{space}中", "中".repeat(pad / 3)),
                ] {
                    let want = s.chars().filter(|c| !c.is_whitespace()).count();
                    assert_eq!(visible_len(&s), want, "{pad} {:X}", space as u32);
                }
            }
        }
    }

    #[test]
    fn visible_length_counts_every_character_but_white_space() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            let want = s.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(visible_len(&s), want, "{:X}", c as u32);
        }
    }

    #[test]
    fn letter_tables_answer_as_the_library_for_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{:X}", c as u32);
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{:X}", c as u32);
        }
    }

    #[test]
    fn adoption_statements() {
        for t in [
            "Adopted by General Assembly resolution 217 A (III) of 10 December 1948",
            "Adoptada y proclamada por la Asamblea General en su resolución 217 A (III)",
            "Adoptée et proclamée par l'Assemblée générale",
            "Принята резолюцией 217 А (III) Генеральной Ассамблеи от 10 декабря 1948 года",
            "联合国大会一九四八年十二月十日第217A(III)号决议通过并颁布",
            "مصوب دهم دسمبر ۱۹۴۸ میلادی",
            "Прийнята і проголошена резолюцією 217 A (III) Генеральної Асамблеї ООН",
            "Przyjęta i proklamowana rezolucją Zgromadzenia Ogólnego ONZ 217 A (III)",
            "Adottata e proclamata dall'Assemblea Generale delle Nazioni Unite",
        ] {
            assert!(is_adoption_statement(t), "{t}");
        }
        for t in [
            "Adoptions of children across borders",
            "Universal Declaration of Human Rights",
            "مصوبات مجلس",
            "اعلامیه جهانی حقوق بشر",
        ] {
            assert!(!is_adoption_statement(t), "{t}");
        }
    }

    #[test]
    fn scripts() {
        assert!(is_han('中'));
        assert!(!is_han('a'));
        assert!(is_unspaced('ก'));
        assert!(is_cjk_punct('。'));
    }

    #[test]
    fn escaping_keeps_plain_text_plain() {
        assert_eq!(escape_md("a*b_c [x]"), "a\\*b\\_c \\[x\\]");
        assert_eq!(escape_md("# not a heading"), "\\# not a heading");
        assert_eq!(escape_md("阿根廷(a)"), "阿根廷(a)");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            ascii_slug("Phối hợp trong phòng, chống", 40).as_deref(),
            Some("phoi-hop-trong-phong-chong")
        );
        assert_eq!(ascii_slug("网络空间的反恐", 40), None);
        assert_eq!(
            ascii_slug("Yıkılan binalarda çalışmalar", 60).as_deref(),
            Some("yikilan-binalarda-calismalar")
        );
        assert_eq!(
            ascii_slug("Cybersecurity mandate", 12).as_deref(),
            Some("cybersecurit")
        );
    }
}
