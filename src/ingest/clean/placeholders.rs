//! What extraction tools write where they found no text: `<missing-text>`,
//! `[image]`, `(cid:12)`, runs of U+FFFD, a word processor's `[Type here]`
//! or `Error! Bookmark not defined.`, and lines of nothing but leader dots
//! or underscores. None of it is the document; it is removed wherever it
//! stands, so it can never become a title or a paragraph.

use std::sync::LazyLock;

use regex::Regex;

/// Inline placeholders. `[image]` followed by `(` is a markdown link's
/// text and stays (checked by the caller).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)",
        // Tools' own markers: `<missing-text>`, `<!-- image -->`,
        // `<!-- formula-not-decoded -->`, `<image>`.
        r"<(?:missing[ _-]?text|image|img|figure|picture|formula[a-z -]*)\s*/?>",
        r"|<!--\s*(?:image|figure|picture|table|formula[a-z -]*|missing[a-z -]*)\s*-->",
        // `[image]`, `[Image 3]`, `[figure]`, `[Picture: …]`, `[graphic]`.
        r"|\[(?:image|img|figure|fig|picture|photo|graphic|chart|logo|signature)(?:[ :#][^\]\n]{0,40})?\]",
        // Unmapped glyphs of a font without a ToUnicode map.
        r"|\(cid:\d{1,5}\)",
        r"|\x{FFFD}+",
        // Word templates' prompts, in the languages of their templates.
        r"|\[(?:type here|type text|type (?:the|a|your) [^\]\n]{1,40}|insert [^\]\n]{1,40}|click here[^\]\n]{0,40}",
        r"|escriba aquí|escriba texto|escriba (?:el|la) [^\]\n]{1,40}",
        r"|tapez ici|tapez le texte|tapez (?:le|la|un|une) [^\]\n]{1,40}",
        r"|hier eingeben|text eingeben|geben sie [^\]\n]{1,40}",
        r"|digite aqui|digite o texto|digite [^\]\n]{1,30}|digitare qui|scrivere qui|typ hier|typ de [^\]\n]{1,30}",
        r"|введите текст|введите [^\]\n]{1,30}|在此处键入|在此处输入[^\]\n]{0,20}|ここに入力[^\]\n]{0,20}|여기에 입력[^\]\n]{0,20}|nhập văn bản|nhập vào đây)\]",
        // Broken cross-references of a word processor.
        r"|Error! (?:Bookmark not defined|Reference source not found|No text of specified style in document)\.",
        r"|Erreur ! (?:Signet non défini|Source du renvoi introuvable)\.",
        r"|¡Error! (?:Marcador no definido|No se encuentra el origen de la referencia)\.",
        r"|Fehler! (?:Textmarke nicht definiert|Verweisquelle konnte nicht gefunden werden)\.",
        r"|Erro! (?:Indicador não definido|A origem da referência não foi encontrada)\.",
        r"|Ошибка! (?:Закладка не определена|Источник ссылки не найден)\.",
        r"|错误!未定义书签。|错误!未找到引用源。",
    ))
    .unwrap()
});

/// Removes placeholders from one line; a line left with nothing but
/// leader dots, underscores or ellipses becomes empty (in markdown, `___`
/// is a rule and stays).
pub fn scrub(line: &str, markdown: bool) -> String {
    let mut out: Option<String> = None;
    if may_hold_placeholder(line) && INLINE.is_match(line) {
        let mut s = String::with_capacity(line.len());
        let mut last = 0;
        for m in INLINE.find_iter(line) {
            // `[image](x.png)`, `![image][1]`: link text, not a placeholder.
            if m.as_str().starts_with('[')
                && (line[m.end()..].starts_with(['(', '[']) || line[..m.start()].ends_with('!'))
            {
                continue;
            }
            s.push_str(&line[last..m.start()]);
            last = m.end();
        }
        s.push_str(&line[last..]);
        // A placeholder inside a line leaves two spaces.
        if s.len() != line.len() {
            let indent = &line[..line.len() - line.trim_start().len()];
            let body = s.split_whitespace().collect::<Vec<_>>().join(" ");
            s = format!("{indent}{body}");
        }
        out = Some(s);
    }
    let l = out.as_deref().unwrap_or(line);
    if is_leader_only(l) && !(markdown && l.contains('_')) {
        return String::new();
    }
    out.unwrap_or_else(|| line.to_string())
}

/// [`scrub`] on an owned line, which comes back as it is when there is
/// nothing to remove.
pub fn scrub_owned(line: String, markdown: bool) -> String {
    if !may_hold_placeholder(&line) && !(is_leader_only(&line) && !(markdown && line.contains('_')))
    {
        return line;
    }
    scrub(&line, markdown)
}

/// Every inline placeholder holds one of these characters: a line
/// without any has none (checked before the automaton runs). The only
/// one opened by `(` is `(cid:…)`, and no other character folds to `c`:
/// a `(` not followed by `c` or `C` (most of them) is no sign.
fn may_hold_placeholder(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2(b'<', b'[', b).is_some()
        || memchr::memchr(b'!', b).is_some()
        || memchr::memchr_iter(b'(', b).any(|i| matches!(b.get(i + 1), Some(b'c' | b'C')))
        || FFFD.find(b).is_some()
}

/// U+FFFD's bytes, searched for with one searcher built once.
static FFFD: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("\u{FFFD}"));

/// `. . . . .`, `……`, `_____`, `·····`: a line drawn with dots.
fn is_leader_only(line: &str) -> bool {
    let t = line.trim();
    let mut marks = 0;
    for c in t.chars() {
        match c {
            '.' | '·' | '_' | '•' => marks += 1,
            '…' | '‥' | '⋯' => marks += 3,
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    marks >= 3
}

#[cfg(test)]
mod tests {
    fn scrub(line: &str) -> String {
        super::scrub(line, false)
    }

    #[test]
    fn tool_markers_go_wherever_they_stand() {
        assert_eq!(scrub("<missing-text>"), "");
        assert_eq!(scrub("<!-- image -->"), "");
        assert_eq!(scrub("[image]"), "");
        assert_eq!(scrub("See the map [Image 2] below."), "See the map below.");
        assert_eq!(scrub("Th(cid:12)e law (cid:3)applies"), "The law applies");
        assert_eq!(scrub("Th(CID:12)e law (Cid:3)applies"), "The law applies");
        assert_eq!(scrub("\u{FFFD}\u{FFFD}\u{FFFD} Résumé"), "Résumé");
        assert_eq!(scrub("[Type here]"), "");
        assert_eq!(scrub("[Escriba aquí]"), "");
        assert_eq!(scrub("[Введите текст]"), "");
        assert_eq!(
            scrub("as shown in section Error! Reference source not found. above"),
            "as shown in section above"
        );
        assert_eq!(scrub(". . . . . . . . . ."), "");
        assert_eq!(scrub("________________"), "");
        assert_eq!(scrub("……"), "");
    }

    #[test]
    fn text_that_looks_alike_stays() {
        for l in [
            "[image](figure-1.png)",
            "I. Introduction . . . . . . . 3",
            "The image shows [a] map.",
            "Wait...",
            "  1. Indented item",
            "Article 5 [Type of measures]",
            "![image][1]",
        ] {
            assert_eq!(scrub(l), l);
        }
        assert_eq!(super::scrub("___", true), "___");
    }
}
