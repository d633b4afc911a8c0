//! The one-character names Japanese news gives countries before an office
//! or an institution: `米大統領` (the US president), `英首相`, `独政府`,
//! `露外相`, `在日米軍`. Alone the character is a word of its own (米
//! rice, 英 hero, 独 alone), so only these compounds are recognised —
//! and, in Chinese and Japanese alike, the one-character names listed
//! together ([`enumerations`]): `日、俄、英、法、美这几个`, `德法却`,
//! `中美关系`, `日米首脳会談`.

use crate::ingest::text::is_han;

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

/// When `text` is a compound (a country's character before an office),
/// the bytes of that character; else 0.
pub fn compound_lead(text: &str) -> usize {
    COUNTRIES
        .iter()
        .find(|(c, _)| {
            text.strip_prefix(c)
                .is_some_and(|office| OFFICES.contains(&office))
        })
        .map_or(0, |(c, _)| c.len())
}

/// The one-character names an enumeration may hold, Chinese and
/// Japanese, with their countries. Left out: characters whose other
/// meanings come in lists too (朝 morning, 意 in 中意 "to like"), or
/// that stand for two countries (巴 Brazil or Pakistan, 伊 Iran, Iraq or
/// Italy), and function words (以, 西).
fn short(c: char) -> Option<&'static str> {
    // A `match`: it is asked of every character of Chinese and Japanese text.
    Some(match c {
        '中' => "CHN",
        '美' | '米' => "USA",
        '俄' | '露' => "RUS",
        '英' => "GBR",
        '法' | '仏' => "FRA",
        '德' | '独' => "DEU",
        '日' => "JPN",
        '韩' | '韓' => "KOR",
        '澳' | '豪' => "AUS",
        '加' => "CAN",
        '印' => "IND",
        '越' => "VNM",
        _ => return None,
    })
}

/// What may stand before a list of names in a sentence, when not
/// punctuation: a preposition or conjunction (`来自美、英`, `与中美`).
const BEFORE: &str = "自与和同跟对向从及或在是由而但即为让使将把被令至到经";

/// What follows a list of one-character names: a word about the
/// countries together, a count, or a conjunction (`中美关系`, `德法却`,
/// `美英两国`, `日米首脳会談`).
const AFTER: [&str; 60] = [
    "两国",
    "三国",
    "四国",
    "五国",
    "六国",
    "七国",
    "八国",
    "关系",
    "關係",
    "之间",
    "之間",
    "间",
    "間",
    "双方",
    "雙方",
    "合作",
    "峰会",
    "峰會",
    "同盟",
    "联盟",
    "联合",
    "聯合",
    "对话",
    "對話",
    "贸易",
    "貿易",
    "会谈",
    "會談",
    "首脑",
    "首腦",
    "元首",
    "领导人",
    "外长",
    "防长",
    "联军",
    "聯軍",
    "战略",
    "戰略",
    "边境",
    "邊境",
    "冲突",
    "竞争",
    "对抗",
    "等",
    "都",
    "也",
    "均",
    "却",
    "則",
    "则",
    "各",
    "这",
    "那",
    "几",
    "两",
    "三",
    "両国",
    "首脳",
    "対立",
    "協議",
];

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// May a list of names start after `prev`?
fn opens(prev: Option<char>) -> bool {
    prev.is_none_or(|c| !is_han(c) || BEFORE.contains(c))
}

/// Does `rest` go on from a list of names: a word of [`AFTER`] (a run
/// written together needs one), or, closing a list separated by `、`,
/// also punctuation, the end or a Japanese particle?
fn closes(rest: &str, separated: bool) -> bool {
    if AFTER.iter().any(|a| rest.starts_with(a)) {
        return true;
    }
    separated
        && rest
            .chars()
            .next()
            .is_none_or(|c| is_hiragana(c) || !(c.is_alphanumeric()))
}

/// Does a language follow the list (`中、英、法三种语言`, `中、英文`)?
fn languages_follow(rest: &str) -> bool {
    rest.chars()
        .take(6)
        .any(|c| matches!(c, '语' | '語' | '文'))
}

/// Whether `text` may hold a list of one-character names
/// ([`enumerations`]): every character [`short`] knows, and `、`, is
/// written with a lead byte E3…E9 in UTF-8 (U+3000…U+9FFF), so a text
/// without one — most texts of alphabetic scripts — is passed over by a
/// byte scan.
pub fn may_list(text: &str) -> bool {
    text.bytes().any(|b| (0xE3..=0xE9).contains(&b))
}

