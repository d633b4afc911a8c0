//! Mojibake repair and control characters, the last step of decoding.
//!
//! Mojibake here is UTF-8 that some program once decoded as Windows-1252
//! or Latin-1: `é` (bytes C3 A9) became `Ã©`, `’` (E2 80 99) became `â€™`,
//! `при` became `Ð¿Ñ€Ð¸`, `中文` became `ä¸­æ–‡`. The approach is ftfy's
//! (Robyn Speer's python-ftfy): find runs of characters that *could* be
//! such a decoding — a Latin-1 letter that stands for a UTF-8 lead byte
//! followed by the right number of characters that stand for continuation
//! bytes (`€`…`Ÿ` of Windows-1252, the C1 controls of Latin-1, `\u{A0}`…`¿`)
//! — turn them back into bytes and decode those as UTF-8. A run is
//! repaired only when it decodes to a plausible character *and* the
//! evidence says it is broken, because correct text can look the same:
//! `«CAFÉ»` is `É` + `»`, which would decode to `ɛ`; `Straße“` would
//! become an N'Ko letter.
//!
//! Evidence, per unit (one would-be UTF-8 character; units side by side
//! make a run):
//! - **strong**: a C1 control in it; a continuation character that has no
//!   business directly after a letter (`©`, `€`, `¨`, `±`, `¸`, `º`, …);
//!   after `Ã`/`Â`, or twice in a row, anything but closing punctuation;
//!   a mark glued to a following letter (`aoÃ»t`, `HÃ”TEL`); an upper-case
//!   lead right after a lower-case letter (`cafÃ©`, `voilÃ le`).
//! - **weak**: the rest — every continuation is punctuation that may follow
//!   a letter (`’ ” “ … – — » ™ ® \u{A0}`: `Ã’s`, `Å™`, `É…`, `NESTLÉ®`
//!   are usually right as they are); also a lone `×` (`5×£35`), a
//!   non-Latin letter glued to an ASCII word (`Nestlé®’s` would become
//!   `Nestl鮙s`), and units rebuilt from a lost byte.
//!
//! Strong units are repaired; weak ones only when their run holds a strong
//! one, or their line (or the whole text) does and has no non-ASCII letter
//! outside units — a line that mixes correct `«CAFÉ»` with broken `Ã©`
//! keeps the former — and they would not become IPA, a combining mark or
//! a rare script (the shapes of `NESTLÉ®`, `COSÌ…`, `Straße“`).
//! Double encoding is undone by repeating (at most three times).
//!
//! Bytes lost on the way are handled as ftfy does: a `\u{A0}` that became
//! a space (`voilÃ le`, `Ã s`, `Ð ÑƒÑ`, `à¸ à¸²`) is put back; a
//! sequence cut by U+FFFD or `?` (`â€\u{FFFD}`, `â€?`) becomes U+FFFD.
//!
//! Then control characters: NEL becomes a line break (or `…` where it is
//! glued to a word and followed by a space, as Windows-1252's `…` read as
//! Latin-1 is), as does a vertical tab (Word's manual line break). Other C0
//! controls except tab, line feed, carriage return and form feed (a page
//! break), DEL, the C1 controls and stray byte-order marks are removed —
//! except when the C1 controls are plainly Windows-1252 punctuation read
//! as Latin-1 (`It\u{92}s`, `\u{93}quoted\u{94}`): then they become that
//! punctuation.
//!
//! Clean text costs one pass over its bytes (about 2 GB/s) and comes back
//! borrowed.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Repairs mojibake, then removes or replaces control characters.
pub fn repair(text: &str) -> Cow<'_, str> {
    let (mojibake, controls) = quick_scan(text.as_bytes());
    let fixed = if mojibake {
        fix_mojibake(text)
    } else {
        Cow::Borrowed(text)
    };
    match fixed {
        Cow::Borrowed(t) if !controls => Cow::Borrowed(t),
        Cow::Borrowed(t) => clean_controls(t),
        Cow::Owned(t) => match clean_controls(&t) {
            Cow::Borrowed(_) => Cow::Owned(t),
            Cow::Owned(c) => Cow::Owned(c),
        },
    }
}

/// Bytes that may begin a control character (C0 but tab, line feed,
/// carriage return and form feed; DEL; C1 is C2 80…C2 9F; a BOM is EF BB
/// BF) or mojibake (leads `Â`…`ô` are C3 82…C3 B4; U+FFFD is EF BF BD).
const INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r' | 0x0C);
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xC3] = true;
    t[0xEF] = true;
    t
};

