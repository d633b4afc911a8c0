//! Case forms of one-word names in languages that write their cases onto
//! the name: Finnish (`Suomi` → `Suomessa`, `Suomen`; `Saksa` → `Saksan`;
//! `Turkki` → `Turkissa`) and Hungarian (`Németország` → `Németországban`,
//! `Németországgal`; `Norvégia` → `Norvégiában`).
//!
//! The forms are the regular case endings after the name's stems, with the
//! language's vowel harmony: a Finnish name in -i also takes -e- before
//! its endings (`Suomi` → `Suome-n`; `Ruotsi` keeps its -i-, and both are
//! generated), a double stop weakens before a closed syllable (`Turkki` →
//! `Turki-n`), a Hungarian final -a/-e lengthens (`Kína` → `Kíná-ban`) and
//! the instrumental's -v- becomes the name's last consonant
//! (`ország-gal`). A form nobody writes costs nothing; derived words
//! (`suomalainen`, "Finnish") are not forms of the name and stay unmatched.

/// The case forms of `name` in `lang` (`fi`, `hu`, `el`; the genitive in `de`,
/// `sv`, `da`, `nb`; `pl`, `cs`, `sk`, `hr`, `bs`, `sr-Latn` in [`super::slavic`];
/// multi-word `uk` names in [`super::ukrainian`]), empty for
/// other languages and, but in Polish and Czech, for names of several
/// words.
pub fn case_forms(lang: &str, name: &str) -> Vec<String> {
    if matches!(lang, "pl" | "cs" | "sk" | "hr" | "bs" | "sr-Latn") {
        return super::slavic::case_forms(lang, name);
    }
    if lang == "uk" {
        return super::ukrainian::case_forms(name);
    }
    if lang == "de" && name.contains(' ') {
        return german_phrase(name);
    }
    if name.contains(' ') || name.chars().count() < 4 {
        return Vec::new();
    }
    match lang {
        "fi" => finnish(name),
        "hu" => hungarian(name),
        "de" | "sv" | "da" | "nb" | "no" => genitive_s(name),
        "is" => icelandic(name),
        "ro" => romanian(name),
        "el" => greek(name),
        _ => Vec::new(),
    }
}

/// Every phrase made of one form of each word, in order (`[[Spojených],
/// [států, státech]]` → `Spojených států`, `Spojených státech`): how a
/// name of several declined words reads in one case.
pub(super) fn phrases(words: &[Vec<&str>]) -> Vec<String> {
    let mut out = vec![String::new()];
    for forms in words {
        out = out
            .iter()
            .flat_map(|p| {
                forms.iter().map(move |f| {
                    if p.is_empty() {
                        (*f).to_string()
                    } else {
                        format!("{p} {f}")
                    }
                })
            })
            .collect();
    }
    out
}

/// The genitive-dative of a Romanian feminine name, its article written
/// on (`Rusia` → `Rusiei`, `Franța` → `Franței`, `Coreea` → `Coreei`,
/// `România` → `României`): the names that end in -a, as most do.
fn romanian(name: &str) -> Vec<String> {
    if let Some(stem) = name.strip_suffix("ia") {
        vec![format!("{stem}iei")]
    } else if let Some(stem) = name.strip_suffix("ea") {
        vec![format!("{stem}ei")]
    } else if let Some(stem) = name.strip_suffix('a').or_else(|| name.strip_suffix('ă')) {
        vec![format!("{stem}ei")]
    } else {
        Vec::new()
    }
}

/// The genitive and accusative of a Greek name: -ος → -ου, -ο
/// (`Κύπρος` → `Κύπρου`, `Κύπρο`; `Αίγυπτος` → `Αιγύπτου`, its accent moved
/// back, which the matcher's folding of accents ignores); a feminine in
/// -α or -η takes -ς (`Γαλλία` → `Γαλλίας`, `Κίνα` → `Κίνας`).
fn greek(name: &str) -> Vec<String> {
    if let Some(stem) = name.strip_suffix("ος").or_else(|| name.strip_suffix("ός")) {
        vec![format!("{stem}ου"), format!("{stem}ο")]
    } else if name.ends_with(['α', 'ά', 'η', 'ή']) {
        vec![format!("{name}ς")]
    } else {
        Vec::new()
    }
}

/// The genitive and dative of an Icelandic name: a neuter in -land
/// (`Frakkland` → `Frakklands`, `Frakklandi`), a masculine in -ur
/// (`Noregur` → `Noregs`, `Noregi`), a feminine in -a (`Belgía` →
/// `Belgíu`), another masculine (`Spánn` → `Spánar`, `Spáni`).
fn icelandic(name: &str) -> Vec<String> {
    let forms: Vec<String> = if name.ends_with("land") {
        vec![format!("{name}s"), format!("{name}i")]
    } else if let Some(stem) = name.strip_suffix("ur") {
        vec![format!("{stem}s"), format!("{stem}i"), format!("{stem}ar")]
    } else if let Some(stem) = name.strip_suffix('a') {
        vec![format!("{stem}u")]
    } else if name.ends_with(|c: char| c.is_alphabetic() && !"aáeéiíoóuúyýæö".contains(c)) {
        let stem = name
            .strip_suffix("nn")
            .map_or(name.to_string(), |s| format!("{s}n"));
        vec![format!("{stem}ar"), format!("{stem}i"), format!("{name}s")]
    } else {
        Vec::new()
    };
    forms
}

