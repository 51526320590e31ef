//! String-backed XSD lexical types: the text is kept exactly as read
//! (validated), so values round-trip byte for byte, timezones included.

use crate::xml::{SimpleType, ValueError, XmlReader, XmlWriter};

macro_rules! lexical_type {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $check:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps a lexical form.
            pub fn new(lexical: impl Into<String>) -> Result<Self, ValueError> {
                let s = lexical.into();
                let t = s.trim();
                if $check(t.as_bytes()) {
                    Ok($name(if t.len() == s.len() { s } else { t.to_string() }))
                } else {
                    Err(ValueError::new(&s, $xsd))
                }
            }

            /// The lexical form.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                $name::new(s)
            }
        }

        impl SimpleType for $name {
            fn parse_text(text: &str, _r: &XmlReader<'_>) -> Result<Self, ValueError> {
                $name::new(text)
            }
            fn write_text(&self, w: &mut XmlWriter) {
                w.text(&self.0)
            }
        }

        crate::simple_xml!($name);
    };
}

lexical_type!(
    /// `xs:decimal` (and restrictions): arbitrary precision, kept as written.
    Decimal, "xs:decimal", is_decimal);
lexical_type!(
    /// `xs:integer` and its unbounded subtypes: arbitrary size, kept as written.
    Integer, "xs:integer", is_integer);
lexical_type!(
    /// `xs:dateTime`, e.g. `2024-05-01T12:00:00.5+02:00` (timezone optional, kept).
    DateTime, "xs:dateTime", is_date_time);
lexical_type!(
    /// `xs:date`, e.g. `2024-05-01Z`.
    Date, "xs:date", is_date);
lexical_type!(
    /// `xs:time`, e.g. `12:00:00-05:00`.
    Time, "xs:time", is_time);
lexical_type!(
    /// `xs:duration`, e.g. `P1Y2M3DT4H5M6.7S`.
    Duration, "xs:duration", is_duration);
lexical_type!(
    /// `xs:gYearMonth`, e.g. `2024-05`.
    GYearMonth, "xs:gYearMonth", is_g_year_month);
lexical_type!(
    /// `xs:gYear`, e.g. `2024`.
    GYear, "xs:gYear", is_g_year);
lexical_type!(
    /// `xs:gMonthDay`, e.g. `--05-01`.
    GMonthDay, "xs:gMonthDay", is_g_month_day);
lexical_type!(
    /// `xs:gDay`, e.g. `---01`.
    GDay, "xs:gDay", is_g_day);
lexical_type!(
    /// `xs:gMonth`, e.g. `--05`.
    GMonth, "xs:gMonth", is_g_month);

impl Integer {
    pub fn to_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }
    pub fn to_i128(&self) -> Option<i128> {
        self.0.parse().ok()
    }
}

impl From<i64> for Integer {
    fn from(v: i64) -> Self {
        Integer(v.to_string())
    }
}

impl Decimal {
    /// Approximate value (loses precision beyond f64).
    pub fn to_f64(&self) -> f64 {
        let t = self.0.strip_suffix('.').unwrap_or(&self.0);
        t.parse().unwrap_or(f64::NAN)
    }
}

impl From<i64> for Decimal {
    fn from(v: i64) -> Self {
        Decimal(v.to_string())
    }
}

impl DateTime {
    /// The timezone part (`Z`, `+02:00`), if any.
    pub fn timezone(&self) -> Option<&str> {
        split_tz(&self.0).1
    }
}

impl Date {
    pub fn timezone(&self) -> Option<&str> {
        split_tz(&self.0).1
    }
}

impl Time {
    pub fn timezone(&self) -> Option<&str> {
        split_tz(&self.0).1
    }
}

/// Splits a date/time lexical form into its body and its timezone suffix.
fn split_tz(s: &str) -> (&str, Option<&str>) {
    if let Some(body) = s.strip_suffix('Z') {
        return (body, Some("Z"));
    }
    let b = s.as_bytes();
    if b.len() >= 6 && (b[b.len() - 6] == b'+' || b[b.len() - 6] == b'-') && b[b.len() - 3] == b':'
    {
        let (body, tz) = s.split_at(s.len() - 6);
        // "--05-01" style g-types end in digits that look like "-05:00" only
        // when a colon is there, which the check above requires.
        return (body, Some(tz));
    }
    (s, None)
}

// --- validators -----------------------------------------------------------

fn digits(s: &[u8], i: &mut usize, min: usize, max: usize) -> bool {
    let start = *i;
    while *i < s.len() && s[*i].is_ascii_digit() && *i - start < max {
        *i += 1;
    }
    *i - start >= min
}

fn lit(s: &[u8], i: &mut usize, c: u8) -> bool {
    if s.get(*i) == Some(&c) {
        *i += 1;
        true
    } else {
        false
    }
}

fn is_integer(s: &[u8]) -> bool {
    let mut i = 0;
    let _ = lit(s, &mut i, b'+') || lit(s, &mut i, b'-');
    digits(s, &mut i, 1, usize::MAX) && i == s.len()
}

fn is_decimal(s: &[u8]) -> bool {
    let mut i = 0;
    let _ = lit(s, &mut i, b'+') || lit(s, &mut i, b'-');
    let a = i;
    digits(s, &mut i, 0, usize::MAX);
    let mut count = i - a;
    if lit(s, &mut i, b'.') {
        let b = i;
        digits(s, &mut i, 0, usize::MAX);
        count += i - b;
    }
    count > 0 && i == s.len()
}