/// The whole cost for clean text: one pass over the bytes telling whether
/// the text may hold mojibake (a lead followed by the first byte of a
/// continuation character, of U+FFFD, or by a space) and whether it holds
/// control characters. A superset: the real work decides.
fn quick_scan(b: &[u8]) -> (bool, bool) {
    let (mut mojibake, mut controls) = (false, false);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&x| INTERESTING[usize::from(x)]) {
        let j = i + off;
        let at = |k: usize| b.get(j + k).copied().unwrap_or(0);
        match b[j] {
            0xC2 => controls |= (0x80..=0x9F).contains(&at(1)),
            0xC3 => {
                mojibake |= (0x82..=0xB4).contains(&at(1))
                    && (matches!(at(2), 0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2 | 0xEF)
                        || (at(1) <= 0x83 && at(2) == b' '));
            }
            0xEF => controls |= at(1) == 0xBB && at(2) == 0xBF,
            _ => controls = true,
        }
        if mojibake && controls {
            break;
        }
        i = j + 1;
    }
    (mojibake, controls)
}

/// Windows-1252 bytes 0x80..=0x9F; the five it leaves undefined stay C1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The byte a Windows-1252 or Latin-1 decoder turned into `c`.
fn byte_of(c: char) -> Option<u8> {
    let cp = c as u32;
    if (0x80..=0xFF).contains(&cp) {
        return Some(cp as u8);
    }
    if cp < 0x152 {
        return None;
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .map(|i| 0x80 + i as u8)
}

/// Continuation characters that may directly follow a letter in correct
/// text: quotes, apostrophes, dashes, ellipsis, guillemets, marks like
/// `™ ® °` and superscripts (`NESTLÉ®`), no-break space, soft hyphen,
/// acute accent used as an apostrophe, middle dot, Spanish inverted marks
/// (`SÉ¡` is odd but not mojibake).
fn may_follow_letter(c: char) -> bool {
    closing(c)
        || matches!(
            c,
            '‘' | '“'
                | '‹'
                | '›'
                | '™'
                | '®'
                | '°'
                | '¹'
                | '²'
                | '³'
                | '«'
                | '¡'
                | '¿'
                | '\u{AD}'
                | '´'
                | '·'
        )
}

/// Closing punctuation, the only kind that follows a word-final `Ã` or
/// `Â` in correct text (`IRMÃ’s`, `MAÇÃ…`) or comes two in a row after a
/// letter (`été’”`, `Brontë…”`).
fn closing(c: char) -> bool {
    matches!(c, '’' | '”' | '…' | '–' | '—' | '»' | '\u{A0}')
}

/// Continuation characters that also sit between letters (`ZZAJÉ’s`,
/// `l·l`, `CAFÉ–BAR`, `Ä\u{A0}E`).
fn before_letters(c: char) -> bool {
    matches!(c, '’' | '´' | '·' | '\u{AD}' | '–' | '—' | '\u{A0}')
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

fn is_continuation(c: char) -> bool {
    byte_of(c).is_some_and(|b| (0x80..=0xBF).contains(&b))
}

/// A character UTF-8 mojibake plausibly stood for: not a C0 control,
/// not private use, not a noncharacter, not a rare historic block. C1
/// controls are allowed: in doubly encoded text they are the next round's
/// continuation bytes, and [`clean_controls`] removes any left over.
fn plausible(c: char) -> bool {
    let cp = c as u32;
    !(c.is_ascii_control()
        || (0xE000..=0xF8FF).contains(&cp)
        || (0xFDD0..=0xFDEF).contains(&cp)
        || cp & 0xFFFE == 0xFFFE
        || (0x0800..=0x089F).contains(&cp)
        || cp >= 0x30000)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Evidence {
    Weak,
    Strong,
}

/// One would-be UTF-8 character: `text[start..end]` stands for `fixed`.
#[derive(Debug)]
struct Unit {
    start: usize,
    end: usize,
    fixed: Option<char>,
    evidence: Evidence,
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// Parses the unit starting at `start`, if there is one.
fn unit_at(text: &str, start: usize) -> Option<Unit> {
    let lead = char_at(text, start)?;
    let b0 = byte_of(lead).filter(|b| (0xC2..=0xF4).contains(b))?;
    let n = match b0 {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        _ => 3,
    };
    let prev = char_before(text, start);
    let a_lead = matches!(lead, 'Ã' | 'Â');
    let unusual = |c: char| is_c1(c) || !may_follow_letter(c) || ((a_lead || n > 1) && !closing(c));
    let mut bytes = [b0, 0, 0, 0];
    let mut conts = ['\0'; 3];
    let mut end = start + lead.len_utf8();
    let mut lost_space = false;
    for k in 0..n {
        match char_at(text, end) {
            Some(c) if is_continuation(c) => {
                bytes[k + 1] = byte_of(c)?;
                conts[k] = c;
                end += c.len_utf8();
            }
            // A `\u{A0}` turned into a space inside a three-byte character
            // (`à¸ ` for `ภ`, `â €` for U+2800), as ftfy restores it: only
            // for the leads of common scripts and symbols, never twice.
            Some(' ')
                if n == 2
                    && !lost_space
                    && (k == 1 || matches!(b0, 0xE2 | 0xE3))
                    && (0xE0..=0xE3).contains(&b0)
                    && (k == 1 || char_at(text, end + 1).is_some_and(is_continuation)) =>
            {
                bytes[k + 1] = 0xA0;
                conts[k] = '\u{A0}';
                end += 1;
                lost_space = true;
            }
            // A byte lost on the way (`â€\u{FFFD}`, `â€?` for `”`): the
            // character is gone, its mojibake is replaced by U+FFFD.
            Some(c) if c == '\u{FFFD}' || (c == '?' && lead == 'â' && conts[..k] == ['€']) => {
                let strong = conts[..k].iter().any(|&c| unusual(c))
                    || (lead.is_uppercase() && prev.is_some_and(char::is_lowercase));
                // The bytes after the lost one belong to the character too.
                let mut end = end + c.len_utf8();
                for _ in k + 1..n {
                    match char_at(text, end) {
                        Some(c) if is_continuation(c) => end += c.len_utf8(),
                        _ => break,
                    }
                }
                return Some(Unit {
                    start,
                    end,
                    fixed: Some('\u{FFFD}'),
                    evidence: if strong {
                        Evidence::Strong
                    } else {
                        Evidence::Weak
                    },
                });
            }
            _ => return lost_no_break_space(text, start, lead, prev),
        }
    }
    let fixed = std::str::from_utf8(&bytes[..=n])
        .ok()?
        .chars()
        .next()
        .filter(|&c| plausible(c))?;
    let conts = &conts[..n];
    let next = char_at(text, end);
    let last = conts[n - 1];
    let strong = conts.iter().any(|&c| unusual(c))
        // punctuation glued to the next word: `aoÃ»t`, `HÃ”TEL`
        || (next.is_some_and(char::is_alphanumeric)
            && !(before_letters(last) && !(a_lead && last == '\u{A0}')))
        // a capital right after a small letter: `cafÃ©`
        || (lead.is_uppercase() && prev.is_some_and(char::is_lowercase))
        // `Ã\u{A0}` standing alone is the word `à`
        || (a_lead && last == '\u{A0}' && !prev.is_some_and(char::is_alphabetic));
    // `×` (a lead of Hebrew) is a symbol of its own (`5×£35`): strong only
    // beside another unit.
    let lone_symbol = !lead.is_alphabetic()
        && next.is_none_or(|c| byte_of(c).is_none_or(|b| b < 0xC2))
        && !prev.is_some_and(is_continuation);
    // A non-Latin letter glued to an ASCII word (`Nestlé®’s` would become
    // `Nestl鮙s`) needs support from its line.
    let latin = fixed as u32 <= 0x24F || ('\u{1E00}'..='\u{1EFF}').contains(&fixed);
    let glued =
        n == 2 && fixed.is_alphabetic() && !latin && prev.is_some_and(|p| p.is_ascii_alphabetic());
    let evidence = if strong && !glued && !lone_symbol && !lost_space {
        Evidence::Strong
    } else {
        Evidence::Weak
    };
    Some(Unit {
        start,
        end,
        fixed: Some(fixed),
        evidence,
    })
}

/// A lead followed by a space that stood for byte A0, which some program
/// turned from a no-break space into a space. `Ã` + space is `à`
/// (`voilÃ le`, `Ã partir`) — strong evidence, as Portuguese capitals end
/// words in `Ã` (`IRMÃ E`) only after a capital and before a capital;
/// `Â` with a space is a no-break space; `Å`, `Î`, `Ð` with a space are
/// `Š`, `Π`, `Р` (`Ð ÑƒÑ`) — weak, for their line to confirm.
fn lost_no_break_space(text: &str, start: usize, lead: char, prev: Option<char>) -> Option<Unit> {
    let after = text[start + lead.len_utf8()..].strip_prefix(' ')?;
    let fixed = match lead {
        'Ã' | 'Â' => {
            let next_word = after.trim_start_matches(' ').chars().next();
            if prev.is_some_and(|p| p.is_alphabetic() && !p.is_lowercase())
                || (lead == 'Ã'
                    && !next_word.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()))
            {
                return None;
            }
            Some(if lead == 'Ã' { 'à' } else { '\u{A0}' })
        }
        'Å' => Some('Š'),
        'Î' => Some('Π'),
        'Ð' => Some('Р'),
        _ => return None,
    };
    // For `Ã` the space may also be the word break that followed (`voilÃ
    // le`): it is kept unless a second space follows or the word is one of
    // Portuguese's `à` contractions (`Ã s` = `às`, `Ã quele` = `àquele`),
    // as ftfy does.
    let joined = lead != 'Ã'
        || after.starts_with(' ')
        || ["s ", "s,", "s.", "quel", "quil"]
            .iter()
            .any(|w| after.starts_with(w));
    Some(Unit {
        start,
        end: start + 2 + usize::from(joined),
        fixed,
        evidence: if lead == 'Ã' {
            Evidence::Strong
        } else {
            Evidence::Weak
        },
    })
}

/// Non-ASCII letters in `s`: where a line or text has some outside the
/// units, correct accented text lives beside the mojibake.
fn letters(s: &str) -> usize {
    s.chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic())
        .count()
}

/// Whether a weak unit may be repaired on its line's or text's evidence:
/// not when it would become a character that real text hardly has but a
/// correct capital with a mark after it decodes to — IPA and combining
/// marks (`NESTLÉ®` → `ɮ`, `COSÌ…`), Armenian (`Õ…`), Syriac, Thaana, N'Ko
/// (`Straße“`).
fn rescuable(fixed: Option<char>) -> bool {
    fixed.is_none_or(|c| {
        !(('\u{250}'..='\u{36F}').contains(&c)
            || ('\u{530}'..='\u{58F}').contains(&c)
            || ('\u{700}'..='\u{7FF}').contains(&c))
    })
}

/// One round of repair; `None` when nothing was repaired.
fn fix_once(text: &str) -> Option<String> {
    // The quick test; then every lead is looked at (units before the
    // first suspect one, such as `Ð ` for `Р`, count too).
    if !quick_scan(text.as_bytes()).0 {
        return None;
    }
    let bytes = text.as_bytes();
    // Units, each with the index of its run and of its line; lines as
    // (start, end, strong units, letters in units).
    let mut units: Vec<(Unit, usize, usize)> = Vec::new();
    let mut lines: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut run = 0usize;
    let mut pos = 0;
    while pos < bytes.len() {
        // Lead characters `Â`…`ô` are C3 82…C3 B4 in UTF-8.
        let Some(off) = bytes[pos..]
            .windows(2)
            .position(|w| w[0] == 0xC3 && (0x82..=0xB4).contains(&w[1]))
        else {
            break;
        };
        let start = pos + off;
        let Some(unit) = unit_at(text, start) else {
            pos = start + 2;
            continue;
        };
        if units.last().is_none_or(|(u, _, _)| u.end != start) {
            run += 1;
        }
        if lines.last().is_none_or(|l| start >= l.1) {
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            lines.push((line_start, line_end, 0, 0));
        }
        if let Some(line) = lines.last_mut() {
            line.2 += usize::from(unit.evidence == Evidence::Strong);
            line.3 += letters(&text[unit.start..unit.end]);
        }
        pos = unit.end;
        units.push((unit, run, lines.len() - 1));
    }
    if lines.iter().all(|l| l.2 == 0) {
        return None;
    }
    // A line that is all mojibake (no letters outside units) with strong
    // evidence: its weak units are mojibake too. Likewise the whole text.
    let line_ok: Vec<bool> = lines
        .iter()
        .map(|&(s, e, strong, unit_letters)| strong > 0 && letters(&text[s..e]) == unit_letters)
        .collect();
    let whole = letters(text) == lines.iter().map(|l| l.3).sum::<usize>();
    let mut strong_runs = vec![false; run + 1];
    for (u, r, _) in &units {
        strong_runs[*r] |= u.evidence == Evidence::Strong;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (u, r, l) in &units {
        if u.evidence == Evidence::Strong
            || strong_runs[*r]
            || ((whole || line_ok[*l]) && rescuable(u.fixed))
        {
            out.push_str(&text[last..u.start]);
            out.extend(u.fixed);
            last = u.end;
        }
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// Repairs UTF-8 read as Windows-1252/Latin-1, once, twice or three
/// times encoded. Text without mojibake comes back borrowed.
pub fn fix_mojibake(text: &str) -> Cow<'_, str> {
    let Some(mut fixed) = fix_once(text) else {
        return Cow::Borrowed(text);
    };
    for _ in 0..2 {
        match fix_once(&fixed) {
            Some(again) => fixed = again,
            None => break,
        }
    }
    Cow::Owned(fixed)
}

static CONTROL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"[\x00-\x08\x0B\x0E-\x1F\x7F\u{80}-\u{9F}\u{FEFF}]").unwrap()
});

/// Removes or replaces control characters (see the module doc).
pub fn clean_controls(text: &str) -> Cow<'_, str> {
    clean(text, cp1252_as_latin1(text))
}

