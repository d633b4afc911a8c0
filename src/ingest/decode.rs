//! Decode: bytes of any common encoding → NFC-normalised `String`.

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
    } else if let Some(enc) = declared_charset(bytes) {
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
    // Text whose characters are all below U+0300 or CJK ideographs
    // (U+4000…U+9FFF) is NFC: every one a starter the quick check says
    // yes to. Known by the lead bytes alone (any byte from CC up is one:
    // C2…CB start U+0080…U+02FF, E4…E9 the ideographs), branch-free per
    // chunk so that it vectorises.
    let plain_nfc = text.as_bytes().chunks(64).all(|chunk| {
        chunk.iter().fold(0u8, |acc, &b| {
            acc | u8::from(b >= 0xCC && !(0xE4..=0xE9).contains(&b))
        }) == 0
    });
    if plain_nfc {
        return Ok(text);
    }
    // Most text is already NFC; the quick check is several times faster
    // than normalising.
    // CJK ideographs (U+4000…U+9FFF) are NFC starters like ASCII: the
    // check looks them up as `a`, without its tables.
    let quick = text.chars().map(|c| {
        if ('\u{4000}'..='\u{9FFF}').contains(&c) {
            'a'
        } else {
            c
        }
    });
    if is_nfc_quick(quick) == IsNormalized::Yes {
        return Ok(text);
    }
    Ok(text.nfc().collect())
}

/// The encoding a web page declares in its first 2 KB (`<meta charset=…>`,
/// `<meta http-equiv=Content-Type content="…; charset=…">`, an XML
/// declaration), when it is one encoding_rs knows and not UTF-16 (which a
/// page cannot declare in ASCII).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=").map(|i| i + 8).or_else(|| {
        head.starts_with("<?xml")
            .then(|| head.find("encoding=").map(|i| i + 9))
            .flatten()
    })?;
    let label: String = head[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect();
    let enc = Encoding::for_label(label.as_bytes())?;
    (enc != UTF_16LE && enc != UTF_16BE && enc != UTF_8).then_some(enc)
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
    // Each test is branch-free and counted in bytes per chunk of 128, so
    // the compiler vectorises the pass.
    const CHUNK: usize = 128;
    let (mut total, mut replacement, mut control) = (0usize, 0usize, 0usize);
    let bytes = text.as_bytes();
    for chunk in bytes.chunks(CHUNK) {
        let (mut t, mut c) = (0u8, 0u8);
        for &b in chunk {
            t += u8::from((b as i8) >= -0x40);
            // C0 controls but TAB, LF, VT, FF and CR (0x09…0x0D), and DEL.
            c += (u8::from(b < 0x20) & u8::from(b.wrapping_sub(0x09) > 0x04)) | u8::from(b == 0x7F);
        }
        total += usize::from(t);
        control += usize::from(c);
    }
    if bytes.len() >= 3 {
        let (p0, p1, p2) = (
            &bytes[..bytes.len() - 2],
            &bytes[1..bytes.len() - 1],
            &bytes[2..],
        );
        for ((c0, c1), c2) in p0.chunks(CHUNK).zip(p1.chunks(CHUNK)).zip(p2.chunks(CHUNK)) {
            let mut r = 0u8;
            for ((&x, &y), &z) in c0.iter().zip(c1).zip(c2) {
                r += u8::from(x == 0xEF) & u8::from(y == 0xBF) & u8::from(z == 0xBD);
            }
            replacement += usize::from(r);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.txt")
    }

    #[test]
    fn plausibility_counts_controls_and_replacements_at_the_bar() {
        // 4 control characters in 199 characters: more than 1 in 50.
        let mut t = "a".repeat(195);
        t.insert_str(0, "\u{1}\u{7f}");
        t.push_str("\u{1f}\u{0}");
        assert!(check_plausible(&t).is_err(), "controls");
        // TAB, LF, VT, FF and CR are text.
        let t = format!("{}\t\n\u{b}\u{c}\r", "a".repeat(20));
        assert!(check_plausible(&t).is_ok());
        // 16 U+FFFD in 150 characters, the last one at the very end.
        let t = format!("{}{}", "a".repeat(134), "\u{FFFD}".repeat(16));
        assert!(check_plausible(&t).is_err(), "replacements");
        let t = format!("{}{}", "a".repeat(140), "\u{FFFD}".repeat(15));
        assert!(check_plausible(&t).is_ok());
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
    fn a_page_declares_its_charset() {
        let ru = "Резолюция о киберпреступности";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(ru);
        let mut page = b"<html><head><meta charset=\"koi8-r\"></head><body>".to_vec();
        page.extend_from_slice(&bytes);
        let text = decode(&page, Path::new("p.html")).unwrap();
        assert!(text.contains(ru), "{text}");
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
    fn utf16_without_bom_and_mangled_text() {
        let s = "Résolution 2341 (2017) du Conseil de sécurité";
        let le: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le, p()).unwrap(), s);
        // Text that was already mangled before it reached us is refused.
        let mangled = "Nghị quyết \u{FFFD}\u{FFFD} ".repeat(40);
        let e = decode(mangled.as_bytes(), Path::new("seeds/vi.txt")).unwrap_err();
        assert!(e.to_string().contains("seeds/vi.txt"), "{e}");
    }
}
