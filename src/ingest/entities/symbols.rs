//! Other UN document symbols (DocumentRef): `S/2015/939`, `S/PRST/2016/6`,
//! `A/C.3/72/12`, `A/74/130`, `A/HRC/38/35`, `E/CN.15/2019/5`,
//! `CTOC/COP/2020/3`, `UNODC/CCPCJ/EG.4/2021/2`, `A/74/130/Add.1` …
//!
//! Grammar: an organ/series prefix (`A`, `S`, `E`, `ST`, `TD`, `CTOC`,
//! `UNODC`, treaty bodies …) then `/`-separated components, each an
//! uppercase series code with an optional `.number` (`C.3`, `CN.15`,
//! `EG.4`, `L.11`, `C.I`), a number (`2015`, `939`), or a revision suffix
//! (`Add.1`, `Rev.2`, `Corr.1`). At least one component has a digit. The
//! resolution series `A/RES/…` and `S/RES/…` are left to `resolutions`.
//!
//! Page-artifact junk glued to the end is cut conservatively: when the last
//! component is a number immediately followed by a letter (a PDF running
//! header `A/74/130V.` glues the job-number prefix `V.`), the symbol ends
//! at the number. A symbol that ends in letters glued to more letters is not
//! a symbol at all. Trailing punctuation is never part of a symbol.

use std::sync::LazyLock;

use regex::Regex;

static SYMBOL_RE: LazyLock<Regex> = LazyLock::new(|| {
    let prefix = r"(?:A|S|E|ST|TD|DP|CTOC|UNODC|CCPR|CRC|CEDAW|CERD|CAT|CMW|CRPD|CED|HRI|UNEP|ICCD|FCCC|CD|ECE|ESCAP|ECLAC|ESCWA|ECA|JIU|PBC|UNW|CCPCJ|CND|SG|INCB|IDB|UNCITRAL|APLC|BWC|CCW|NPT)";
    let comp = r"(?:(?:Add|Rev|Corr|Amend|Sum|Summary)\.[0-9]+|[A-Z]+(?:\.[A-Z0-9]+)*(?:-[0-9]+)?|[0-9]+(?:\.[0-9]+)?)";
    Regex::new(&format!(r"(?-u:\b){prefix}(?:/{comp})+")).expect("symbol regex")
});

/// Symbols found in the *plain* normalised text: (start, end, symbol).
pub fn find(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    if !text.contains('/') {
        return out;
    }
    for m in SYMBOL_RE.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if let Some(p) = text[..start].chars().next_back()
            && (p == '/' || p == '.' || p == '-' || p.is_ascii_alphanumeric())
        {
            continue;
        }
        let sym = m.as_str();
        let comps: Vec<&str> = sym.split('/').collect();
        if comps.get(1).is_some_and(|c| *c == "RES") && matches!(comps[0], "A" | "S") {
            continue;
        }
        if !comps[1..]
            .iter()
            .any(|c| c.contains(|ch: char| ch.is_ascii_digit()))
        {
            continue;
        }
        // A lone number after the prefix is only an (old) Council document
        // (`S/25704`); `A/74` alone is not a document.
        if comps.len() == 2 && !(comps[0] == "S" && comps[1].len() >= 3) {
            continue;
        }
        let last = comps.last().copied().unwrap_or("");
        let next = text[end..].chars().next();
        if let Some(n) = next {
            if n.is_alphanumeric() {
                let last_is_number = last.ends_with(|c: char| c.is_ascii_digit());
                if !(last_is_number && n.is_alphabetic()) {
                    continue;
                }
            } else if n == '/' {
                // stopped on a component the grammar does not know
                continue;
            }
        }
        out.push((start, end, sym.to_string()));
    }
    cut_glued_page_counters(&mut out);
    out
}

/// `2/74`: page / pages.
fn is_page_counter(s: &str) -> bool {
    s.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// PDF running headers repeat the document's symbol with the page counter
/// glued on (`A/74/130` + `2/74` → `A/74/1302/74`). When a symbol found in
/// the same text is a prefix of another one and the rest starts with a
/// digit, the longer one is that symbol plus junk: cut it back.
fn cut_glued_page_counters(found: &mut [(usize, usize, String)]) {
    let mut standalone: Vec<String> = found.iter().map(|f| f.2.clone()).collect();
    standalone.sort();
    standalone.dedup();
    for f in found.iter_mut() {
        let best = standalone
            .iter()
            .filter(|t| {
                t.len() < f.2.len()
                    && f.2.starts_with(t.as_str())
                    && is_page_counter(&f.2[t.len()..])
            })
            .max_by_key(|t| t.len());
        if let Some(t) = best {
            f.1 = f.0 + t.len();
            f.2 = t.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syms(t: &str) -> Vec<String> {
        find(t).into_iter().map(|x| x.2).collect()
    }

    #[test]
    fn un_symbol_grammar() {
        assert_eq!(
            syms("S/2015/939, S/PRST/2016/6; A/C.3/72/12 and A/74/130."),
            ["S/2015/939", "S/PRST/2016/6", "A/C.3/72/12", "A/74/130"]
        );
        assert_eq!(
            syms("(A/HRC/38/35) E/CN.15/2019/5 CTOC/COP/2020/3 UNODC/CCPCJ/EG.4/2021/2"),
            [
                "A/HRC/38/35",
                "E/CN.15/2019/5",
                "CTOC/COP/2020/3",
                "UNODC/CCPCJ/EG.4/2021/2"
            ]
        );
        assert_eq!(syms("see A/74/130/Add.1."), ["A/74/130/Add.1"]);
        assert_eq!(syms("马德里指导原则》([S/2015/939](#))"), ["S/2015/939"]);
        assert_eq!(syms("old S/25704 report"), ["S/25704"]);
        assert_eq!(
            syms("TD/B/C.I/MEM.4/21 and S/PV.8000"),
            ["TD/B/C.I/MEM.4/21", "S/PV.8000"]
        );
    }

    #[test]
    fn resolutions_and_non_symbols_are_left_alone() {
        assert!(syms("A/RES/72/284 and S/RES/2396(2017)").is_empty());
        assert!(syms("https://www.un.org/A/74/130").is_empty());
        assert!(syms("and/or A/B testing, A/74 only").is_empty());
        assert!(syms("Directive 2013/40/EU").is_empty());
    }

    /// A PDF running header glues the job-number prefix `V.` to the symbol:
    /// `A/74/130V.` is the symbol `A/74/130`.
    #[test]
    fn glued_page_header_junk_is_cut() {
        let t = "联合国A/74/130V.\n19-08181";
        let f = find(t);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].2, "A/74/130");
        assert_eq!(&t[f[0].0..f[0].1], "A/74/130");
        assert_eq!(syms("页次A/74/130V.19-08181"), ["A/74/130"]);
    }

    /// The page counter glued after the symbol in a running header
    /// (`A/74/130` + `2/74`) is cut when the bare symbol occurs in the text.
    #[test]
    fn glued_page_counters_are_cut_when_the_symbol_is_known() {
        let t = "联合国A/74/130大会 A/74/1302/74V. 19-08181 A/74/13072/74V.";
        assert_eq!(syms(t), ["A/74/130", "A/74/130", "A/74/130"]);
        let f = find(t);
        assert_eq!(&t[f[1].0..f[1].1], "A/74/130");
        // Without the bare symbol nothing tells the counter apart.
        assert_eq!(syms("A/74/1302/74V."), ["A/74/1302/74"]);
        // A different document whose symbol extends another is left alone.
        assert_eq!(syms("A/74/13 and A/74/130"), ["A/74/13", "A/74/130"]);
    }
}