/// The genitive of a name in German and the Scandinavian languages: -s
/// (`Österreichs`, `Norwegens`, `Frankrikes`, `Danmarks`), not after a
/// sibilant (`Laos`, `Schweiz`).
fn genitive_s(name: &str) -> Vec<String> {
    if name.ends_with(['s', 'ß', 'x', 'z']) || !name.ends_with(char::is_alphabetic) {
        return Vec::new();
    }
    vec![format!("{name}s")]
}

/// A German name of several words after an article or a preposition: its
/// adjectives weak (`Vereinigte Staaten` → `die Vereinigten Staaten`;
/// `Vereinigtes Königreich` → `im Vereinigten Königreich`), its noun in
/// the dative plural or the genitive (`den Vereinigten Arabischen
/// Emiraten`, `des Vereinigten Königreichs`).
fn german_phrase(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > 4 {
        return Vec::new();
    }
    let last = words.len() - 1;
    let forms: Vec<Vec<String>> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut f = vec![(*w).to_string()];
            let capital = w.starts_with(char::is_uppercase);
            if i < last && capital {
                // An adjective: `-e`, `-es` → `-en`.
                if let Some(stem) = w.strip_suffix("es") {
                    f.push(format!("{stem}en"));
                } else if w.ends_with('e') {
                    f.push(format!("{w}n"));
                }
            } else if i == last && capital {
                if w.ends_with('e') {
                    f.push(format!("{w}n"));
                } else if !w.ends_with(['s', 'n', 'ß', 'x', 'z']) {
                    f.push(format!("{w}s"));
                }
            }
            f
        })
        .collect();
    let refs: Vec<Vec<&str>> = forms
        .iter()
        .map(|f| f.iter().map(String::as_str).collect())
        .collect();
    let mut out = phrases(&refs);
    out.retain(|f| f != name);
    out
}

fn finnish(name: &str) -> Vec<String> {
    let back = name
        .to_lowercase()
        .chars()
        .any(|c| matches!(c, 'a' | 'o' | 'u'));
    let h = |e: &str| -> String {
        if back {
            e.to_string()
        } else {
            e.replace('a', "ä").replace('o', "ö").replace('u', "y")
        }
    };
    let Some(last) = name.chars().next_back() else {
        return Vec::new();
    };
    let mut stems = vec![name.to_string()];
    let body = &name[..name.len() - last.len_utf8()];
    if last == 'i' {
        stems.push(format!("{body}e"));
    }
    // Consonant gradation before the final vowel: a double stop made
    // single, a stop after a nasal or liquid assimilated to it
    // (`Hollanti` → `Hollannin`, `Islanti` → `Islannissa`).
    for (strong, weak) in [
        ("kk", "k"),
        ("pp", "p"),
        ("tt", "t"),
        ("nt", "nn"),
        ("lt", "ll"),
        ("rt", "rr"),
        ("mp", "mm"),
        ("nk", "ng"),
    ] {
        if let Some(pre) = body.strip_suffix(strong) {
            if last == 'i' {
                stems.push(format!("{pre}{weak}e"));
            }
            stems.push(format!("{pre}{weak}{last}"));
        }
    }
    let endings: Vec<String> = [
        "n", "ssa", "sta", "lla", "lta", "lle", "na", "ksi", "a", "tta",
    ]
    .iter()
    .map(|e| h(e))
    .collect();
    let mut out = Vec::new();
    for s in &stems {
        for e in &endings {
            out.push(format!("{s}{e}"));
        }
        // Illative: the stem's vowel long, then -n (`Suomeen`, `Saksaan`).
        if let Some(v) = s.chars().next_back().filter(|c| "aeiouyäö".contains(*c)) {
            out.push(format!("{s}{v}n"));
        }
    }
    out.retain(|f| f != name);
    out.sort();
    out.dedup();
    out
}

