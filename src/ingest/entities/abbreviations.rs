//! The one-character names Japanese news gives countries before an office
//! or an institution: `米大統領` (the US president), `英首相`, `独政府`,
//! `露外相`, `在日米軍`. Alone the character is a word of its own (米
//! rice, 英 hero, 独 alone), so only these compounds are recognised.

/// A country's character and its ISO 3166-1 alpha-3 code.
const COUNTRIES: [(&str, &str); 11] = [
    ("米", "USA"),
    ("英", "GBR"),
    ("独", "DEU"),
    ("仏", "FRA"),
    ("露", "RUS"),
    ("韓", "KOR"),
    ("豪", "AUS"),
    ("伊", "ITA"),
    ("加", "CAN"),
    ("印", "IND"),
    ("比", "PHL"),
];

/// What the character stands before.
const OFFICES: [&str; 16] = [
    "大統領",
    "首相",
    "外相",
    "国防相",
    "財務相",
    "国務長官",
    "国務省",
    "国防総省",
    "政府",
    "当局",
    "議会",
    "大使館",
    "大使",
    "軍",
    "紙",
    "企業",
];

/// Every compound, with its country's code.
pub fn compounds() -> impl Iterator<Item = (&'static str, String)> {
    COUNTRIES.iter().flat_map(|&(c, code)| {
        OFFICES
            .iter()
            .map(move |office| (code, format!("{c}{office}")))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_country_before_each_office() {
        let all: Vec<_> = super::compounds().collect();
        assert_eq!(all.len(), 11 * 16);
        assert!(all.contains(&("USA", "米大統領".to_string())));
    }
}
