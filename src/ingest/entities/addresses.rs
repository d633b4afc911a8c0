//! The UN document a web address stands for, when the address names it:
//! a link is a citation even where the text never writes the symbol
//! (`[the text](https://undocs.org/S/RES/2118(2013))`, a link to
//! `…/s_res_2118.pdf`).
//!
//! Read from the address, percent-decoded: the path after `undocs.org/`
//! (and its language), a query's `symbol=`, `FinalSymbol=` or `DS=`
//! (the UN's document servers), and a resolution's symbol written into
//! a path or file name with `/`, `_` or `-` between its parts
//! (`/s/res/2118-(2013)`, `S_RES_2118_2013.pdf`, `A_RES_70_1.pdf`).
//! What comes back is the symbol as text, for the recogniser to read as
//! it reads a document's text.

use std::sync::LazyLock;

use regex::Regex;

/// The UN document symbol the address `url` names, written as a text
/// would write it (`S/RES/2118 (2013)`, `A/RES/70/1`, `A/74/130`).
pub fn symbol_in_address(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if !(lower.contains("res") || lower.contains("undocs") || lower.contains("symbol=")) {
        return None;
    }
    let decoded = crate::links::percent_decode(url);
    if let Some(s) = stated_symbol(&decoded) {
        return Some(s);
    }
    resolution_in_path(&decoded)
}

/// The symbol an address of the UN's document servers states whole.
fn stated_symbol(url: &str) -> Option<String> {
    static UNDOCS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^https?://(?:www\.)?undocs\.org/(?:(?:en|fr|es|ru|ar|zh)/)?([A-Z][^?#\s]*)",
        )
        .expect("undocs regex")
    });
    static QUERY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)[?&](?:symbol|finalsymbol|ds)=([A-Z][^&#\s]*)").expect("query regex")
    });
    let un_host = {
        let host = url
            .split_once("://")
            .map_or("", |(_, r)| r.split(['/', '?', '#']).next().unwrap_or(""))
            .to_ascii_lowercase();
        host == "un.org" || host.ends_with(".un.org") || host.ends_with("undocs.org")
    };
    let raw = un_host
        .then(|| QUERY.captures(url))
        .flatten()
        .or_else(|| UNDOCS.captures(url))?
        .get(1)?
        .as_str()
        .trim_end_matches(['/', '.']);
    // A symbol is written in capitals; its year in parentheses after a
    // space (`S/RES/2118(2013)` → `S/RES/2118 (2013)`).
    let s = raw
        .to_ascii_uppercase()
        .replace('(', " (")
        .replace("  (", " (");
    s.contains('/').then_some(s)
}

/// A resolution's symbol written into a path or a file's name.
fn resolution_in_path(url: &str) -> Option<String> {
    static SC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[^a-z0-9])s[/_-]res[/_-](\d{1,4})(?:[/_-]?\(?((?:19|20)\d\d)\)?)?(?:[^0-9]|$)")
            .expect("sc regex")
    });
    static GA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[^a-z0-9])a[/_-]res[/_-](\d{1,2})[/_-](\d{1,3})(?:[^0-9]|$)")
            .expect("ga regex")
    });
    // Only the path: a query names other things (`?res=1080`).
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if let Some(c) = GA.captures(path) {
        return Some(format!("A/RES/{}/{}", &c[1], &c[2]));
    }
    let c = SC.captures(path)?;
    Some(match c.get(2) {
        Some(y) => format!("S/RES/{} ({})", &c[1], y.as_str()),
        None => format!("S/RES/{}", &c[1]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_that_name_a_un_document() {
        for (url, want) in [
            ("https://undocs.org/S/RES/2118(2013)", "S/RES/2118 (2013)"),
            ("https://undocs.org/en/A/RES/70/1", "A/RES/70/1"),
            ("https://undocs.org/A/74/130", "A/74/130"),
            (
                "https://www.un.org/en/ga/search/view_doc.asp?symbol=A/RES/67/19",
                "A/RES/67/19",
            ),
            (
                "https://undocs.org/Home/Mobile?FinalSymbol=S%2FRES%2F2334(2016)&Language=E",
                "S/RES/2334 (2016)",
            ),
            (
                "https://www.securitycouncilreport.org/atf/cf/%7B65BFCF9B%7D/s_res_2118.pdf",
                "S/RES/2118",
            ),
            (
                "https://example.org/files/S_RES_1325_2000.pdf",
                "S/RES/1325 (2000)",
            ),
            (
                "https://main.un.org/securitycouncil/s/res/2231-%282015%29",
                "S/RES/2231 (2015)",
            ),
            ("https://example.org/docs/A_RES_70_1.pdf", "A/RES/70/1"),
        ] {
            assert_eq!(symbol_in_address(url).as_deref(), Some(want), "{url}");
        }
    }

    #[test]
    fn other_addresses_name_none() {
        for url in [
            "https://example.org/resources/2118",
            "https://example.org/press/ress-2118.html",
            "https://example.org/view?symbol=A/RES/70/1",
            "https://example.org/address/1234",
            "https://undocs.org/",
            "https://www.un.org/en/about-us",
            "https://example.org/s-resources/2020/report.pdf",
        ] {
            assert_eq!(symbol_in_address(url), None, "{url}");
        }
    }
}
