//! Case forms of Russian multi-word names.
//!
//! Russian declines names: `Российская Федерация` is `Российской Федерации`
//! in the genitive, `Российскую Федерацию` in the accusative. Single words
//! are matched by stem (see `matcher`); for names of several words this
//! module generates the five oblique case forms (genitive, dative,
//! accusative, instrumental, prepositional) of the inflecting part — the
//! leading adjectives and the head noun — and keeps the rest, which is
//! already a genitive complement or an apposition (`Совет | Безопасности`,
//! `Соединенные Штаты | Америки`, `Республика | Корея`).
//!
//! The rules are the regular paradigms of adjectives (-ая, -ий/-ый/-ой,
//! -ое/-ее, -ые/-ие) and nouns (-ия, -ея, -а, -я, -ь, -ие, -о/-е, consonant,
//! plural -ы/-и/-а). Irregular words simply produce a form nobody writes,
//! which costs nothing.

const HUSHING: &[char] = &['к', 'г', 'х', 'ж', 'ш', 'ч', 'щ'];

fn is_cyrillic_word(w: &str) -> bool {
    w.chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)) || c == 'ё')
}

/// Five oblique forms (gen, dat, acc, ins, prep) of an adjective, or `None`.
fn adjective(w: &str) -> Option<([String; 5], bool)> {
    let (stem, end) = split_end(w, 2)?;
    let hush = stem
        .chars()
        .next_back()
        .is_some_and(|c| HUSHING.contains(&c.to_lowercase().next().unwrap_or(c)));
    let f = |e: [&str; 5]| e.map(|x| format!("{stem}{x}"));
    Some(match end.to_lowercase().as_str() {
        "ая" => (f(["ой", "ой", "ую", "ой", "ой"]), false),
        "яя" => (f(["ей", "ей", "юю", "ей", "ей"]), false),
        "ый" | "ой" => (f(["ого", "ому", end.as_str(), "ым", "ом"]), false),
        "ий" if hush => (f(["ого", "ому", "ий", "им", "ом"]), false),
        "ий" => (f(["его", "ему", "ий", "им", "ем"]), false),
        "ое" => (f(["ого", "ому", "ое", "ым", "ом"]), false),
        "ее" => (f(["его", "ему", "ее", "им", "ем"]), false),
        "ые" => (f(["ых", "ым", "ые", "ыми", "ых"]), true),
        // -ие after a hushing consonant is a plural adjective (Арабские);
        // otherwise a neuter noun (Управление, сотрудничество's kin).
        "ие" if hush => (f(["их", "им", "ие", "ими", "их"]), true),
        _ => return None,
    })
}

/// Splits off the last `n` chars of `w`.
fn split_end(w: &str, n: usize) -> Option<(String, String)> {
    let chars: Vec<char> = w.chars().collect();
    if chars.len() <= n + 1 {
        return None;
    }
    let (a, b) = chars.split_at(chars.len() - n);
    Some((a.iter().collect(), b.iter().collect()))
}

/// Five oblique forms of a noun; `plural` when an adjective says so.
fn noun(w: &str, plural: bool) -> Option<[String; 5]> {
    let lower = w.to_lowercase();
    let with = |cut: usize, e: [&str; 5]| -> Option<[String; 5]> {
        let (stem, _) = split_end(w, cut)?;
        Some(e.map(|x| format!("{stem}{x}")))
    };
    let last = lower.chars().next_back()?;
    let before = lower.chars().rev().nth(1).unwrap_or(' ');
    let hush = HUSHING.contains(&before);
    if plural {
        return match last {
            'ы' | 'и' => with(
                1,
                ["ов", "ам", &w[w.len() - last.len_utf8()..], "ами", "ах"],
            ),
            'а' | 'я' => with(1, ["", "ам", &w[w.len() - last.len_utf8()..], "ами", "ах"]),
            _ => None,
        };
    }
    if lower.ends_with("ия") {
        return with(2, ["ии", "ии", "ию", "ией", "ии"]);
    }
    if lower.ends_with("ея") {
        return with(2, ["еи", "ее", "ею", "еей", "ее"]);
    }
    if lower.ends_with("ие") {
        return with(2, ["ия", "ию", "ие", "ием", "ии"]);
    }
    match last {
        'а' => with(1, [if hush { "и" } else { "ы" }, "е", "у", "ой", "е"]),
        'я' => with(1, ["и", "е", "ю", "ей", "е"]),
        'ь' => with(1, ["и", "и", "ь", "ью", "и"]),
        'о' => with(1, ["а", "у", "о", "ом", "е"]),
        'е' => with(1, ["я", "ю", "е", "ем", "е"]),
        'й' => with(1, ["я", "ю", "й", "ем", "е"]),
        'ы' | 'и' => with(
            1,
            ["ов", "ам", &w[w.len() - last.len_utf8()..], "ами", "ах"],
        ),
        c if c.is_alphabetic() && !"аеёиоуыэюяь".contains(c) => {
            Some(["а", "у", "", "ом", "е"].map(|x| format!("{w}{x}")))
        }
        _ => None,
    }
}