fn tz(s: &[u8], i: &mut usize) -> bool {
    if *i == s.len() || lit(s, i, b'Z') {
        return *i == s.len();
    }
    (lit(s, i, b'+') || lit(s, i, b'-'))
        && digits(s, i, 2, 2)
        && lit(s, i, b':')
        && digits(s, i, 2, 2)
        && *i == s.len()
}

fn year(s: &[u8], i: &mut usize) -> bool {
    let _ = lit(s, i, b'-');
    digits(s, i, 4, usize::MAX)
}

fn date_body(s: &[u8], i: &mut usize) -> bool {
    year(s, i) && lit(s, i, b'-') && digits(s, i, 2, 2) && lit(s, i, b'-') && digits(s, i, 2, 2)
}

fn time_body(s: &[u8], i: &mut usize) -> bool {
    let ok = digits(s, i, 2, 2)
        && lit(s, i, b':')
        && digits(s, i, 2, 2)
        && lit(s, i, b':')
        && digits(s, i, 2, 2);
    ok && (!lit(s, i, b'.') || digits(s, i, 1, usize::MAX))
}

fn is_date_time(s: &[u8]) -> bool {
    let mut i = 0;
    date_body(s, &mut i) && lit(s, &mut i, b'T') && time_body(s, &mut i) && tz(s, &mut i)
}

fn is_date(s: &[u8]) -> bool {
    let mut i = 0;
    date_body(s, &mut i) && tz(s, &mut i)
}

fn is_time(s: &[u8]) -> bool {
    let mut i = 0;
    time_body(s, &mut i) && tz(s, &mut i)
}

fn is_g_year_month(s: &[u8]) -> bool {
    let mut i = 0;
    year(s, &mut i) && lit(s, &mut i, b'-') && digits(s, &mut i, 2, 2) && tz(s, &mut i)
}

fn is_g_year(s: &[u8]) -> bool {
    let mut i = 0;
    year(s, &mut i) && tz(s, &mut i)
}

fn is_g_month_day(s: &[u8]) -> bool {
    let mut i = 0;
    lit(s, &mut i, b'-')
        && lit(s, &mut i, b'-')
        && digits(s, &mut i, 2, 2)
        && lit(s, &mut i, b'-')
        && digits(s, &mut i, 2, 2)
        && tz(s, &mut i)
}

fn is_g_day(s: &[u8]) -> bool {
    let mut i = 0;
    lit(s, &mut i, b'-')
        && lit(s, &mut i, b'-')
        && lit(s, &mut i, b'-')
        && digits(s, &mut i, 2, 2)
        && tz(s, &mut i)
}

fn is_g_month(s: &[u8]) -> bool {
    let mut i = 0;
    lit(s, &mut i, b'-') && lit(s, &mut i, b'-') && digits(s, &mut i, 2, 2) && tz(s, &mut i)
}

fn is_duration(s: &[u8]) -> bool {
    let mut i = 0;
    let _ = lit(s, &mut i, b'-');
    if !lit(s, &mut i, b'P') {
        return false;
    }
    let mut any = false;
    let mut in_time = false;
    let mut last_unit = 0usize;
    const UNITS: &[u8] = b"YMDTHMS";
    while i < s.len() {
        if lit(s, &mut i, b'T') {
            if in_time {
                return false;
            }
            in_time = true;
            last_unit = 3;
            if i == s.len() {
                return false;
            }
            continue;
        }
        if !digits(s, &mut i, 1, usize::MAX) {
            return false;
        }
        let frac = lit(s, &mut i, b'.');
        if frac && !digits(s, &mut i, 1, usize::MAX) {
            return false;
        }
        let Some(&unit) = s.get(i) else { return false };
        i += 1;
        let range = if in_time { 4..7 } else { 0..3 };
        let Some(pos) = UNITS[range.clone()]
            .iter()
            .position(|&u| u == unit)
            .map(|p| p + range.start)
        else {
            return false;
        };
        if pos < last_unit || (frac && unit != b'S') {
            return false;
        }
        last_unit = pos + 1;
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_forms() {
        assert!(DateTime::new("2024-05-01T12:00:00.5+02:00").is_ok());
        assert_eq!(
            DateTime::new("2024-05-01T12:00:00Z").unwrap().timezone(),
            Some("Z")
        );
        assert!(DateTime::new("2024-05-01 12:00:00").is_err());
        assert!(Date::new("2024-05-01").is_ok());
        assert!(Time::new("23:59:60-05:00").is_ok());
        assert!(Duration::new("P1Y2M3DT4H5M6.7S").is_ok());
        assert!(Duration::new("PT").is_err());
        assert!(Duration::new("P1S").is_err());
        assert!(Decimal::new("-1.50").is_ok());
        assert!(Decimal::new(".5").is_ok());
        assert!(Decimal::new(".").is_err());
        assert!(Integer::new("+123456789012345678901234567890").is_ok());
        assert!(GMonthDay::new("--05-01").is_ok());
        assert!(GDay::new("---01Z").is_ok());
        assert!(GYear::new("-0044").is_ok());
    }
}
