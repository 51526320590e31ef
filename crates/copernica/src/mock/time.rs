//! Timestamps in the API's `'YYYY-MM-DD hh:mm:ss'` form (UTC) and the store's clock.

use std::time::{SystemTime, UNIX_EPOCH};

/// Where the store reads "now" from.
///
/// Tests use [`Clock::Fixed`] so that `created`/`modified` values are predictable;
/// a fixed clock can be moved with [`crate::mock::Store::set_time`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A fixed Unix time in seconds.
    Fixed(i64),
}

impl Clock {
    /// Current Unix time in seconds.
    pub fn now(&self) -> i64 {
        match self {
            Clock::Fixed(t) => *t,
            Clock::System => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0),
        }
    }
}

/// Civil date (year, month 1..=12, day 1..=31) of a day count since 1970-01-01.
///
/// Howard Hinnant's `civil_from_days`; exact for the whole proleptic Gregorian range
/// that `i64` seconds can reach in practice, and free of any date crate.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (y, m as u32, d as u32)
}

/// Year and month of a Unix time, as used to bucket [`Account_stats`] counters.
pub(crate) fn year_month(unix: i64) -> (i64, u32) {
    let (y, m, _) = civil_from_days(unix.div_euclid(86_400));
    (y, m)
}

/// Formats a Unix time as `YYYY-MM-DD hh:mm:ss` (UTC).
pub fn format_timestamp(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// Parses `YYYY-MM-DD hh:mm:ss` or `YYYY-MM-DD` (UTC) into a Unix time.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut dp = date.splitn(3, '-');
    let y: i64 = dp.next()?.parse().ok()?;
    let m: i64 = dp.next()?.parse().ok()?;
    let d: i64 = dp.next()?.parse().ok()?;
    // Bounded ranges keep the arithmetic below far from overflow on hostile input.
    if !(0..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (hh, mm, ss) = match time {
        None => (0, 0, 0),
        Some(t) => {
            let mut tp = t.splitn(3, ':');
            let hh: i64 = tp.next()?.parse().ok()?;
            let mm: i64 = tp.next().unwrap_or("0").parse().ok()?;
            let ss: i64 = tp.next().unwrap_or("0").parse().ok()?;
            if !(0..=23).contains(&hh) || !(0..=59).contains(&mm) || !(0..=60).contains(&ss) {
                return None;
            }
            (hh, mm, ss)
        }
    };
    // days_from_civil, the inverse of civil_from_days.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        assert_eq!(format_timestamp(0), "1970-01-01 00:00:00");
        assert_eq!(format_timestamp(1_736_849_727), "2025-01-14 10:15:27");
        assert_eq!(parse_timestamp("2025-01-14 10:15:27"), Some(1_736_849_727));
        assert_eq!(parse_timestamp("2024-02-29"), Some(1_709_164_800));
        assert_eq!(parse_timestamp("2024-13-01"), None);
        assert_eq!(parse_timestamp("garbage"), None);
        assert_eq!(parse_timestamp("99999999999999999-01-01"), None);
        assert_eq!(parse_timestamp("2025-01-01 25:00:00"), None);
        assert_eq!(year_month(1_736_849_727), (2025, 1));
    }
}