/// The oblique case forms of a multi-word Russian name (empty when the name
/// is a single word, not Cyrillic, or not declinable by these rules).
pub fn case_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 || !words.iter().all(|w| !w.is_empty()) || name.contains(['(', ')']) {
        return Vec::new();
    }
    // Acronyms (УНП ООН) are not declined in writing.
    if !is_cyrillic_word(words[0]) || !words[0].chars().any(char::is_lowercase) {
        return Vec::new();
    }
    let mut forms: Vec<Vec<String>> = vec![Vec::new(); 5];
    let mut plural = false;
    let mut i = 0;
    let mut head_found = false;
    while i < words.len() {
        let w = words[i];
        // Adverbs (`критически важная`) do not decline.
        if w.ends_with("ски") && words.len() > i + 1 {
            for f in forms.iter_mut() {
                f.push(w.to_string());
            }
            i += 1;
            continue;
        }
        // Hyphenated adjectives inflect on their last part.
        let (pre, last) = match w.rfind('-') {
            Some(p) => (&w[..=p], &w[p + 1..]),
            None => ("", w),
        };
        if let Some((f, pl)) = adjective(last) {
            plural |= pl;
            for (k, x) in f.iter().enumerate() {
                forms[k].push(format!("{pre}{x}"));
            }
            i += 1;
            continue;
        }
        if let Some(f) = noun(last, plural) {
            for (k, x) in f.iter().enumerate() {
                forms[k].push(format!("{pre}{x}"));
            }
            head_found = true;
            i += 1;
        }
        break;
    }
    if !head_found && i < words.len() {
        return Vec::new();
    }
    let rest = words[i..].join(" ");
    let mut out: Vec<String> = forms
        .into_iter()
        .map(|f| {
            let mut s = f.join(" ");
            if !rest.is_empty() {
                s.push(' ');
                s.push_str(&rest);
            }
            s
        })
        .filter(|s| s != name)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(name: &str, form: &str) -> bool {
        case_forms(name).iter().any(|f| f == form)
    }

    #[test]
    fn declines_the_head_and_keeps_complements() {
        assert!(has("Российская Федерация", "Российской Федерации"));
        assert!(has("Российская Федерация", "Российскую Федерацию"));
        assert!(has("Российская Федерация", "Российской Федерацией"));
        assert!(has("Совет Безопасности", "Советом Безопасности"));
        assert!(has("Совет Безопасности", "Совета Безопасности"));
        assert!(has("Генеральная Ассамблея", "Генеральной Ассамблеи"));
        assert!(has("Генеральная Ассамблея", "Генеральную Ассамблею"));
        assert!(has(
            "Соединенные Штаты Америки",
            "Соединенных Штатов Америки"
        ));
        assert!(has(
            "Соединенные Штаты Америки",
            "Соединенным Штатам Америки"
        ));
        assert!(has("Республика Корея", "Республики Корея"));
        assert!(has("Европейский союз", "Европейского союза"));
        assert!(has(
            "международное сотрудничество",
            "международного сотрудничества"
        ));
        assert!(has(
            "электронные доказательства",
            "электронных доказательств"
        ));
        assert!(has(
            "Управление Организации Объединенных Наций по наркотикам и преступности",
            "Управления Организации Объединенных Наций по наркотикам и преступности"
        ));
        assert!(has(
            "Корейская Народно-Демократическая Республика",
            "Корейской Народно-Демократической Республики"
        ));
        assert!(has(
            "критически важная инфраструктура",
            "критически важной инфраструктуры"
        ));
        assert!(case_forms("Китай").is_empty());
        assert!(case_forms("УНП ООН").is_empty());
        assert!(case_forms("United Kingdom").is_empty());
    }
}
