//! Word list numbering (`word/numbering.xml`): the label each numbered
//! paragraph shows (`12.`, `(a)`, `iv)`, `•`), computed as Word does —
//! counters per abstract list, so two lists (`w:num`) sharing one
//! abstract list continue each other unless one restarts, and a level's
//! counter restarts when a higher level advances.

use std::collections::HashMap;

/// One level of an abstract list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Level {
    pub start: u32,
    /// `decimal`, `lowerLetter`, `upperLetter`, `lowerRoman`,
    /// `upperRoman`, `bullet`, `none`, …
    pub format: String,
    /// `%1.`, `(%2)`, `%1.%2`…
    pub text: String,
}

/// The numbering definitions and the counters of one document.
#[derive(Debug, Default)]
pub struct Numbering {
    /// abstractNumId → its levels (index = ilvl).
    pub abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides per level).
    pub nums: HashMap<String, (String, HashMap<usize, u32>)>,
    counters: HashMap<String, Vec<Option<u32>>>,
    /// numIds whose overrides were applied already.
    started: std::collections::HashSet<String>,
}

impl Numbering {
    /// The label of the next paragraph of list `num_id` at level `ilvl`,
    /// advancing the counters; `None` for an unknown list or `none` format.
    pub fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let ilvl = ilvl.min(levels.len().checked_sub(1)?);
        let counters = self.counters.entry(abs.clone()).or_default();
        if counters.len() < levels.len() {
            counters.resize(levels.len(), None);
        }
        // A list with a start override restarts its levels the first time
        // it is used.
        if !overrides.is_empty() && self.started.insert(num_id.to_string()) {
            for (l, s) in &overrides {
                if *l < counters.len() {
                    counters[*l] = Some(s.saturating_sub(1));
                }
            }
        }
        let start = |l: usize| levels[l].start;
        let value = match counters[ilvl] {
            Some(v) => v + 1,
            None => start(ilvl),
        };
        counters[ilvl] = Some(value);
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let lvl = &levels[ilvl];
        if lvl.format == "none" {
            return None;
        }
        if lvl.format == "bullet" {
            return Some("•".to_string());
        }
        // `%N` → level N-1's current value in that level's format.
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let l = (d as usize).saturating_sub(1);
                if l < levels.len() {
                    let v = counters[l].unwrap_or(start(l));
                    out.push_str(&format_number(v, &levels[l].format));
                }
            } else {
                out.push(c);
            }
        }
        Some(out)
    }
}

/// A counter in a list format.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// 1 → a, 26 → z, 27 → aa (Word repeats the letter).
fn letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return String::new();
    }
    let base = if upper { b'A' } else { b'a' };
    let c = (base + ((n - 1) % 26) as u8) as char;
    c.to_string().repeat(((n - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn un_list() -> Numbering {
        let mut n = Numbering::default();
        n.abstracts.insert(
            "0".into(),
            vec![
                Level {
                    start: 1,
                    format: "decimal".into(),
                    text: "%1.".into(),
                },
                Level {
                    start: 1,
                    format: "lowerLetter".into(),
                    text: "(%2)".into(),
                },
            ],
        );
        n.nums.insert("1".into(), ("0".into(), HashMap::new()));
        n.nums.insert("2".into(), ("0".into(), HashMap::new()));
        n.nums
            .insert("3".into(), ("0".into(), HashMap::from([(0, 10)])));
        n
    }

    #[test]
    fn labels_count_per_level_and_lists_sharing_a_definition_continue() {
        let mut n = un_list();
        let got: Vec<Option<String>> = vec![
            n.next("1", 0),
            n.next("1", 1),
            n.next("1", 1),
            n.next("1", 0),
            n.next("1", 1),
            n.next("2", 0),
            n.next("3", 0),
            n.next("9", 0),
        ];
        let want = ["1.", "(a)", "(b)", "2.", "(a)", "3.", "10."];
        let want: Vec<Option<String>> = want
            .iter()
            .map(|s| Some(s.to_string()))
            .chain([None])
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn formats() {
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(7, "decimal"), "7");
    }
}
