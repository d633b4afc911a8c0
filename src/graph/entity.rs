//! What an entity id says about itself: the organ, year and session of a
//! UN resolution (`S/RES/2341 (2017)`, `A/RES/73/187`) and the address
//! of a UN document's official text.

use serde::Serialize;

/// Facts derived from a resolution symbol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolutionInfo {
    /// `security-council`, `general-assembly`, `economic-and-social-council`
    /// or `other` (a key of the UI strings).
    pub organ: String,
    /// The resolution's number within its organ (`2341`, `73/187`).
    pub number: String,
    pub year: Option<u32>,
    /// General Assembly session (`73`).
    pub session: Option<u32>,
}

/// First year of General Assembly session N (session 1 opened in 1946).
pub fn session_year(session: u32) -> u32 {
    1945 + session
}

/// Derives organ, number, year and session from a resolution symbol.
/// `None` when the id is not a resolution symbol.
pub fn resolution_info(symbol: &str) -> Option<ResolutionInfo> {
    let s = symbol.trim();
    let (prefix, rest) = s.split_once("/RES/")?;
    let organ = match prefix {
        "S" => "security-council",
        "A" => "general-assembly",
        "E" => "economic-and-social-council",
        _ => "other",
    };
    // `2341 (2017)` or `2341(2017)`.
    let (number, year) = match rest.split_once('(') {
        Some((n, y)) => {
            let y = y.trim_end_matches(')').trim();
            (n.trim().to_string(), y.parse().ok())
        }
        None => (rest.trim().to_string(), None),
    };
    let session = if prefix == "A" {
        number.split('/').next().and_then(|n| n.parse::<u32>().ok())
    } else {
        None
    };
    let year = year.or_else(|| session.map(session_year));
    Some(ResolutionInfo {
        organ: organ.to_string(),
        number,
        year,
        session,
    })
}

/// The official text of a UN document on undocs.org
/// (`S/RES/2341 (2017)` → `https://undocs.org/S/RES/2341(2017)`).
pub fn official_url(symbol: &str) -> String {
    let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    format!("https://undocs.org/{compact}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_council_resolutions_carry_their_year() {
        let r = resolution_info("S/RES/2341 (2017)").unwrap();
        assert_eq!(r.organ, "security-council");
        assert_eq!(r.number, "2341");
        assert_eq!(r.year, Some(2017));
        assert_eq!(r.session, None);
        assert_eq!(
            resolution_info("S/RES/2396(2017)").unwrap().year,
            Some(2017)
        );
    }

    #[test]
    fn general_assembly_year_comes_from_the_session() {
        let r = resolution_info("A/RES/73/187").unwrap();
        assert_eq!(r.organ, "general-assembly");
        assert_eq!(r.number, "73/187");
        assert_eq!(r.session, Some(73));
        assert_eq!(r.year, Some(2018));
        assert_eq!(resolution_info("A/RES/1/1").unwrap().year, Some(1946));
    }

    #[test]
    fn other_symbols() {
        assert_eq!(resolution_info("S/2015/939"), None);
        assert_eq!(resolution_info("ARG"), None);
        let e = resolution_info("E/RES/2019/19").unwrap();
        assert_eq!(e.organ, "economic-and-social-council");
        assert_eq!(e.year, None);
        assert_eq!(
            official_url("S/RES/2341 (2017)"),
            "https://undocs.org/S/RES/2341(2017)"
        );
        assert_eq!(official_url("S/2015/939"), "https://undocs.org/S/2015/939");
    }
}
