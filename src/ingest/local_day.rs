//! The day a page was published in its own time zone, when its metadata
//! states the moment in UTC (`2023-11-09T03:28:35Z`, `+00:00`): near
//! midnight the UTC day is not the day the page shows its readers
//! (`November 8, 2023 at 10:28 p.m.`).
//!
//! Only the page's own evidence moves the day: the same moment written
//! with another offset (`2023-11-08T22:28:35-05:00`) or as a local clock
//! time with the same minutes and seconds (`2023-11-08 22:28:35`), else a
//! date shown by the headline one day from the UTC day, on the side the
//! UTC clock allows (from 20:00 UTC a zone up to four hours east is a day
//! ahead; before 10:00 a zone up to ten hours west a day behind).

use std::sync::LazyLock;

use regex::Regex;

use super::model::{Candidate, Origin};

/// A date with a clock time and, when stated, its offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    /// Days since 1970-01-01.
    day: i64,
    /// Seconds since the day's midnight.
    secs: i64,
    /// Minutes east of UTC, `None` for a local clock time.
    offset: Option<i64>,
}

impl Stamp {
    /// Seconds since the epoch, in UTC (a local time as if it were UTC).
    fn instant(&self) -> i64 {
        self.day * 86_400 + self.secs - self.offset.unwrap_or(0) * 60
    }
}

/// `2023-11-09T03:28:35Z`, `2020-01-20T09:49:32+0000`, `2023-11-08
/// 17:49:09`, `2020-12-05T23:15:0Z`.
static ISO_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{1,2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$",
    )
    .unwrap()
});

/// RFC 2822 (`Sat, 19 Oct 2019 00:04:00 +0200`), as `<meta name=date>`
/// and feeds write it.
static RFC_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:[a-z]{3},?\s+)?(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$",
    )
    .unwrap()
});

/// A shown time that says it is UTC (`22:57 GMT 28.04.2020`) is no
/// local day.
static UTC_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^A-Za-z])(?:GMT|UTC)(?:[^A-Za-z]|$)").unwrap());

fn parse(value: &str) -> Option<Stamp> {
    let (y, mo, d, h, mi, s, zone) = if let Some(c) = ISO_STAMP.captures(value) {
        (
            c[1].parse().ok()?,
            c[2].parse().ok()?,
            c[3].parse().ok()?,
            c[4].parse::<i64>().ok()?,
            c[5].parse::<i64>().ok()?,
            c.get(6)
                .map_or(Some(0), |m| m.as_str().parse::<i64>().ok())?,
            c.get(7).map(|m| m.as_str().to_string()),
        )
    } else {
        let c = RFC_STAMP.captures(value)?;
        let month = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .position(|m| c[2].eq_ignore_ascii_case(m))?;
        (
            c[3].parse().ok()?,
            u32::try_from(month + 1).ok()?,
            c[1].parse().ok()?,
            c[4].parse::<i64>().ok()?,
            c[5].parse::<i64>().ok()?,
            c.get(6)
                .map_or(Some(0), |m| m.as_str().parse::<i64>().ok())?,
            c.get(7).map(|m| m.as_str().to_string()),
        )
    };
    if h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let offset = match zone.as_deref() {
        None => None,
        Some(z) if z.eq_ignore_ascii_case("z") || z.len() == 3 => Some(0),
        Some(z) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z.chars().filter(char::is_ascii_digit).collect();
            let (hh, mm) = digits.split_at(2);
            Some(sign * (hh.parse::<i64>().ok()? * 60 + mm.parse::<i64>().ok()?))
        }
    };
    Some(Stamp {
        day: days_from_civil(y, mo, d)?,
        secs: h * 3600 + mi * 60 + s,
        offset,
    })
}