/// Whether `text` holds C1 controls Windows-1252 gives punctuation to,
/// other than NEL (U+0085, its `…`): the sign of Windows-1252 (or UTF-8)
/// read as Latin-1.
fn cp1252_as_latin1(text: &str) -> bool {
    text.contains(|c: char| is_c1(c) && c != '\u{85}' && CP1252_HIGH[c as usize - 0x80] != c)
}

fn clean(text: &str, cp1252: bool) -> Cow<'_, str> {
    let Some(first) = CONTROL.find(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first.start()]);
    let mut chars = text[first.start()..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' | '\u{0C}' => out.push(c),
            // NEL is a line break, except where it plainly is Windows-1252's
            // `…` read as Latin-1: glued to a word and followed by a space.
            '\u{85}' if !cp1252 => {
                let glued = out.chars().next_back().is_some_and(|p| !p.is_whitespace());
                let ellipsis = glued && chars.peek() == Some(&' ');
                out.push(if ellipsis { '…' } else { '\n' });
            }
            '\u{0B}' => out.push('\n'),
            '\u{80}'..='\u{9F}' if cp1252 => {
                let w = CP1252_HIGH[c as usize - 0x80];
                if w != c {
                    out.push(w);
                }
            }
            '\u{FEFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a Windows-1252 reader (as browsers and encoding_rs define it:
    /// undefined bytes become C1 controls) makes of UTF-8.
    fn as_cp1252(s: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode(s.as_bytes())
            .0
            .into_owned()
    }

    /// What a Latin-1 reader makes of UTF-8 (0x80..=0x9F become C1).
    fn as_latin1(s: &str) -> String {
        s.bytes().map(char::from).collect()
    }

    /// Correct text in many scripts, with the shapes that look most like
    /// mojibake: Portuguese capitals ending in `Ã`, `Â`-initial words,
    /// guillemets glued to capitals, German closing quotes after `ß`.
    const CORRECT: &[&str] = &[
        "Le Conseil de sécurité a adopté à l’unanimité la résolution : « c’est un progrès », \
         a déclaré la présidente. Où est l’œuvre ? Noël, naïve, ÉTÉ, COMMUNIQUÉ, «CAFÉ», Âge d’or, ÂME.",
        "Die Außenministerin äußerte „große Sorge“ über die Lage in der Straße. Grüße aus München, \
         ÖL, ÜBERSEE, »Schloß«, ›Maß‹.",
        "INFORMAÇÃO À IMPRENSA: SÃO PAULO NÃO ACEITA. A IRMÃ MARIA e o CAPITÃO JOÃO chegaram. \
         A comissão aprovou a votação das ações; coração, Câmara, ÓRGÃOS, MÃE.",
        "¿Dónde está el niño? ¡Qué año! La Comisión Económica para América Latina. ACCIÓN, AÑO, !YO SÉ¡",
        "Hội đồng Bảo an Liên Hợp Quốc đã thông qua nghị quyết. NGÃ TƯ, Đà Nẵng, Tiếng Việt.",
        "Совет Безопасности принял резолюцию о сотрудничестве при расследовании преступлений.",
        "中文：联合国安全理事会通过了关于打击网络犯罪的决议。",
        "日本語：国際連合安全保障理事会は決議を採択した。カタカナ、ひらがな。",
        "اعتمد مجلس الأمن القرار بالإجماع، رسالة من الأمين العام.",
        "Ελληνικά: Το Συμβούλιο Ασφαλείας ενέκρινε το ψήφισμα.",
        "© 2024 — 20 €, Pokémon™, 37,5 °C, ±3 %, 3 × 4, ½ kg, N° 5, 1º, Nestlé®’s, 4288×…",
        "Ørsted, Þingvellir, Þórshöfn, Tórshavn, Færøerne, blåbær, Ísland, HÅØYA, ð, Æ.",
        "Charlotte Brontë…” and ZZAJÉ’s list; HUHLL Õ…; RETWEET SE VOCÊ…; AHÅ™; a radius of 10 Å—",
        "Cànan nan Gàidheal, Čeština, Lietuvių, Polski: zażółć gęślą jaźń, Türkçe: İstanbul, ılık.",
    ];

    /// Odd but correct strings that look like mojibake (most from ftfy's
    /// negative test cases).
    const LOOKALIKES: &[&str] = &[
        "NESTLÉ® requiere contratar personal",
        "C O N C L U S Ã O",
        "There are a lot of Ã’s in mojibake text",
        "Offering 5×£35 pin ups",
        "``toda produzida pronta pra assa aí´´",
        "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…",
        "Con il corpo e lo spirito ammaccato,\u{a0}è come se nel cuore avessi un vetro conficcato.",
        "Join ZZAJÉ’s Official Fan List",
        "higher values (“+” and “×” curves)",
        "SELKÄ\u{a0}EDELLÄ\u{a0}MAAHAN via @YouTube",
        "HÅØYA ER BLÅØYD",
        "Η ¨ανατροφή¨ δυστυχώς",
        "«ÉTÉ» — «CAFÉ»… «IRMÃ» „Straße“ ›Maß‹ A IRMÃ E O IRMÃO",
    ];

    #[test]
    fn correct_text_is_left_alone() {
        for s in CORRECT.iter().chain(LOOKALIKES) {
            assert!(matches!(fix_mojibake(s), Cow::Borrowed(_)), "changed: {s}");
            assert_eq!(repair(s), *s);
        }
    }

    #[test]
    fn broken_text_comes_back_in_every_script() {
        for s in CORRECT {
            assert_eq!(
                fix_mojibake(&as_cp1252(s)),
                *s,
                "Windows-1252: {}",
                as_cp1252(s)
            );
            assert_eq!(
                fix_mojibake(&as_latin1(s)),
                *s,
                "Latin-1: {:?}",
                as_latin1(s)
            );
            let twice = as_cp1252(&as_cp1252(s));
            assert_eq!(fix_mojibake(&twice), *s, "twice: {twice}");
        }
    }

    #[test]
    fn single_tokens() {
        for (broken, fixed) in [
            ("COMMUNIQUÃ\u{89}", "COMMUNIQUÉ"),
            ("COMMUNIQUÃ‰", "COMMUNIQUÉ"),
            ("â€œquotedâ€\u{9d}", "“quoted”"),
            ("donâ€™t", "don’t"),
            ("cafÃ©", "café"),
            ("aoÃ»t", "août"),
            ("HÃ”TEL", "HÔTEL"),
            ("ï·º", "\u{FDFA}"),
            ("ï»¿Title", "Title"),
            ("Ð¿Ñ€Ð¸", "при"),
            ("ä¸\u{AD}æ–‡", "中文"),
            ("NicolÃ¡s", "Nicolás"),
            ("Ä°stanbul", "İstanbul"),
            ("ÃƒÂ©", "é"),
            ("Ningboï¼ŒChina", "Ningbo，China"),
            ("He's Justinâ\u{9d}¤", "He's Justin❤"),
            ("ðŸ˜€", "😀"),
            ("<40% vs â\u{89}¥40%", "<40% vs ≥40%"),
            ("Ð ÑƒÑ\u{81}Ñ\u{81}ÐºÐ¸Ð¹", "Русский"),
            (
                "The ICR was upgraded to â€œbb+â€? from â€œbbâ€\u{FFFD}",
                "The ICR was upgraded to “bb+\u{FFFD} from “bb\u{FFFD}",
            ),
            ("SlovenÄ\u{FFFD}ina", "Sloven\u{FFFD}ina"),
            (
                "ART TRIP Ã\u{a0} l'office de tourisme",
                "ART TRIP à l'office de tourisme",
            ),
            ("CÃ\u{a0}nan nan GÃ\u{a0}idheal", "Cànan nan Gàidheal"),
            ("×‘×”×•×“×¢×”", "בהודעה"),
            ("Ø±Ø³Ø§Ù„Ø©", "رسالة"),
            ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"),
            ("Ã€ tous mes frÃ¨res", "À tous mes frères"),
            (
                "Iggy Pop (nÃƒÂ© Jim Osterberg)",
                "Iggy Pop (né Jim Osterberg)",
            ),
            (
                "The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.",
                "The Mona Lisa doesn’t have eyebrows.",
            ),
        ] {
            assert_eq!(repair(broken), fixed, "{broken}");
        }
    }

    #[test]
    fn lost_no_break_space_after_a_grave_a() {
        assert_eq!(fix_mojibake("voilÃ le travail"), "voilà le travail");
        assert_eq!(
            fix_mojibake("Ã perturber la rÃ©flexion jusqu'Ã nos jours"),
            "à perturber la réflexion jusqu'à nos jours"
        );
        assert_eq!(
            fix_mojibake("com especial atenÃ§Ã£o Ã s crianÃ§as"),
            "com especial atenção às crianças"
        );
        // Portuguese capitals end words in Ã: no evidence, no change.
        assert_eq!(fix_mojibake("A IRMÃ E O IRMÃO"), "A IRMÃ E O IRMÃO");
    }

    #[test]
    fn mixed_text_repairs_only_the_broken_runs() {
        let s = "Le barÃ¨me permet l’Ã©valuation des frais.\n\
                 Déjà correct, «CAFÉ» reste «CAFÉ», mais â€œceciâ€\u{9d} ne l’est pas.";
        assert_eq!(
            fix_mojibake(s),
            "Le barème permet l’évaluation des frais.\n\
             Déjà correct, «CAFÉ» reste «CAFÉ», mais “ceci” ne l’est pas."
        );
    }

    #[test]
    fn correct_capitals_beside_mojibake_in_an_ascii_text() {
        let s = "NESTLÉ® and «CAFÉ» and COSÌ… don’t change, but donâ€™t does.\nNESTLÉ®";
        assert_eq!(
            fix_mojibake(s),
            "NESTLÉ® and «CAFÉ» and COSÌ… don’t change, but don’t does.\nNESTLÉ®"
        );
    }

    #[test]
    fn whole_paragraphs() {
        let fr = "Le Secrétaire général a présenté son rapport sur la coopération \
                  internationale ; les États Membres ont salué l’initiative à l’unanimité.";
        let ru = "Генеральный секретарь представил доклад о международном сотрудничестве.";
        let vi = "Tại sao giá hạt sầu riêng lại lên giá? Việt Nam, Hà Nội.";
        for s in [fr, ru, vi] {
            let page = format!("{s}\n\n{s}\n");
            assert_eq!(fix_mojibake(&as_cp1252(&page)), page);
        }
    }

    #[test]
    fn controls_are_removed_or_replaced() {
        assert_eq!(clean_controls("a\u{85}b\u{85}\u{85}c"), "a\nb\n\nc");
        assert_eq!(clean_controls("parlé\u{85} Tu sais"), "parlé… Tu sais");
        assert_eq!(clean_controls("a\u{7F}b\u{1}c\u{9D}d\u{FEFF}"), "abcd");
        assert_eq!(
            clean_controls("page\u{0C}break\tand\r\n"),
            "page\u{0C}break\tand\r\n"
        );
        assert_eq!(clean_controls("line\u{0B}break"), "line\nbreak");
        // Windows-1252 read as Latin-1: the C1 controls are its punctuation.
        assert_eq!(
            clean_controls("It\u{92}s \u{93}quoted\u{94}\u{85}"),
            "It’s “quoted”…"
        );
        assert_eq!(
            clean_controls("\u{84}Handwerk bringt dich überall hin\u{93}"),
            "„Handwerk bringt dich überall hin“"
        );
        // Mojibake repair sees the C1 controls first.
        assert_eq!(repair("COMMUNIQUÃ\u{89}\u{7F}"), "COMMUNIQUÉ");
    }

    #[test]
    fn large_clean_text_is_borrowed() {
        let mut big = String::new();
        while big.len() < 4 << 20 {
            for s in CORRECT {
                big.push_str(s);
                big.push('\n');
            }
        }
        assert!(matches!(repair(&big), Cow::Borrowed(_)));
    }

    #[test]
    fn a_few_undecodable_characters_or_controls_are_not_fatal() {
        // 60 replacement characters in 4 000 otherwise good characters.
        let s = format!("{}\u{FFFD}", "Nghị quyết về hợp tác quốc tế. ".repeat(2)).repeat(60);
        let t = crate::ingest::decode::decode(s.as_bytes(), std::path::Path::new("x.txt")).unwrap();
        assert_eq!(t.matches('\u{FFFD}').count(), 60);
        // A NEL, a DEL and mojibake in a short text.
        let s = "COMMUNIQUÃ\u{89} DE PRESSE\u{85}Le Conseil a adoptÃ© la rÃ©solution\u{7F}.";
        assert_eq!(
            crate::ingest::decode::decode(s.as_bytes(), std::path::Path::new("x.txt")).unwrap(),
            "COMMUNIQUÉ DE PRESSE\nLe Conseil a adopté la résolution."
        );
    }

    /// Real and synthetic cases from ftfy's test suite (its "in the wild"
    /// tweets and pages, its language names and its negative cases), the
    /// ones in this module's scope; see the file for the selection.
    #[test]
    fn ftfy_test_cases() {
        let data: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/ingest_data/ftfy_test_cases.json"))
                .expect("tests/ingest_data/ftfy_test_cases.json is JSON");
        let cases = data["cases"].as_array().expect("a `cases` array");
        assert!(cases.len() > 100);
        let mut wrong = Vec::new();
        for case in cases {
            let (Some(original), Some(expected)) =
                (case["original"].as_str(), case["expected"].as_str())
            else {
                panic!("case without original/expected: {case}");
            };
            let got = repair(original);
            if got != expected {
                wrong.push(format!(
                    "{original:?}\n  got      {got:?}\n  expected {expected:?}"
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Any mix of leads, continuation characters, controls, spaces and lost
    /// bytes goes through without a panic, and what comes out holds no
    /// control character but tab, line feed, carriage return and form feed.
    #[test]
    fn never_panics_and_leaves_no_controls() {
        let alphabet: Vec<char> = "ÂÃÅÎÐÑØ×àâãäæçéïðôÉÜß€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u{80}\u{81}\u{85}\u{89}\u{9d}\u{a0}¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿\u{fffd}\u{feff}\u{7f}\u{1}\u{b}\u{c}\t\r\n ?'aAzZ0中"
            .chars()
            .collect();
        let mut rng = crate::test_support::Lcg::new(0x5DEE_CE66_D1CE_5EED);
        for round in 0..3000 {
            let text = rng.text(&alphabet, 0, 40);
            let out = repair(&text);
            assert!(
                !out.contains(
                    |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')
                ),
                "round {round}: {text:?} → {out:?}"
            );
        }
    }

    /// By hand, in release:
    /// `cargo test --release --lib throughput_by_hand -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput_by_hand() {
        let mb = |s: &str| s.len() as f64 / f64::from(1 << 20);
        let time = |label: &str, s: &str, f: &dyn Fn(&str)| {
            let t = std::time::Instant::now();
            f(s);
            let dt = t.elapsed().as_secs_f64();
            println!(
                "{label}: {:.1} MB in {dt:.3} s = {:.0} MB/s",
                mb(s),
                mb(s) / dt
            );
        };
        // The bundled seeds, repeated to 50 MB: no suspect at all.
        let mut seeds = String::new();
        let mut paths: Vec<_> = std::fs::read_dir("seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            seeds.push_str(&std::fs::read_to_string(p).unwrap());
        }
        let seeds = seeds.repeat((50 << 20) / seeds.len() + 1);
        time("seeds, repair", &seeds, &|s| {
            assert!(matches!(repair(s), Cow::Borrowed(_)));
        });
        time("seeds, decode::decode", &seeds, &|s| {
            crate::ingest::decode::decode(s.as_bytes(), std::path::Path::new("x")).unwrap();
        });
        // The look-alikes above, repeated to 50 MB: every suspect looked at.
        let mut clean = String::new();
        while clean.len() < 50 << 20 {
            for s in CORRECT {
                clean.push_str(s);
                clean.push('\n');
            }
        }
        time("look-alikes, repair", &clean, &|s| {
            assert!(matches!(repair(s), Cow::Borrowed(_)));
        });
        let broken = as_cp1252(&clean);
        time("all mojibake, repair", &broken, &|s| {
            assert_eq!(repair(s), clean)
        });
    }
}