/// One-character country names listed together in Chinese or Japanese
/// text, as (start, end, alpha-3) byte ranges of `text`:
///
/// * separated by `、`, every item of the list one of these characters
///   or a whole country name (`names`: the byte ranges of the names
///   found in `text`), at least two of them characters, the first after
///   punctuation or a preposition, the last before punctuation or a word
///   of [`AFTER`] (`日、俄、英、法、美这几个`; `来自美、英、日、德、澳、加拿大`);
/// * written together, two to four of them, after punctuation or a
///   preposition and before a word of [`AFTER`] (`德法却`, `中美关系`).
///
/// Anything else is left alone: `德、智、体、美、劳` (a list of other
/// words), `上、中、下`, `方法`, `美丽`, `中美洲` (Central America), `日中は`
/// (Japanese "in the daytime"), `中、英文` (languages).
pub fn enumerations(text: &str, names: &[(usize, usize)]) -> Vec<(usize, usize, &'static str)> {
    // Every enumeration holds two of the characters side by side or one
    // beside a `、`: most texts, even of Chinese or Japanese, hold neither
    // and are passed over in one scan.
    let mut prev = ' ';
    let listed = text.chars().any(|c| {
        let pair = (short(prev).is_some() && (short(c).is_some() || c == '、'))
            || (prev == '、' && short(c).is_some());
        prev = c;
        pair
    });
    if !listed {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    // Which characters stand inside a name found, by index.
    let mut named = vec![false; chars.len()];
    for &(s, e) in names {
        let from = chars.partition_point(|&(b, _)| b < s);
        let to = chars.partition_point(|&(b, _)| b < e);
        for n in named.iter_mut().take(to).skip(from) {
            *n = true;
        }
    }
    let in_name = |i: usize| named.get(i).copied().unwrap_or(false);
    let name_ends_at = |b: usize| names.iter().any(|&(_, e)| e == b);
    let name_starts_at = |b: usize| names.iter().any(|&(s, _)| s == b);
    let mut i = 0;
    while i < chars.len() {
        // A list separated by `、`: the chain of segments from here.
        if chars[i].1 == '、' && i > 0 {
            let mut seps = vec![i];
            let mut j = i + 1;
            loop {
                let mut k = j;
                while k < chars.len() && is_han(chars[k].1) && k - j < 8 {
                    k += 1;
                }
                if k > j && at(k) == Some('、') {
                    seps.push(k);
                    j = k + 1;
                } else {
                    break;
                }
            }
            let last = *seps.last().unwrap_or(&i);
            i = last + 1;
            let mut singles = Vec::new();
            let mut ok = true;
            // The first item: a character after punctuation or a
            // preposition, or a name ending at the first `、`.
            let first = seps[0] - 1;
            if let Some(code) = short(chars[first].1).filter(|_| !in_name(first)) {
                ok &= opens(first.checked_sub(1).and_then(at));
                singles.push((first, code));
            } else {
                ok &= name_ends_at(byte(seps[0]));
            }
            // Every item between two `、`.
            for w in seps.windows(2) {
                let (a, b) = (w[0] + 1, w[1]);
                if b == a + 1
                    && let Some(code) = short(chars[a].1).filter(|_| !in_name(a))
                {
                    singles.push((a, code));
                } else {
                    ok &= name_starts_at(byte(a)) && name_ends_at(byte(b));
                }
            }
            // The last item.
            let end = last + 1;
            if let Some(code) = at(end).and_then(short).filter(|_| !in_name(end)) {
                ok &= closes(&text[byte(end + 1)..], true);
                ok &= !languages_follow(&text[byte(end + 1)..]);
                singles.push((end, code));
            } else {
                ok &= name_starts_at(byte(end));
            }
            if ok && singles.len() >= 2 {
                out.extend(
                    singles
                        .into_iter()
                        .map(|(k, code)| (byte(k), byte(k + 1), code)),
                );
            }
            continue;
        }
        // A run written together.
        if short(chars[i].1).is_some() && !in_name(i) {
            let mut k = i;
            while k < chars.len() && short(chars[k].1).is_some() && !in_name(k) {
                k += 1;
            }
            let len = k - i;
            let rest = &text[byte(k)..];
            // 中米 is Central America in Japanese.
            let central_america = chars[i].1 == '中' && at(i + 1) == Some('米');
            if (2..=4).contains(&len)
                && opens(i.checked_sub(1).and_then(at))
                && at(k) != Some('、')
                && closes(rest, false)
                && !central_america
            {
                for (m, &(b, c)) in chars.iter().enumerate().take(k).skip(i) {
                    if let Some(code) = short(c) {
                        out.push((b, byte(m + 1), code));
                    }
                }
            }
            i = k;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_country_before_each_office() {
        let all: Vec<_> = super::compounds().collect();
        assert_eq!(all.len(), 11 * 16);
        assert!(all.contains(&("USA", "米大統領".to_string())));
    }

    fn codes(text: &str) -> Vec<&'static str> {
        super::enumerations(text, &[])
            .into_iter()
            .map(|(_, _, c)| c)
            .collect()
    }

    #[test]
    fn one_character_names_listed_together() {
        assert_eq!(
            codes("当年，日、俄、英、法、美这几个出力最多"),
            ["JPN", "RUS", "GBR", "FRA", "USA"]
        );
        assert_eq!(codes("虽然如此，德法却常常当叛徒"), ["DEU", "FRA"]);
        assert_eq!(codes("推动，中美关系发展"), ["CHN", "USA"]);
        assert_eq!(codes("今日、日米首脳会談が"), ["JPN", "USA"]);
        // Other lists and words made of the same characters.
        for text in [
            "德、智、体、美、劳全面发展",
            "分上、中、下三册",
            "这种方法很美丽",
            "，中美洲国家",
            "。日中は暑い",
            "提供中、英、法三种语言",
            "，中、英文对照",
            "完美、日常",
            "加德满都",
            "其中越来越多",
        ] {
            assert!(codes(text).is_empty(), "{text}: {:?}", codes(text));
        }
    }
}