/// Days from one `YYYY-MM-DD` to another.
pub fn days_apart(a: &str, b: &str) -> Option<i64> {
    let day = |s: &str| {
        let mut it = s.splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        days_from_civil(y, m, d)
    };
    Some(day(b)? - day(a)?)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
fn civil(day: i64) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The local day of `chosen`, a date the page states, when it is a UTC
/// moment and the page's other dates (`others`, all of its date
/// candidates; `read` reads a shown one) say which day that moment was
/// where the page was published. `None`: keep the stated day.
pub fn local_day(
    chosen: &str,
    others: &[&Candidate],
    read: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let utc = parse(chosen).filter(|s| s.offset == Some(0))?;
    let instant = utc.instant();
    // The same moment in the page's own zone.
    for c in others {
        let Some(s) = parse(&c.value) else { continue };
        let same = match s.offset {
            Some(0) => false,
            Some(_) => (s.instant() - instant).abs() <= 60,
            // A local clock: a whole number of quarter hours from UTC, at
            // most 14 hours, to the second; a time on the minute
            // (`2025-04-07 18:15:00`, a teaser's) may be any other moment.
            None => {
                let delta = s.instant() - instant;
                delta != 0 && delta % 900 == 0 && delta.abs() <= 14 * 3600 && s.secs % 60 != 0
            }
        };
        if same && s.day != utc.day {
            return Some(civil(s.day));
        }
    }
    // A day shown by the headline, one from the UTC day on the side the
    // UTC clock allows.
    let shown = others
        .iter()
        .filter(|c| c.origin == Origin::ShownDate && parse(&c.value).is_none())
        .find_map(|c| Some((read(&c.value)?, UTC_WORD.is_match(&c.value))))
        .filter(|(_, utc)| !utc)
        .map(|(day, _)| day)?;
    // The zones of most of the world's publishers: at most four hours
    // east of UTC (Europe, Africa, the Gulf) or ten west (the Americas).
    let next = if utc.secs >= 20 * 3600 {
        1
    } else if utc.secs < 10 * 3600 {
        -1
    } else {
        return None;
    };
    (shown == civil(utc.day + next)).then_some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::model::Field;

    fn cand(value: &str, origin: Origin) -> Candidate {
        Candidate {
            field: Field::Date,
            value: value.to_string(),
            origin,
        }
    }

    fn day_of(chosen: &str, others: &[Candidate]) -> Option<String> {
        let refs: Vec<&Candidate> = others.iter().collect();
        local_day(chosen, &refs, |t| {
            crate::ingest::metadata::normalize_date(t, "en")
        })
    }

    #[test]
    fn the_same_moment_with_the_pages_offset_gives_its_day() {
        let others = [cand("2023-11-08T22:28:35-05:00", Origin::JsonLd)];
        assert_eq!(
            day_of("2023-11-09T03:28:35Z", &others).as_deref(),
            Some("2023-11-08")
        );
        let others = [cand("Sat, 19 Oct 2019 00:04:00 +0200", Origin::MetaTag)];
        assert_eq!(
            day_of("2019-10-18T22:04:00Z", &others).as_deref(),
            Some("2019-10-19")
        );
    }

    #[test]
    fn a_local_clock_with_the_same_minutes_gives_its_day() {
        let others = [cand("2023-11-08 17:49:09", Origin::JsonLd)];
        assert_eq!(
            day_of("2023-11-09T01:49:09+00:00", &others).as_deref(),
            Some("2023-11-08")
        );
        // A time on the minute a whole number of quarter hours away is
        // another moment (a teaser's), not this one in local time.
        let others = [cand("2025-04-07 18:15:00", Origin::ShownDate)];
        assert_eq!(day_of("2025-04-08T03:00:00Z", &others), None);
        // Other minutes: another moment, not this one in local time.
        let others = [cand("2023-11-08 17:41:09", Origin::JsonLd)];
        assert_eq!(day_of("2023-11-09T01:49:09+00:00", &others), None);
    }

    #[test]
    fn a_day_shown_by_the_headline_moves_a_utc_moment_to_it() {
        let others = [cand("02 November 2023", Origin::ShownDate)];
        assert_eq!(
            day_of("2023-11-01T23:01:00Z", &others).as_deref(),
            Some("2023-11-02")
        );
        // Before 20:00 UTC no publisher's zone is a day ahead.
        assert_eq!(day_of("2023-11-01T09:01:00Z", &others), None);
        assert_eq!(day_of("2023-11-01T19:35:00Z", &others), None);
        // A shown time in UTC is the same day as the metadata's.
        let others = [cand("(updated 11:14 GMT 02.11.2023)", Origin::ShownDate)];
        assert_eq!(day_of("2023-11-01T23:01:00Z", &others), None);
        // Two days away is another date, not a zone.
        let others = [cand("3 November 2023", Origin::ShownDate)];
        assert_eq!(day_of("2023-11-01T23:01:00Z", &others), None);
    }

    #[test]
    fn a_stated_offset_or_a_date_alone_is_kept() {
        let others = [cand("2023-11-02", Origin::ShownDate)];
        assert_eq!(day_of("2023-11-01T23:01:00+01:00", &others), None);
        assert_eq!(day_of("2023-11-01", &others), None);
    }

    #[test]
    fn days_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2023, 12, 31), (1999, 3, 1)] {
            let n = days_from_civil(y, m, d).unwrap_or_default();
            assert_eq!(civil(n), format!("{y:04}-{m:02}-{d:02}"));
        }
    }
}
