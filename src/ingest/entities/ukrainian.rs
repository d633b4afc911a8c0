//! Case forms of Ukrainian multi-word names.
//!
//! Ukrainian declines names as Russian does, with its own endings:
//! `Російська Федерація` is `Російської Федерації` in the genitive,
//! `Російською Федерацією` in the instrumental; `Сполучені Штати` is
//! `Сполучених Штатів`, `Сполученим Штатам`. Single words are matched by
//! stem (see `matcher`); for names of several words this module makes the
//! five oblique cases (genitive, dative, accusative, instrumental,
//! locative) of the leading adjectives and the head noun, keeping the rest
//! (`Республіка | Корея`, `Штати | Америки`, `Боснія | і Герцеговина`).
//!
//! The rules are the regular paradigms: adjectives in -а (feminine), -ий
//! (masculine), -е (neuter), -і (plural); nouns in -ія/-ея, -а, -я after a
//! consonant, -о, a consonant, and plurals in -и/-ї. An irregular word
//! gives a form nobody writes, which costs nothing.

/// One word's forms in each oblique case (gen, dat, acc, ins, loc).
type Cases = [Vec<String>; 5];

/// Feminine adjective endings a word of a name ends in (`Російська`,
/// `Південна`, `Нова`, `Велика`); a noun in -а is the head instead
/// (`Республіка`).
const FEMININE_ADJECTIVE: [&str; 6] = ["ська", "цька", "зька", "на", "ва", "лика"];

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// `w` without its last `n` characters.
fn cut(w: &str, n: usize) -> &str {
    let end = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &w[..end]
}

fn with(stem: &str, endings: [&[&str]; 5]) -> Cases {
    endings.map(|alts| alts.iter().map(|e| format!("{stem}{e}")).collect())
}

/// An adjective's forms and whether it is plural; `None` for another word.
fn adjective(w: &str) -> Option<(Cases, bool)> {
    let l = lower(w);
    if w.chars().count() < 3 {
        return None;
    }
    if l.ends_with("ий") {
        let s = cut(w, 2);
        return Some((
            with(s, [&["ого"], &["ому"], &[], &["им"], &["ому", "ім"]]),
            false,
        ));
    }
    if l.ends_with('і') {
        let s = cut(w, 1);
        return Some((with(s, [&["их"], &["им"], &[], &["ими"], &["их"]]), true));
    }
    if l.ends_with('е') {
        let s = cut(w, 1);
        return Some((
            with(s, [&["ого"], &["ому"], &[], &["им"], &["ому", "ім"]]),
            false,
        ));
    }
    if FEMININE_ADJECTIVE.iter().any(|e| l.ends_with(e)) {
        let s = cut(w, 1);
        return Some((with(s, [&["ої"], &["ій"], &["у"], &["ою"], &["ій"]]), false));
    }
    None
}

/// The dative and locative of a feminine noun in -а: the stem's last
/// consonant softened before -і (`Республіка` → `Республіці`, `Америка`
/// → `Америці`).
fn softened(stem: &str) -> String {
    for (hard, soft) in [("к", "ці"), ("г", "зі"), ("х", "сі")] {
        if let Some(s) = stem.strip_suffix(hard) {
            return format!("{s}{soft}");
        }
    }
    format!("{stem}і")
}