fn hungarian(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let last_vowel = lower.chars().rev().find(|c| "aáeéiíoóöőuúüű".contains(*c));
    // Harmony follows the name's last vowel.
    let back = last_vowel.is_some_and(|c| "aáoóuú".contains(c));
    let rounded = last_vowel.is_some_and(|c| "öőüű".contains(c));
    let Some(last) = name.chars().next_back() else {
        return Vec::new();
    };
    let stem = match last {
        'a' => format!("{}á", &name[..name.len() - 1]),
        'e' => format!("{}é", &name[..name.len() - 1]),
        _ => name.to_string(),
    };
    let vowel_end = "aáeéiíoóöőuúüű".contains(last.to_ascii_lowercase());
    let pick = |b: &'static str, f: &'static str, r: &'static str| {
        if back {
            b
        } else if rounded {
            r
        } else {
            f
        }
    };
    let mut endings: Vec<String> = [
        pick("ban", "ben", "ben"),
        pick("ba", "be", "be"),
        pick("ból", "ből", "ből"),
        pick("ra", "re", "re"),
        pick("ról", "ről", "ről"),
        pick("nak", "nek", "nek"),
        pick("hoz", "hez", "höz"),
        pick("nál", "nél", "nél"),
        pick("tól", "től", "től"),
        "ig",
        "i",
        "ként",
    ]
    .iter()
    .map(|e| e.to_string())
    .collect();
    if vowel_end {
        endings.extend(["t", "n", pick("val", "vel", "vel")].map(String::from));
    } else {
        // After a consonant: a linking vowel, and the instrumental's v
        // assimilated to that consonant.
        endings.push(pick("ot", "et", "öt").to_string());
        endings.push(pick("on", "en", "ön").to_string());
        endings.push(format!("{last}{}", pick("al", "el", "el")));
    }
    let mut out: Vec<String> = endings.iter().map(|e| format!("{stem}{e}")).collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_case_forms() {
        let suomi = case_forms("fi", "Suomi");
        for f in ["Suomessa", "Suomen", "Suomeen", "Suomesta", "Suomea"] {
            assert!(suomi.iter().any(|s| s == f), "{f} not in {suomi:?}");
        }
        let ruotsi = case_forms("fi", "Ruotsi");
        assert!(ruotsi.iter().any(|s| s == "Ruotsissa"), "{ruotsi:?}");
        let turkki = case_forms("fi", "Turkki");
        assert!(turkki.iter().any(|s| s == "Turkissa"), "{turkki:?}");
        let hollanti = case_forms("fi", "Hollanti");
        for f in ["Hollannin", "Hollannissa", "Hollantia", "Hollantiin"] {
            assert!(hollanti.iter().any(|s| s == f), "{f} not in {hollanti:?}");
        }
        let venaja = case_forms("fi", "Venäjä");
        assert!(venaja.iter().any(|s| s == "Venäjällä"), "{venaja:?}");
        assert!(
            case_forms("fi", "Iso-Britannia")
                .iter()
                .any(|s| s == "Iso-Britanniassa")
        );
        // A derived word is not a case form.
        assert!(!suomi.iter().any(|s| s.starts_with("Suomal")));
    }

    #[test]
    fn hungarian_case_forms() {
        let de = case_forms("hu", "Németország");
        for f in [
            "Németországban",
            "Németországgal",
            "Németországot",
            "Németországi",
        ] {
            assert!(de.iter().any(|s| s == f), "{f} not in {de:?}");
        }
        let no = case_forms("hu", "Norvégia");
        for f in ["Norvégiában", "Norvégiát", "Norvégiával"] {
            assert!(no.iter().any(|s| s == f), "{f} not in {no:?}");
        }
        assert!(case_forms("hu", "Egyesült Királyság").is_empty());
        assert!(case_forms("it", "Germania").is_empty());
    }

    #[test]
    fn romanian_genitives() {
        assert_eq!(case_forms("ro", "Rusia"), ["Rusiei"]);
        assert_eq!(case_forms("ro", "Franța"), ["Franței"]);
        assert_eq!(case_forms("ro", "România"), ["României"]);
        assert_eq!(case_forms("ro", "Coreea"), ["Coreei"]);
        assert!(case_forms("ro", "Coreea de Sud").is_empty());
        assert!(case_forms("ro", "Japonia").contains(&"Japoniei".to_string()));
    }

    #[test]
    fn icelandic_case_forms() {
        assert_eq!(case_forms("is", "Frakkland"), ["Frakklands", "Frakklandi"]);
        assert!(case_forms("is", "Noregur").contains(&"Noregi".to_string()));
        assert_eq!(case_forms("is", "Belgía"), ["Belgíu"]);
        assert!(case_forms("is", "Spánn").contains(&"Spáni".to_string()));
    }

    #[test]
    fn genitives_in_s() {
        assert_eq!(case_forms("de", "Österreich"), ["Österreichs"]);
        assert_eq!(case_forms("sv", "Frankrike"), ["Frankrikes"]);
        assert_eq!(case_forms("nb", "Norge"), ["Norges"]);
        assert!(case_forms("de", "Laos").is_empty());
        assert!(case_forms("de", "Schweiz").is_empty());
        // A name of several words declines its adjectives and its noun.
        assert_eq!(
            case_forms("de", "Vereinigte Staaten"),
            ["Vereinigten Staaten"]
        );
        assert!(
            case_forms("de", "Vereinigtes Königreich")
                .contains(&"Vereinigten Königreichs".to_string())
        );
    }
}