/// A noun's forms; `plural` when an adjective before it says so.
fn noun(w: &str, plural: bool) -> Option<Cases> {
    let l = lower(w);
    let last = l.chars().next_back()?;
    if w.chars().count() < 3 {
        return None;
    }
    if plural {
        return match last {
            'и' => Some(with(cut(w, 1), [&["ів"], &["ам"], &[], &["ами"], &["ах"]])),
            'ї' => Some(with(cut(w, 1), [&["й"], &["ям"], &[], &["ями"], &["ях"]])),
            _ => None,
        };
    }
    if l.ends_with("ія") || l.ends_with("ея") {
        let s = cut(w, 1);
        let v = if l.ends_with("ія") { "і" } else { "е" };
        let stem = cut(w, 2);
        return Some([
            vec![format!("{stem}{v}ї")],
            vec![format!("{stem}{v}ї")],
            vec![format!("{s}ю")],
            vec![format!("{stem}{v}єю")],
            vec![format!("{stem}{v}ї")],
        ]);
    }
    match last {
        'а' => {
            let s = cut(w, 1);
            let soft = softened(s);
            Some([
                vec![format!("{s}и")],
                vec![soft.clone()],
                vec![format!("{s}у")],
                vec![format!("{s}ою")],
                vec![soft],
            ])
        }
        'я' => Some(with(cut(w, 1), [&["і"], &["і"], &["ю"], &["ею"], &["і"]])),
        'о' => Some(with(cut(w, 1), [&["а"], &["у"], &[], &["ом"], &["і", "у"]])),
        c if c.is_alphabetic() && !"аеєиіїоуюяь".contains(c) => Some(with(
            w,
            [&["у", "а"], &["у", "ові"], &[], &["ом"], &["і", "у"]],
        )),
        _ => None,
    }
}

/// The oblique case forms of a multi-word Ukrainian name (empty for a
/// single word or a name these rules do not decline).
pub fn case_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 || words.len() > 4 || words.iter().any(|w| w.is_empty()) {
        return Vec::new();
    }
    if name.contains(['(', ')', ',', '–']) || !words[0].chars().any(char::is_lowercase) {
        return Vec::new();
    }
    let mut declined: Vec<Cases> = Vec::new();
    let mut plural = false;
    let mut head = false;
    for (i, w) in words.iter().enumerate() {
        // Hyphenated words inflect on their last part (`Південно-Африканська`).
        let (pre, part) = match w.rfind('-') {
            Some(p) => (&w[..=p], &w[p + 1..]),
            None => ("", *w),
        };
        let last_word = i + 1 == words.len();
        let forms = match adjective(part).filter(|_| !last_word) {
            Some((f, pl)) => {
                plural |= pl;
                Some(f)
            }
            None => {
                head = true;
                noun(part, plural)
            }
        };
        // A word these rules cannot decline: the name is left alone.
        let Some(forms) = forms else {
            return Vec::new();
        };
        declined.push(forms.map(|alts| alts.into_iter().map(|f| format!("{pre}{f}")).collect()));
        if head {
            break;
        }
    }
    if !head {
        return Vec::new();
    }
    let rest = &words[declined.len()..];
    let mut out = Vec::new();
    for case in 0..5 {
        let forms: Vec<Vec<&str>> = words
            .iter()
            .zip(&declined)
            .map(|(w, d)| {
                if d[case].is_empty() {
                    vec![*w]
                } else {
                    d[case].iter().map(String::as_str).collect()
                }
            })
            .collect();
        for p in super::inflect::phrases(&forms) {
            let mut s = p;
            for r in rest {
                s.push(' ');
                s.push_str(r);
            }
            out.push(s);
        }
    }
    out.retain(|f| f != name);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(name: &str, want: &[&str]) {
        let got = case_forms(name);
        for w in want {
            assert!(got.iter().any(|g| g == w), "{name}: no {w} in {got:?}");
        }
    }

    #[test]
    fn ukrainian_names_in_their_cases() {
        has(
            "Російська Федерація",
            &[
                "Російської Федерації",
                "Російській Федерації",
                "Російську Федерацію",
                "Російською Федерацією",
            ],
        );
        has(
            "Сполучені Штати Америки",
            &[
                "Сполучених Штатів Америки",
                "Сполученим Штатам Америки",
                "Сполученими Штатами Америки",
                "Сполучених Штатах Америки",
            ],
        );
        has("Південна Корея", &["Південної Кореї", "Південною Кореєю"]);
        has(
            "Південний Судан",
            &["Південного Судану", "Південному Судані"],
        );
        has(
            "Домініканська Республіка",
            &["Домініканської Республіки", "Домініканській Республіці"],
        );
        has("Нова Зеландія", &["Нової Зеландії", "Новою Зеландією"]);
        has("Велика Британія", &["Великої Британії"]);
        assert!(case_forms("Росія").is_empty());
        assert!(case_forms("Гонконг, ОАР Китаю").is_empty());
    }
}
